"""Publicera/Avpublicera on the project's page, like on reports (issue 15)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Project
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_the_coordinator_publishes_and_unpublishes_from_the_projects_page(world: World) -> None:
    project = factories.ProjectFactory(
        department=world.own_department, status=Project.Status.APPROVED, is_published=False
    )
    client = Client()
    client.force_login(world.coordinator)
    detail = reverse("projects:detail", args=[project.pk])

    # Before: a checkbox hidden in the edit form.
    assert reverse("projects:publish", args=[project.pk]) in client.get(detail).content.decode()
    client.post(reverse("projects:publish", args=[project.pk]))
    project.refresh_from_db()
    assert project.is_published
    html = client.get(detail).content.decode()
    assert reverse("projects:unpublish", args=[project.pk]) in html and "Avpublicera" in html
    client.post(reverse("projects:unpublish", args=[project.pk]))
    project.refresh_from_db()
    assert not project.is_published


def test_a_draft_cannot_be_published_and_contacts_see_no_button(world: World) -> None:
    draft = factories.ProjectFactory(department=world.own_department)
    client = Client()
    client.force_login(world.coordinator)
    client.post(reverse("projects:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert not draft.is_published
    contact = Client()
    contact.force_login(world.contact)
    html = contact.get(reverse("projects:detail", args=[draft.pk])).content.decode()
    assert reverse("projects:publish", args=[draft.pk]) not in html
