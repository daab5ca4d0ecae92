"""Who is told about plans, follow-up, annual reports and governing documents."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail

from actionplans.models import AnnualReport, DepartmentPlan, FollowUpPart
from actionplans.services import followup, plans, strategies
from intl_portal.notifications.models import Notification
from reports import services as report_services
from tests import factories
from tests.actionplans.test_plan_workflow import DECISION, _accepted_plan, _goal_data
from tests.conftest import World
from tests.notifications.helpers import deliver_waiting, recipients_of

pytestmark = pytest.mark.django_db


def test_department_plan_submitted_returned_accepted(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)
    plans.goal_create(user=world.contact, plan=plan, data=_goal_data(world))
    department_plan = DepartmentPlan.objects.get(plan=plan)

    plans.department_plan_submit(user=world.contact, department_plan=department_plan)
    assert recipients_of("department_plan_submitted") == {"sara"}

    plans.department_plan_return(
        user=world.coordinator, department_plan=department_plan, comment="Fler mål."
    )
    assert recipients_of("department_plan_returned") == {"karin"}
    assert Notification.objects.get(kind="department_plan_returned").params["comment"] == (
        "Fler mål."
    )

    plans.department_plan_submit(user=world.contact, department_plan=department_plan)
    plans.department_plan_accept(user=world.coordinator, department_plan=department_plan)
    assert recipients_of("department_plan_accepted") == {"karin"}


def test_plan_proposed_and_adopted(world: World) -> None:
    second = factories.UserFactory(username="sven", role="coordinator")
    plan = plans.plan_propose(user=world.coordinator, plan=_accepted_plan(world))
    assert recipients_of("plan_proposed") == {"sven", "karin"}

    plans.plan_adopt(user=world.coordinator, plan=plan, **DECISION)
    assert recipients_of("plan_adopted") == {"sven", "karin", "per"}
    assert second.pk


def test_followup_round_opened_tells_every_department_with_the_deadline(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026, status="adopted")
    factories.GoalFactory(plan=plan, department=world.own_department)
    factories.GoalFactory(plan=plan, department=world.other_department)
    deadline = datetime.date.today() + datetime.timedelta(days=30)

    followup.followup_round_open(user=world.coordinator, plan=plan, deadline=deadline)

    assert recipients_of("followup_opened") == {"karin", "kalle"}
    karins = Notification.objects.get(kind="followup_opened", recipient=world.contact)
    assert karins.params["deadline"] == deadline.isoformat()
    assert karins.params["department"] == world.own_department.name
    deliver_waiting()
    assert deadline.isoformat() in mail.outbox[0].subject


def test_followup_part_ready_returned_accepted(world: World) -> None:
    part = factories.FollowUpPartFactory(department=world.own_department)
    goal = factories.GoalFactory(plan=part.round.plan, department=world.own_department)
    factories.GoalOutcomeFactory(goal=goal)

    followup.followup_part_mark_ready(user=world.contact, part=part)
    assert recipients_of("followup_part_ready") == {"sara"}

    followup.followup_part_return(user=world.coordinator, part=part, comment="Analys saknas.")
    assert recipients_of("followup_part_returned") == {"karin"}

    followup.followup_part_mark_ready(user=world.contact, part=part)
    followup.followup_part_accept(user=world.coordinator, part=part)
    assert recipients_of("followup_part_accepted") == {"karin"}
    assert FollowUpPart.objects.get().status == FollowUpPart.Status.ACCEPTED


def test_the_annual_report_tells_whoever_asked(world: World, settings: Any) -> None:
    failed = factories.AnnualReportFactory(
        requested_by=world.coordinator, state=AnnualReport.State.RUNNING
    )
    report_services.report_fail(report_id=failed.pk, reason="Trasig bild")
    row = Notification.objects.get(kind="report_failed")
    assert row.recipient == world.coordinator and row.params["reason"] == "Trasig bild"

    report_services.report_fail(report_id=failed.pk, reason="igen")  # already failed: no news
    assert Notification.objects.filter(kind="report_failed").count() == 1


def test_the_annual_report_done_reaches_the_requester(world: World) -> None:
    report = factories.AnnualReportFactory(requested_by=world.coordinator)
    assert report_services.report_claim(report_id=report.pk, token="t")
    AnnualReport.objects.filter(pk=report.pk).update(version=1)

    report_services._report_store(report_id=report.pk, token="t", pdf=b"%PDF-1.7", pages=1)

    row = Notification.objects.get(kind="report_done")
    assert row.recipient == world.coordinator and row.params["version"] == 1


def test_strategy_revision_due_is_announced_once(world: World, settings: Any) -> None:
    settings.STRATEGY_REVISION_NOTICE_DAYS = 90
    today = datetime.date(2028, 1, 15)
    due = factories.StrategyFactory(revision_due=datetime.date(2028, 3, 1))
    factories.StrategyFactory(revision_due=datetime.date(2029, 3, 1))  # not yet

    strategies.strategies_announce_revisions(today=today)
    strategies.strategies_announce_revisions(today=today + datetime.timedelta(days=1))

    row = Notification.objects.get(kind="strategy_revision_due")
    assert row.recipient == world.coordinator
    assert row.params["title"] == due.title and row.params["due"] == "2028-03-01"
