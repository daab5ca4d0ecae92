"""History in words (issue 15): labels, choice labels, names, formatted dates and amounts."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Project
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_changes_read_as_words_in_the_users_language(world: World) -> None:
    project = factories.ProjectFactory(department=world.own_department,
                                       start_date=datetime.date(2026, 1, 1))  # fmt: skip
    project.status = Project.Status.SUBMITTED
    project.department = world.other_department
    project.start_date = datetime.date(2026, 3, 15)
    project.budget_total = Decimal(3000000)
    project.grant_amount = Decimal(1500000)
    project.save()
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("history", args=[project._meta.label_lower, project.pk])

    html = client.get(url).content.decode().replace("\xa0", " ")

    # Before: "draft → submitted", department ids, ISO dates and bare numbers.
    assert "<del>Utkast</del> → <ins>Inskickat för granskning</ins>" in html
    assert f"<ins>{world.other_department.name}</ins>" in html
    assert "<ins>15 mars 2026</ins>" in html
    assert "<ins>1 500 000</ins>" in html
    client.post(reverse("set_language"), {"language": "en", "next": url})
    html = client.get(url).content.decode()
    assert "<ins>Submitted for review</ins>" in html
