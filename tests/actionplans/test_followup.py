"""The follow-up round through its services: open, report, ready, return, accept, close,
reminders; and the optimistic lock on outcomes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from actionplans.models import (
    ActionPlan,
    FollowUpPart,
    FollowUpReminder,
    FollowUpRound,
    GoalOutcome,
)
from actionplans.services import followup
from actionplans.tasks import send_followup_reminders
from intl_portal.celery import app as celery_app
from intl_portal.lib.concurrency import EditConflict, Opened
from tests import factories
from tests.conftest import World
from tests.notifications.helpers import deliver_waiting

TODAY = datetime.date(2027, 1, 20)


def _adopted_plan(world: World) -> ActionPlan:
    plan = factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.ADOPTED)
    for department in (world.own_department, world.other_department):
        factories.GoalFactory(plan=plan, department=department)
    factories.GoalFactory(plan=plan, department=None)
    return plan


def _open(world: World) -> FollowUpRound:
    return followup.followup_round_open(
        user=world.coordinator,
        plan=_adopted_plan(world),
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )


def _report(user: Any, goal: Any, **extra: Any) -> GoalOutcome:
    data = {
        "value": Decimal(12),
        "status": GoalOutcome.Status.PARTLY,
        "trend": "better",
        "comment": "Analys.",
    }
    data.update(extra)
    if "version" in data:  # the version the form showed; 0: opened before any outcome existed
        data["opened"] = Opened(version=data.pop("version") or None)
    return followup.goal_outcome_record(user=user, goal=goal, **data)


def test_opening_a_round_gives_every_department_with_goals_a_part(world: World) -> None:
    followup_round = _open(world)

    departments = set(followup_round.parts.values_list("department_id", flat=True))
    assert departments == {world.own_department.pk, world.other_department.pk}
    assert set(followup_round.parts.values_list("status", flat=True)) == {"not_started"}


def test_only_an_adopted_plan_can_be_followed_up(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)
    with pytest.raises(ValidationError, match="fastställd"):
        followup.followup_round_open(
            user=world.coordinator, plan=plan, deadline=timezone.localdate()
        )


def test_contact_cannot_open_a_round(world: World) -> None:
    with pytest.raises(PermissionDenied):
        followup.followup_round_open(
            user=world.contact, plan=_adopted_plan(world), deadline=timezone.localdate()
        )


def test_contact_reports_own_goal_with_status_trend_and_analysis(world: World) -> None:
    followup_round = _open(world)
    goal = followup_round.plan.goals.get(department=world.own_department)

    outcome = _report(world.contact, goal)

    assert (outcome.value, outcome.status, outcome.trend) == (Decimal(12), "partly", "better")
    part = followup_round.parts.get(department=world.own_department)
    assert part.status == FollowUpPart.Status.IN_PROGRESS


def test_not_measured_needs_no_value(world: World) -> None:
    goal = _open(world).plan.goals.get(department=world.own_department)

    outcome = _report(world.contact, goal, value=None, status=GoalOutcome.Status.NOT_MEASURED)

    assert outcome.value is None and outcome.get_status_display() == "Inte mätt"


def test_a_value_is_needed_unless_not_measured(world: World) -> None:
    goal = _open(world).plan.goals.get(department=world.own_department)
    with pytest.raises(ValidationError, match="Inte mätt"):
        _report(world.contact, goal, value=None, status=GoalOutcome.Status.ACHIEVED)


def test_contact_cannot_report_for_other_department(world: World) -> None:
    goal = _open(world).plan.goals.get(department=world.own_department)
    with pytest.raises(PermissionDenied):
        _report(world.other_contact, goal)


def test_second_save_from_a_stale_form_is_refused(world: World) -> None:
    goal = _open(world).plan.goals.get(department=world.own_department)
    first = _report(world.contact, goal, version=0)
    _report(world.coordinator, goal, value=Decimal(14), version=first.version)

    with pytest.raises(EditConflict) as conflict:
        _report(world.contact, goal, value=Decimal(99), version=first.version)

    assert conflict.value.current.value == Decimal(14)
    assert GoalOutcome.objects.get(goal=goal).value == Decimal(14)


def test_two_first_reports_of_the_same_goal_conflict(world: World) -> None:
    goal = _open(world).plan.goals.get(department=world.own_department)
    _report(world.contact, goal, version=0)

    with pytest.raises(EditConflict):
        _report(world.coordinator, goal, value=Decimal(1), version=0)


def test_ready_needs_every_goal_reported_and_then_locks_the_contact(world: World) -> None:
    followup_round = _open(world)
    part = followup_round.parts.get(department=world.own_department)
    goal = followup_round.plan.goals.get(department=world.own_department)
    with pytest.raises(ValidationError, match="saknar uppföljning"):
        followup.followup_part_mark_ready(user=world.contact, part=part)

    _report(world.contact, goal)
    part = followup.followup_part_mark_ready(user=world.contact, part=part)

    assert part.status == FollowUpPart.Status.READY and part.ready_at is not None
    with pytest.raises(PermissionDenied):
        _report(world.contact, goal)


def test_coordinator_returns_with_comment_then_accepts_and_closes(world: World) -> None:
    followup_round = _open(world)
    for department, contact in (
        (world.own_department, world.contact),
        (world.other_department, world.other_contact),
    ):
        _report(contact, followup_round.plan.goals.get(department=department))
        followup.followup_part_mark_ready(
            user=contact, part=followup_round.parts.get(department=department)
        )
    own = followup_round.parts.get(department=world.own_department)

    with pytest.raises(ValidationError):
        followup.followup_part_return(user=world.coordinator, part=own, comment=" ")
    own = followup.followup_part_return(
        user=world.coordinator, part=own, comment="Analysen saknas."
    )
    assert own.status == FollowUpPart.Status.RETURNED
    with pytest.raises(ValidationError, match="inte godkänd"):
        followup.followup_round_close(user=world.coordinator, followup_round=followup_round)

    _report(world.contact, followup_round.plan.goals.get(department=world.own_department))
    followup.followup_part_mark_ready(user=world.contact, part=own)
    for part in followup_round.parts.all():
        followup.followup_part_accept(user=world.coordinator, part=part)
    closed = followup.followup_round_close(user=world.coordinator, followup_round=followup_round)

    assert closed.status == FollowUpRound.Status.CLOSED


def test_contact_cannot_accept_a_part(world: World) -> None:
    part = factories.FollowUpPartFactory(
        department=world.own_department, status=FollowUpPart.Status.READY
    )
    with pytest.raises(PermissionDenied):
        followup.followup_part_accept(user=world.contact, part=part)


def test_board_says_late_for_a_part_not_ready_after_the_deadline(world: World) -> None:
    part = factories.FollowUpPartFactory(
        round__deadline=timezone.localdate() - datetime.timedelta(days=1),
        department=world.own_department,
    )
    assert part.board_state == ("late", "Försenad")
    part.status, part.ready_at = FollowUpPart.Status.READY, timezone.now()
    assert part.board_state == ("late", "Klar, men sent")


# --- Reminders ------------------------------------------------------------------------------


def _round_due_in(world: World, days: int) -> FollowUpRound:
    followup_round = factories.FollowUpRoundFactory(deadline=TODAY + datetime.timedelta(days=days))
    factories.FollowUpPartFactory(round=followup_round, department=world.own_department)
    factories.FollowUpPartFactory(
        round=followup_round,
        department=world.other_department,
        status=FollowUpPart.Status.READY,
    )
    return followup_round


@pytest.mark.parametrize("days", [7, 0])
def test_reminders_go_to_contacts_of_parts_not_ready(
    world: World, settings: Any, days: int
) -> None:
    settings.FOLLOWUP_REMINDER_DAYS = [7, 0]
    _round_due_in(world, days)

    assert followup.followup_send_reminders(today=TODAY) == 1

    deliver_waiting()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.contact.email]
    assert "Påminnelse" in mail.outbox[0].subject
    assert FollowUpReminder.objects.get().days_before == days


def test_reminders_are_sent_once_a_day(world: World, settings: Any) -> None:
    settings.FOLLOWUP_REMINDER_DAYS = [7, 0]
    _round_due_in(world, 0)

    followup.followup_send_reminders(today=TODAY)
    assert followup.followup_send_reminders(today=TODAY) == 0

    deliver_waiting()
    assert len(mail.outbox) == 1


def test_no_reminder_on_other_days(world: World, settings: Any) -> None:
    settings.FOLLOWUP_REMINDER_DAYS = [7, 0]
    _round_due_in(world, 3)

    assert followup.followup_send_reminders(today=TODAY) == 0
    assert not mail.outbox


def test_reminder_task_is_scheduled_daily_in_the_one_beat_schedule() -> None:
    entries = {e["task"]: e for e in celery_app.conf.beat_schedule.values()}
    assert "actionplans.send_followup_reminders" in entries

    assert send_followup_reminders.name == "actionplans.send_followup_reminders"
