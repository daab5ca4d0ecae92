"""Marking calls, starting an idea from a call, and the deadline reminders."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from funding import selectors, services
from funding.models import Call, CallIdea, CallInterest, CallReminder
from projects.models import Project
from tests import factories
from tests.conftest import World
from tests.funding.helpers import make_call
from tests.notifications.helpers import deliver_waiting, recipients_of

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)


def test_starting_an_idea_links_the_call_and_prefills_the_project(world: World) -> None:
    call = make_call(cofinancing_rate=Decimal("80"), grant_max=Decimal(60000))

    project = services.idea_start(user=world.contact, call=call)

    assert project.phase == Project.Phase.IDEA
    assert project.status == Project.Status.DRAFT
    assert project.department == world.own_department
    assert project.programme == call.programme
    assert project.title == call.title
    assert "2027-02-19" in project.summary  # the deadline
    assert "80 %" in project.cofinancing_note and "60\xa0000 EUR" in project.cofinancing_note
    assert project.cofinancing_eu is True  # an Erasmus+ call through UHR: EU funding checked
    assert CallIdea.objects.get(project=project).call == call
    assert CallInterest.objects.get(call=call, department=world.own_department).mark == (
        CallInterest.Mark.INTERESTED
    )


def test_idea_without_known_rate_says_so(world: World) -> None:
    call = make_call(cofinancing_rate=None)
    project = services.idea_start(user=world.contact, call=call)
    assert "uppgift saknas" in project.cofinancing_note


def test_council_member_may_neither_mark_nor_start(world: World) -> None:
    call = make_call()
    with pytest.raises(PermissionDenied):
        services.interest_mark(user=world.council, call=call, mark="interested")
    with pytest.raises(PermissionDenied):
        services.idea_start(user=world.council, call=call)


def test_contact_marks_for_own_department_only(world: World) -> None:
    call = make_call()
    interest = services.interest_mark(
        user=world.contact, call=call, mark="not_relevant", department=world.other_department
    )
    assert interest.department == world.own_department
    services.interest_mark(user=world.contact, call=call, mark="interested")
    assert CallInterest.objects.get().mark == "interested"  # one row, changed


def test_dashboard_leaves_out_calls_marked_not_relevant(world: World) -> None:
    area = factories.FocusAreaFactory(name="Ungdom")
    services.keywords_save(
        user=world.coordinator, focus_area_id=area.pk, data={"words_en": "youth"}
    )
    call = make_call(
        title="Youth exchanges", deadline=datetime.date.today() + datetime.timedelta(30)
    )
    assert [c.call for c in selectors.dashboard_calls(user=world.contact)["funding_calls"]] == [
        call
    ]
    services.interest_mark(user=world.contact, call=call, mark="not_relevant")
    assert selectors.dashboard_calls(user=world.contact)["funding_calls"] == []
    assert selectors.dashboard_calls(user=world.other_contact)["funding_calls"] != []


def test_reminders_30_and_7_days_before_once_per_deadline_and_department(world: World) -> None:
    call = make_call(
        opening_date=TODAY - datetime.timedelta(days=10),
        deadline_model=Call.DeadlineModel.TWO_STAGE,
        deadline=TODAY + datetime.timedelta(days=30),
        deadline_second=TODAY + datetime.timedelta(days=120),
    )
    services.interest_mark(user=world.contact, call=call, mark="interested")
    services.interest_mark(user=world.other_contact, call=call, mark="not_relevant")

    assert services.funding_send_reminders(today=TODAY) == 1
    assert services.funding_send_reminders(today=TODAY) == 0  # a second run the same day
    assert services.funding_send_reminders(today=TODAY + datetime.timedelta(days=1)) == 0
    assert deliver_waiting() == 1  # through the portal's notifications
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["karin@example.org"]
    assert "2026-12-29" in mail.outbox[0].subject
    assert recipients_of("funding_deadline") == {"karin"}

    # Seven days before: the second reminder for the same deadline.
    assert services.funding_send_reminders(today=TODAY + datetime.timedelta(days=23)) == 1
    # The second stage's deadline gets its own 30-day reminder.
    assert services.funding_send_reminders(today=TODAY + datetime.timedelta(days=90)) == 1
    reminders = CallReminder.objects.order_by("deadline", "-days_before")
    assert [(r.deadline - TODAY).days for r in reminders] == [30, 30, 120]
    assert [r.days_before for r in reminders] == [30, 7, 30]
    assert {r.department for r in reminders} == {world.own_department}


def test_missed_day_is_caught_up_without_a_late_30_day_reminder(world: World) -> None:
    call = make_call(deadline=TODAY + datetime.timedelta(days=5))
    services.interest_mark(user=world.contact, call=call, mark="interested")
    assert services.funding_send_reminders(today=TODAY) == 1
    assert list(CallReminder.objects.values_list("days_before", flat=True)) == [7]


def test_figures_from_call_to_grant(world: World) -> None:
    year = datetime.date.today().year
    call = make_call(deadline=datetime.date(year, 12, 31), opening_date=None)
    services.interest_mark(user=world.contact, call=call, mark="interested")
    granted = services.idea_start(user=world.contact, call=call)
    services.idea_start(user=world.other_contact, call=call)
    granted.phase = Project.Phase.GRANTED
    granted.save()

    figures = selectors.funding_figures(year=year)

    (row,) = figures["rows"]
    assert (row.programme, row.watched, row.ideas, row.applied, row.granted) == (
        "Erasmus+", 1, 2, 1, 1,
    )  # fmt: skip
