"""The follow-up reminder task through a real Celery worker process and the broker."""

from __future__ import annotations

import datetime

import pytest

from actionplans.models import FollowUpReminder
from actionplans.tasks import send_followup_reminders
from intl_portal.organisation.models import Role
from tests import factories
from tests.conftest import WorkerProcess, World, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_sends_one_reminder_per_late_part_a_week_before_the_deadline(
    world: World, celery_worker_process: WorkerProcess
) -> None:
    deadline = datetime.date.today() + datetime.timedelta(days=7)
    followup_round = factories.FollowUpRoundFactory(deadline=deadline)
    waiting = factories.FollowUpPartFactory(round=followup_round, department=world.own_department)
    factories.UserFactory(
        username="karin2",
        role=Role.CONTACT,
        department=world.own_department,
        email="karin@example.org",
    )

    send_followup_reminders.apply_async()
    wait_for(
        lambda: FollowUpReminder.objects.filter(part=waiting).exists(),
        timeout=90,
        message=celery_worker_process.log(),
    )
    send_followup_reminders.apply_async()  # a second beat run the same day
    send_followup_reminders.apply_async()

    reminder = FollowUpReminder.objects.get(part=waiting)
    assert reminder.days_before == 7
    assert "karin@example.org" in reminder.recipients
    wait_for(lambda: "send_followup_reminders" in celery_worker_process.log(), timeout=30)
    assert FollowUpReminder.objects.filter(part=waiting).count() == 1
