"""A department contact's proposed change to an approved project while the coordinator edits
the project (issue 21): approving keeps the coordinator's other changes, a field both changed
is shown side by side (409) with the choice, and the history names both people."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Project, ProjectRevision
from tests import factories
from tests.concurrency_forms import as_post, form_data
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _opened(client: Client, project: Project) -> dict[str, Any]:
    response = client.get(reverse("projects:edit", args=[project.pk]))
    assert response.status_code == 200
    return form_data(response.content.decode())


def _setup(world: World) -> tuple[Project, Client, Client, dict[str, Any], dict[str, Any]]:
    project = factories.ProjectFactory(
        department=world.own_department, status=Project.Status.APPROVED, summary="Start",
        target_groups="Elever",
    )  # fmt: skip
    contact, coordinator = Client(), Client()
    contact.force_login(world.contact)
    coordinator.force_login(world.coordinator)
    return project, contact, coordinator, _opened(contact, project), _opened(coordinator, project)


def test_approving_a_proposal_keeps_the_coordinators_other_changes(world: World) -> None:
    project, contact, coordinator, proposal, edit = _setup(world)
    url = reverse("projects:edit", args=[project.pk])

    assert (
        contact.post(url, as_post({**proposal, "summary": ["Kontaktens text"]})).status_code == 302
    )
    assert coordinator.post(url, as_post({**edit, "target_groups": ["Lärare"]})).status_code == 302
    approved = coordinator.post(reverse("projects:revision-approve", args=[project.pk]))

    assert approved.status_code == 302
    project.refresh_from_db()
    assert (project.summary, project.target_groups) == ("Kontaktens text", "Lärare")
    reason = project.history.latest().history_change_reason
    assert str(world.contact) in reason and str(world.coordinator) in reason


def test_a_field_both_changed_is_shown_and_decided(world: World) -> None:
    project, contact, coordinator, proposal, edit = _setup(world)
    url = reverse("projects:edit", args=[project.pk])
    contact.post(url, as_post({**proposal, "summary": ["Kontaktens text"],
                               "target_groups": ["Föräldrar"]}))  # fmt: skip
    coordinator.post(url, as_post({**edit, "summary": ["Samordnarens text"]}))
    approve = reverse("projects:revision-approve", args=[project.pk])

    clash = coordinator.post(approve)

    assert clash.status_code == 409
    page = clash.content.decode()
    assert "Kontaktens text" in page and "Samordnarens text" in page
    assert ProjectRevision.objects.get(project=project).status == ProjectRevision.Status.PENDING
    assert coordinator.post(approve, {"resolve": "saved"}).status_code == 302
    project.refresh_from_db()
    assert (project.summary, project.target_groups) == ("Samordnarens text", "Föräldrar")
    assert ProjectRevision.objects.get(project=project).status == ProjectRevision.Status.APPROVED
