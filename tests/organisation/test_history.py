"""Coordinators see what changed, by whom and when, and restore an earlier version."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Project
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _url(obj: object, *, restore: int | None = None) -> str:
    label = obj._meta.label_lower  # type: ignore[attr-defined]
    if restore is None:
        return reverse("history", args=[label, obj.pk])  # type: ignore[attr-defined]
    return reverse("history-restore", args=[label, obj.pk, restore])  # type: ignore[attr-defined]


def _edit_title(client: Client, project: Project, title: str) -> None:
    project.title = title
    project.save()


def test_coordinator_sees_who_changed_what(client: Client, world: World) -> None:
    project = factories.ProjectFactory(title="Unga röster", department=world.own_department)
    client.force_login(world.contact)
    project._history_user = world.contact  # type: ignore[attr-defined]
    _edit_title(client, project, "Unga röster i Norden")
    client.force_login(world.coordinator)

    page = client.get(_url(project)).content.decode()

    assert "Unga röster i Norden" in page and "<del>Unga röster</del>" in page
    assert str(world.contact) in page


def test_restore_brings_back_content_but_never_the_workflow_state(
    client: Client, world: World
) -> None:
    project = factories.ProjectFactory(title="Första titeln", status=Project.Status.DRAFT)
    first = project.history.latest().history_id
    project.title = "Andra titeln"
    project.status = Project.Status.APPROVED
    project.save()
    client.force_login(world.coordinator)

    response = client.post(_url(project, restore=first))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Första titeln"
    assert project.status == Project.Status.APPROVED
    latest = project.history.latest()
    assert latest.history_user == world.coordinator
    assert "Återställd" in latest.history_change_reason


def test_restoring_a_goal_moves_its_version_on(client: Client, world: World) -> None:
    goal = factories.GoalFactory(description="Gammalt mål")
    first = goal.history.latest().history_id
    goal.description = "Nytt mål"
    goal.save()
    before = goal.version
    client.force_login(world.coordinator)

    client.post(_url(goal, restore=first))

    goal.refresh_from_db()
    assert goal.description == "Gammalt mål" and goal.version == before + 1


@pytest.mark.parametrize("role", ["contact", "other_contact", "council"])
def test_only_coordinators_see_or_restore_history(client: Client, world: World, role: str) -> None:
    project = factories.ProjectFactory(department=world.own_department)
    client.force_login(getattr(world, role))
    assert client.get(_url(project)).status_code == 403
    history_id = project.history.latest().history_id
    assert client.post(_url(project, restore=history_id)).status_code == 403


def test_unknown_or_secret_models_and_foreign_versions_are_not_found(
    client: Client, world: World
) -> None:
    project = factories.ProjectFactory()
    other = factories.ProjectFactory()
    client.force_login(world.coordinator)
    assert client.get(reverse("history", args=["auth.permission", 1])).status_code == 404
    assert client.get(reverse("history", args=["projects.calendarfeed", 1])).status_code == 404
    assert client.get(reverse("history", args=["nonsense", 1])).status_code == 404
    foreign = other.history.latest().history_id
    assert client.post(_url(project, restore=foreign)).status_code == 404
