"""Notifications through the real Celery worker and a real SMTP server process on loopback."""

from __future__ import annotations

import email.header
import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from intl_portal.notifications.models import Notification
from projects.models import Project
from tests import factories
from tests.conftest import SmtpServer, WorkerProcess, World, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _subject(message: object) -> str:
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def _text(message: object) -> str:
    for part in message.walk():  # type: ignore[attr-defined]
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset())
    raise AssertionError("no text part")


def _to(smtp: SmtpServer, address: str, subject_part: str, path: str = "") -> list[object]:
    """Mail to the address with the subject; with a path, only mail linking to that page.

    The server lives for the whole session and the world's people keep their addresses from test
    to test, so an earlier test's mail about a project of the same title can be in the box.
    """
    return [
        m
        for m in smtp.messages()
        if m["To"] == address
        and subject_part in _subject(m)
        and (not path or f"http://testserver{path}" in _text(m))
    ]


def test_coordinator_gets_a_working_link_and_a_mail_sent_while_smtp_was_down_arrives_once(
    world: World,
    client: Client,
    celery_worker_process: WorkerProcess,
    smtp_server: SmtpServer,
) -> None:
    project = factories.ProjectFactory(
        title="Unga röster i Norden", department=world.own_department, created_by=world.contact
    )

    # A department submits; the coordinator's message arrives with a link that works.
    client.force_login(world.contact)
    response = client.post(reverse("projects:submit", args=[project.pk]))
    assert response.status_code == 302
    page_path = reverse("projects:detail", args=[project.pk])
    wait_for(
        lambda: _to(smtp_server, world.coordinator.email, "Unga röster i Norden", page_path),
        timeout=60,
        message=celery_worker_process.log(),
    )
    message = _to(smtp_server, world.coordinator.email, "Unga röster i Norden", page_path)[0]
    link = re.search(r"http://testserver(/\S+)", _text(message))
    assert link, _text(message)
    assert message.is_multipart() and "text/html" in {p.get_content_type() for p in message.walk()}
    client.force_login(world.coordinator)
    page = client.get(link.group(1))
    assert page.status_code == 200
    assert "Unga röster i Norden" in page.content.decode()

    # The mail server stops; the coordinator returns the project; nothing is lost.
    smtp_server.stop()
    try:
        response = client.post(
            reverse("projects:return", args=[project.pk]), {"comment": "Komplettera budgeten."}
        )
        assert response.status_code == 302
        assert Project.objects.get(pk=project.pk).status == Project.Status.RETURNED
        row = Notification.objects.get(kind="project_returned", recipient=world.contact)

        def failed_twice() -> bool:
            # An attempt counts when it starts (the row is "sending" meanwhile); read the row
            # once its second failure is recorded: waiting again, with the error kept.
            row.refresh_from_db()
            return row.attempts >= 2 and row.state != Notification.State.SENDING

        wait_for(failed_twice, timeout=60, message=celery_worker_process.log())
        assert row.state == Notification.State.PENDING
        assert row.last_error
    finally:
        smtp_server.start()

    # The server is back: the waiting message arrives, exactly once.
    returned = "Projektet återsänt: Unga röster i Norden"
    wait_for(
        lambda: _to(smtp_server, world.contact.email, returned, page_path),
        timeout=90,
        message=celery_worker_process.log(),
    )
    time.sleep(5)  # any duplicate would arrive now
    assert len(_to(smtp_server, world.contact.email, returned, page_path)) == 1
    row.refresh_from_db()
    assert row.state == Notification.State.SENT
    assert "Komplettera budgeten." in _text(
        _to(smtp_server, world.contact.email, returned, page_path)[0]
    )
