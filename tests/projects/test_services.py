"""The project bank's workflow: create, submit, review, return and resubmit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from projects import services
from projects.models import Project
from tests import factories
from tests.conftest import World
from tests.notifications.helpers import deliver_waiting


def _data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Unga röster i Norden",
        "phase": Project.Phase.IDEA,
        "cofinancing_eu": True,
        "cofinancing_nordic": True,
        "cofinancing_sida": False,
    }
    data.update(overrides)
    return data


def _project(world: World, **kwargs: Any) -> Project:
    kwargs.setdefault("department", world.own_department)
    kwargs.setdefault("created_by", world.contact)
    return factories.ProjectFactory(**kwargs)


# --- Create ---------------------------------------------------------------------------------


def test_contact_project_always_gets_the_contacts_department(world: World) -> None:
    project = services.project_create(
        author=world.contact, data=_data(department=world.other_department)
    )

    project.refresh_from_db()
    assert project.department == world.own_department
    assert project.status == Project.Status.DRAFT
    assert project.created_by == world.contact


def test_coordinator_creates_a_project_for_the_department_they_choose(world: World) -> None:
    project = services.project_create(
        author=world.coordinator, data=_data(department=world.other_department)
    )

    project.refresh_from_db()
    assert project.department == world.other_department


def test_council_member_cannot_create_a_project(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.project_create(author=world.council, data=_data(department=world.own_department))
    assert not Project.objects.exists()


def test_coordinators_are_emailed_when_a_project_is_created(world: World) -> None:
    services.project_create(author=world.contact, data=_data(title="Gröna transporter"))

    assert deliver_waiting() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.coordinator.email]
    assert "Gröna transporter" in message.subject
    assert world.own_department.name in message.body
    assert world.contact.email not in message.to


def test_the_mail_is_enqueued_only_after_the_project_is_committed(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.project_create(author=world.contact, data=_data())

    assert callbacks  # the enqueueing waits for the commit
    assert mail.outbox == []


# --- Submit ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "source"),
    [
        ("cofinancing_eu", "EU"),
        ("cofinancing_nordic", "Nordiska ministerrådet/Nordplus"),
        ("cofinancing_sida", "Sida"),
    ],
)
def test_contact_cannot_submit_without_answering_cofinancing(
    world: World, field: str, source: str
) -> None:
    project = _project(world, **{field: None})

    with pytest.raises(ValidationError) as excinfo:
        services.project_submit(project=project, user=world.contact)

    message = " ".join(excinfo.value.messages)
    assert "Ange om medfinansiering har undersökts" in message
    assert source in message
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT
    assert project.submitted_at is None


def test_submit_names_every_unanswered_cofinancing_source(world: World) -> None:
    project = _project(world, cofinancing_eu=None, cofinancing_nordic=None, cofinancing_sida=None)

    with pytest.raises(ValidationError) as excinfo:
        services.project_submit(project=project, user=world.contact)

    message = " ".join(excinfo.value.messages)
    assert "EU, Nordiska ministerrådet/Nordplus, Sida" in message


def test_answer_no_counts_as_answered_for_submit(world: World) -> None:
    project = _project(
        world, cofinancing_eu=False, cofinancing_nordic=False, cofinancing_sida=False
    )

    services.project_submit(project=project, user=world.contact)

    project.refresh_from_db()
    assert project.status == Project.Status.SUBMITTED
    assert project.submitted_at is not None


def test_contact_cannot_submit_a_project_twice(world: World) -> None:
    project = _project(world)
    services.project_submit(project=project, user=world.contact)

    with pytest.raises(ValidationError) as excinfo:
        services.project_submit(project=project, user=world.coordinator)

    assert "Projektet är redan inskickat eller godkänt." in excinfo.value.messages


def test_approved_project_cannot_be_submitted(world: World) -> None:
    project = _project(world, status=Project.Status.APPROVED)

    with pytest.raises(ValidationError) as excinfo:
        services.project_submit(project=project, user=world.coordinator)

    assert "Projektet är redan inskickat eller godkänt." in excinfo.value.messages


def test_contact_cannot_submit_other_departments_project(world: World) -> None:
    project = _project(world)

    with pytest.raises(PermissionDenied):
        services.project_submit(project=project, user=world.other_contact)
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT


# --- Review ---------------------------------------------------------------------------------


def test_coordinator_approves_a_submitted_project(world: World) -> None:
    project = _project(world, status=Project.Status.SUBMITTED, review_comment="gammal")

    services.project_approve(project=project, user=world.coordinator)

    project.refresh_from_db()
    assert project.status == Project.Status.APPROVED
    assert project.approved_at is not None
    assert project.review_comment == ""


def test_draft_cannot_be_approved(world: World) -> None:
    project = _project(world)

    with pytest.raises(ValidationError) as excinfo:
        services.project_approve(project=project, user=world.coordinator)

    assert "Bara inskickade projekt kan godkännas." in excinfo.value.messages
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT


@pytest.mark.parametrize("role", ["contact", "other_contact", "council"])
def test_only_the_coordinator_approves(world: World, role: str) -> None:
    project = _project(world, status=Project.Status.SUBMITTED)

    with pytest.raises(PermissionDenied):
        services.project_approve(project=project, user=getattr(world, role))
    project.refresh_from_db()
    assert project.status == Project.Status.SUBMITTED


@pytest.mark.parametrize("comment", ["", "   \n  "])
def test_coordinator_cannot_return_without_a_comment(world: World, comment: str) -> None:
    project = _project(world, status=Project.Status.SUBMITTED)

    with pytest.raises(ValidationError) as excinfo:
        services.project_return(project=project, user=world.coordinator, comment=comment)

    assert "Skriv en kommentar som förklarar vad som behöver ändras." in excinfo.value.messages
    project.refresh_from_db()
    assert project.status == Project.Status.SUBMITTED


def test_coordinator_returns_a_project_with_a_comment(world: World) -> None:
    project = _project(world, status=Project.Status.SUBMITTED)

    services.project_return(
        project=project, user=world.coordinator, comment="  Lägg till budgeten för 2027.  "
    )

    project.refresh_from_db()
    assert project.status == Project.Status.RETURNED
    assert project.review_comment == "Lägg till budgeten för 2027."


def test_draft_cannot_be_returned(world: World) -> None:
    project = _project(world)

    with pytest.raises(ValidationError) as excinfo:
        services.project_return(project=project, user=world.coordinator, comment="Nej")

    assert "Bara inskickade projekt kan återsändas." in excinfo.value.messages


def test_contact_cannot_return_a_project(world: World) -> None:
    project = _project(world, status=Project.Status.SUBMITTED)

    with pytest.raises(PermissionDenied):
        services.project_return(project=project, user=world.contact, comment="Mitt eget")


def test_contact_edits_and_resubmits_a_returned_project(world: World) -> None:
    project = _project(world, status=Project.Status.SUBMITTED)
    services.project_return(project=project, user=world.coordinator, comment="Ange Sida.")
    project.refresh_from_db()

    services.project_update(
        project=project, user=world.contact, data={"target_groups": "Ungdomar 13–19 år"}
    )
    services.project_submit(project=project, user=world.contact)
    services.project_approve(project=project, user=world.coordinator)

    project.refresh_from_db()
    assert project.status == Project.Status.APPROVED
    assert project.target_groups == "Ungdomar 13–19 år"
    assert project.review_comment == ""


# --- Editing --------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Project.Status.SUBMITTED, Project.Status.APPROVED])
def test_contact_cannot_edit_submitted_or_approved_project(world: World, status: str) -> None:
    project = _project(world, status=status, title="Originaltitel")

    with pytest.raises(PermissionDenied):
        services.project_update(project=project, user=world.contact, data={"title": "Ändrad"})

    project.refresh_from_db()
    assert project.title == "Originaltitel"


def test_contact_cannot_edit_other_department(world: World) -> None:
    project = _project(world, title="Originaltitel")

    with pytest.raises(PermissionDenied):
        services.project_update(project=project, user=world.other_contact, data={"title": "Ändrad"})

    project.refresh_from_db()
    assert project.title == "Originaltitel"


def test_contact_edit_cannot_move_or_publish_the_project(world: World) -> None:
    project = _project(world)

    services.project_update(
        project=project,
        user=world.contact,
        data={
            "title": "Ny titel",
            "department": world.other_department,
            "is_published": True,
        },
    )

    project.refresh_from_db()
    assert project.title == "Ny titel"
    assert project.department == world.own_department
    assert project.is_published is False


def test_coordinator_edits_a_submitted_project(world: World) -> None:
    project = _project(world, status=Project.Status.SUBMITTED)

    services.project_update(project=project, user=world.coordinator, data={"title": "Rättad"})

    project.refresh_from_db()
    assert project.title == "Rättad"
    assert project.status == Project.Status.SUBMITTED
