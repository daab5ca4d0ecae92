"""The funding reminder task through a real Celery worker process and the broker."""

from __future__ import annotations

import datetime
import email.header

import pytest

from funding import services
from funding.models import CallReminder
from funding.tasks import send_call_reminders
from tests.conftest import SmtpServer, WorkerProcess, World, wait_for
from tests.funding.helpers import make_call

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_reminds_each_interested_department_once_per_deadline(
    world: World, celery_worker_process: WorkerProcess, smtp_server: SmtpServer
) -> None:
    today = datetime.date.today()
    call = make_call(opening_date=None, deadline=today + datetime.timedelta(days=7))
    services.interest_mark(user=world.contact, call=call, mark="interested")
    services.interest_mark(user=world.other_contact, call=call, mark="interested")

    send_call_reminders.apply_async()
    wait_for(
        lambda: CallReminder.objects.filter(call=call).count() == 2,
        timeout=90,
        message=celery_worker_process.log(),
    )
    send_call_reminders.apply_async()  # a second beat run the same day
    send_call_reminders.apply_async()
    wait_for(
        lambda: celery_worker_process.log().count("funding.send_call_reminders") >= 6,
        timeout=60,
        message=celery_worker_process.log(),
    )

    reminders = CallReminder.objects.filter(call=call)
    assert reminders.count() == 2
    assert {r.department for r in reminders} == {world.own_department, world.other_department}
    assert {r.days_before for r in reminders} == {7}
    assert {r.recipients for r in reminders} == {"karin@example.org", "kalle@example.org"}

    def mails() -> list[str]:
        return [
            m["To"]
            for m in smtp_server.messages()
            if "Ungdomsutbyten"
            in str(email.header.make_header(email.header.decode_header(m["Subject"])))
        ]

    wait_for(lambda: len(mails()) >= 2, timeout=60, message=celery_worker_process.log())
    assert sorted(mails()) == ["kalle@example.org", "karin@example.org"]
