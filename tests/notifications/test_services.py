"""Who is told about each event, what the mail says, preferences, retries and digests."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail

from intl_portal.notifications import services as notification_services
from intl_portal.notifications.models import Delivery, MailSettings, Notification, Preference
from intl_portal.organisation.models import Role
from intl_portal.organisation.selectors import coordinator_recipients
from partners import services as partner_services
from projects import activity_services
from projects import services as project_services
from projects.models import Activity, Project, ProjectRevision
from tests import factories
from tests.conftest import World
from tests.notifications.helpers import deliver_waiting, recipients_of

pytestmark = pytest.mark.django_db


def _submitted(world: World, **kwargs: Any) -> Project:
    kwargs.setdefault("created_by", world.contact)
    return factories.ProjectFactory(
        department=world.own_department, status=Project.Status.SUBMITTED, **kwargs
    )


# --- Recipients -------------------------------------------------------------------------------


def test_coordinator_recipients_agree_with_the_policy(world: World) -> None:
    admin = factories.UserFactory(username="root", is_superuser=True, role=Role.COUNCIL)
    factories.UserFactory(username="gone", role=Role.COORDINATOR, is_active=False)
    factories.UserFactory(username="nomail", role=Role.COORDINATOR, email="")

    assert {u.username for u in coordinator_recipients()} == {"sara", admin.username}


def test_project_submitted_tells_every_coordinator_and_superuser(world: World) -> None:
    factories.UserFactory(username="root", is_superuser=True, role=Role.COUNCIL)
    project = factories.ProjectFactory(department=world.own_department, created_by=world.contact)

    project_services.project_submit(project=project, user=world.contact)

    assert recipients_of("project_submitted") == {"sara", "root"}


def test_project_returned_and_approved_tell_the_department(world: World) -> None:
    colleague = factories.UserFactory(
        username="kerstin", role=Role.CONTACT, department=world.own_department
    )
    returned = _submitted(world)
    approved = _submitted(world)

    project_services.project_return(project=returned, user=world.coordinator, comment="Budget?")
    project_services.project_approve(project=approved, user=world.coordinator)

    assert recipients_of("project_returned") == {"karin", colleague.username}
    assert recipients_of("project_approved") == {"karin", colleague.username}
    returned_row = Notification.objects.get(kind="project_returned", recipient=world.contact)
    assert returned_row.params["comment"] == "Budget?"


def test_the_author_from_another_role_hears_about_the_project_too(world: World) -> None:
    project = _submitted(world, created_by=world.council)

    project_services.project_approve(project=project, user=world.coordinator)

    rows = Notification.objects.filter(kind="project_approved")
    assert {(r.recipient.username, r.reason) for r in rows} == {
        ("karin", "department"),
        ("per", "author"),
    }


def test_changes_to_approved_projects_go_to_coordinators_and_back(world: World) -> None:
    project = factories.ProjectFactory(
        department=world.own_department, status=Project.Status.APPROVED
    )
    revision = project_services.project_change_propose(
        project=project, user=world.contact, data={"title": "Nytt namn"}
    )
    assert recipients_of("change_submitted") == {"sara"}

    project_services.revision_return(revision=revision, user=world.coordinator, comment="Nej")
    assert recipients_of("change_returned") == {"karin"}

    revision = project_services.project_change_propose(
        project=project, user=world.contact, data={"title": "Nytt namn"}
    )
    project_services.revision_approve(revision=revision, user=world.coordinator)
    assert recipients_of("change_approved") == {"karin"}
    assert ProjectRevision.objects.get().status == ProjectRevision.Status.APPROVED


def test_activity_events(world: World) -> None:
    activity = factories.ActivityFactory(department=world.own_department, created_by=world.contact)
    activity_services.activity_submit(activity=activity, user=world.contact)
    assert recipients_of("activity_submitted") == {"sara"}

    activity_services.activity_return(activity=activity, user=world.coordinator, comment="Datum?")
    assert recipients_of("activity_returned") == {"karin"}

    activity_services.activity_submit(activity=activity, user=world.contact)
    activity_services.activity_approve(activity=activity, user=world.coordinator)
    assert recipients_of("activity_approved") == {"karin"}
    assert Activity.objects.get().status == Activity.Status.APPROVED


def test_a_proposal_from_the_public_reaches_the_coordinators(world: World) -> None:
    partner_services.proposal_submit(
        data={
            "proposer_kind": "resident",
            "proposer_name": "Eva",
            "proposer_email": "eva@example.org",
            "town": "Ringsted",
            "country": "DK",
            "motivation": "Vänskap.",
        }
    )
    assert recipients_of("proposal_received") == {"sara"}
    assert "Ringsted" in Notification.objects.get().params["title"]


def test_a_representatives_report_reaches_the_coordinators(world: World) -> None:
    membership = factories.NetworkMembershipFactory(name="Eurotowns")
    membership.representatives.add(world.contact)
    data = {"date": datetime.date(2026, 2, 1), "title": "Årsmöte", "text": "Idéer."}

    partner_services.network_report_create(membership=membership, user=world.contact, data=data)

    row = Notification.objects.get(kind="network_report_filed")
    assert row.recipient == world.coordinator
    assert row.params["title"] == "Eurotowns"


def test_the_actor_is_not_told_about_their_own_action(world: World) -> None:
    project = factories.ProjectFactory(department=world.own_department)
    project_services.project_submit(project=project, user=world.coordinator)
    assert recipients_of("project_submitted") == set()


# --- Preferences ------------------------------------------------------------------------------


def test_a_user_who_opted_out_gets_nothing(world: World) -> None:
    Preference.objects.create(user=world.coordinator, kind="project_submitted", delivery="off")
    project = factories.ProjectFactory(department=world.own_department, created_by=world.contact)

    project_services.project_submit(project=project, user=world.contact)

    assert not Notification.objects.filter(recipient=world.coordinator).exists()
    deliver_waiting()
    assert mail.outbox == []


def test_a_digest_collects_the_days_events_in_one_mail(world: World) -> None:
    Preference.objects.create(user=world.coordinator, kind="project_submitted", delivery="digest")
    for title in ("Alfa", "Beta"):
        project = factories.ProjectFactory(
            title=title, department=world.own_department, created_by=world.contact
        )
        project_services.project_submit(project=project, user=world.contact)

    assert deliver_waiting() == 0  # nothing goes at once
    assert notification_services.digests_send() == 1
    assert notification_services.digests_send() == 0

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Alfa" in body and "Beta" in body
    assert set(Notification.objects.values_list("state", flat=True)) == {"sent"}


# --- The message ------------------------------------------------------------------------------


def test_the_mail_names_the_item_links_to_it_and_says_why(world: World, settings: Any) -> None:
    settings.SITE_URL = "https://portal.example.se"
    project = factories.ProjectFactory(
        title="Unga röster", department=world.own_department, created_by=world.contact
    )
    project_services.project_submit(project=project, user=world.contact)

    assert deliver_waiting() == 1

    message = mail.outbox[0]
    assert message.subject == "Projekt att granska: Unga röster"
    link = f"https://portal.example.se/projects/{project.pk}/"
    assert link in message.body
    assert "eftersom du är samordnare" in message.body
    assert "https://portal.example.se/account/notifications/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    row = Notification.objects.get()
    assert row.state == "sent" and row.sent_at is not None and row.email == "sara@example.org"


def test_the_mail_is_in_the_recipients_language(world: World) -> None:
    MailSettings.objects.create(user=world.coordinator, language="en")
    project = factories.ProjectFactory(
        title="Unga röster", department=world.own_department, created_by=world.contact
    )
    project_services.project_submit(project=project, user=world.contact)

    deliver_waiting()

    assert mail.outbox[0].subject == "Project to review: Unga röster"
    assert "because you are a coordinator" in mail.outbox[0].body


def test_a_refused_delivery_is_kept_and_retried_with_back_off(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    settings.NOTIFICATION_RETRY_SECONDS = 30
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    project = factories.ProjectFactory(department=world.own_department, created_by=world.contact)
    project_services.project_submit(project=project, user=world.contact)
    row = Notification.objects.get()

    with pytest.raises(notification_services.DeliveryError) as first:
        notification_services.notification_send(notification_id=row.pk)
    row.refresh_from_db()
    assert first.value.retry_in == 30
    assert row.state == "pending" and row.attempts == 1 and "Connection" in row.last_error

    with pytest.raises(notification_services.DeliveryError) as second:
        notification_services.notification_send(notification_id=row.pk)
    row.refresh_from_db()
    assert second.value.retry_in is None
    assert row.state == "failed" and row.attempts == 2


def test_a_sent_notification_is_never_sent_again(world: World) -> None:
    project = factories.ProjectFactory(department=world.own_department, created_by=world.contact)
    project_services.project_submit(project=project, user=world.contact)
    row = Notification.objects.get()

    assert notification_services.notification_send(notification_id=row.pk)
    assert not notification_services.notification_send(notification_id=row.pk)
    assert len(mail.outbox) == 1


def test_an_event_with_a_key_reaches_each_recipient_once(world: World) -> None:
    for _ in range(2):
        notification_services.notify(
            kind="strategy_revision_due",
            recipients=coordinator_recipients(),
            path="/strategies/1/",
            params={"title": "Internationell strategi", "due": datetime.date(2027, 1, 1)},
            reason="coordinator",
            key="strategy-revision:1:2027-01-01",
        )
    row = Notification.objects.get()
    assert row.params["due"] == "2027-01-01"


def test_the_sweeper_resends_what_waited_too_long(world: World) -> None:
    project = factories.ProjectFactory(department=world.own_department, created_by=world.contact)
    project_services.project_submit(project=project, user=world.contact)
    Notification.objects.update(created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))

    assert notification_services.notifications_sweep() == 1
    assert Notification.objects.get().delivery == Delivery.NOW
