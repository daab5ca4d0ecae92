"""The project pages: invalid input, the coordinator's comment, the list and its search."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intl_portal.organisation.models import User
from projects.models import Project
from tests import factories
from tests.conftest import World


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form_data(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Språkassistenter i Halden",
        "acronym": "",
        "summary": "",
        "project_lead": "Karin Kontakt",
        "role": Project.Role.PARTNER,
        "programme": "",
        "programme_reference": "",
        "phase": Project.Phase.IDEA,
        "start_date": "2026-08-01",
        "end_date": "2027-06-30",
        "currency": "SEK",
        "budget_total": "500000",
        "grant_amount": "400000",
        "own_contribution": "100000",
        "cofinancing_eu": "true",
        "cofinancing_nordic": "unknown",
        "cofinancing_sida": "false",
        "cofinancing_note": "",
        "target_groups": "",
    }
    data.update(overrides)
    return data


# --- Invalid input: 400 with the message, and the typed text kept --------------------------

INVALID_CASES = [
    pytest.param(
        {"start_date": "2026-09-01", "end_date": "2026-03-15"},
        "Slutdatum kan inte vara före startdatum.",
        ['value="2026-09-01"', 'value="2026-03-15"'],
        id="end-before-start",
    ),
    pytest.param(
        {"budget_total": "300000", "grant_amount": "450000"},
        "Bidraget kan inte vara större än den totala budgeten.",
        ['value="300000"', 'value="450000"'],
        id="grant-above-total",
    ),
    pytest.param(
        {"own_contribution": "-2500"},
        "Beloppet får inte vara negativt.",
        ['value="-2500"'],
        id="negative-amount",
    ),
]


@pytest.mark.parametrize(("overrides", "message", "kept"), INVALID_CASES)
def test_contact_invalid_new_project_gets_400_with_message_and_typed_text(
    world: World, overrides: dict[str, str], message: str, kept: list[str]
) -> None:
    title = "Kulturutbyte med Vammala & Ringsted"
    response = _client(world.contact).post(
        reverse("projects:create"), _form_data(title=title, **overrides)
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Kulturutbyte med Vammala &amp; Ringsted"' in html
    assert "project_end_not_before_start" not in html  # no raw constraint error
    for fragment in kept:
        assert fragment in html
    assert not Project.objects.exists()


@pytest.mark.parametrize(("overrides", "message", "kept"), INVALID_CASES)
def test_coordinator_invalid_edit_gets_400_with_message_and_typed_text(
    world: World, overrides: dict[str, str], message: str, kept: list[str]
) -> None:
    project = factories.ProjectFactory(department=world.own_department, title="Före")
    data = _form_data(title="Efter ändring", **overrides)
    data["department"] = str(world.own_department.pk)

    response = _client(world.coordinator).post(reverse("projects:edit", args=[project.pk]), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Efter ändring"' in html
    for fragment in kept:
        assert fragment in html
    project.refresh_from_db()
    assert project.title == "Före"


def test_valid_new_project_is_saved_and_redirects(world: World) -> None:
    response = _client(world.contact).post(reverse("projects:create"), _form_data())

    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert project.department == world.own_department
    assert project.cofinancing_nordic is None


# --- The coordinator's comment --------------------------------------------------------------


def test_contact_sees_the_coordinators_comment_on_a_returned_project(world: World) -> None:
    project = factories.ProjectFactory(
        department=world.own_department, status=Project.Status.SUBMITTED
    )
    comment = "Beskriv hur ungdomarna väljs ut."

    response = _client(world.coordinator).post(
        reverse("projects:return", args=[project.pk]), {"comment": comment}
    )
    assert response.status_code == 302

    page = _client(world.contact).get(reverse("projects:detail", args=[project.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Samordnarens kommentar:" in html
    assert comment in html


def test_return_without_comment_is_a_message_not_an_error_page(world: World) -> None:
    project = factories.ProjectFactory(
        department=world.own_department, status=Project.Status.SUBMITTED
    )
    client = _client(world.coordinator)

    response = client.post(reverse("projects:return", args=[project.pk]), {"comment": ""})

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Skriv en kommentar som förklarar vad som behöver ändras." in page.content.decode()
    project.refresh_from_db()
    assert project.status == Project.Status.SUBMITTED


def test_submit_without_cofinancing_answer_shows_the_reason(world: World) -> None:
    project = factories.ProjectFactory(department=world.own_department, cofinancing_sida=None)
    client = _client(world.contact)

    response = client.post(reverse("projects:submit", args=[project.pk]))

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Ange om medfinansiering har undersökts (Sida)" in page.content.decode()
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT


# --- The list -------------------------------------------------------------------------------


def _bulk_projects(world: World, count: int, start: int = 0) -> None:
    programme = factories.FundingProgrammeFactory()
    departments = [world.own_department, world.other_department]
    statuses = [Project.Status.APPROVED, Project.Status.DRAFT, Project.Status.SUBMITTED]
    Project.objects.bulk_create(
        Project(
            title=f"Massprojekt {start + i:04d}",
            department=departments[i % 2],
            programme=programme if i % 3 else None,
            status=statuses[i % 3],
        )
        for i in range(count)
    )


def _list_queries(client: Client, **params: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:list"), params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["coordinator", "contact", "council"])
def test_project_list_query_count_does_not_grow_with_projects(world: World, role: str) -> None:
    client = _client(getattr(world, role))
    _bulk_projects(world, 5)
    _list_queries(client)  # warm up session and content-type caches
    few = _list_queries(client)

    _bulk_projects(world, 195, start=5)
    many = _list_queries(client)
    second_page = _list_queries(client, page=2)

    assert Project.objects.count() == 200
    assert many == few
    assert second_page == few


def test_project_list_pages_by_25(world: World) -> None:
    _bulk_projects(world, 60)

    response = _client(world.coordinator).get(reverse("projects:list"))

    html = response.content.decode()
    assert "60 projekt" in html
    assert "Massprojekt 0024" in html
    assert "Massprojekt 0025" not in html


def test_search_finds_projects_by_title(world: World) -> None:
    for title in ("Gröna transporter i Skaraborg", "Unga röster i Norden"):
        factories.ProjectFactory(
            title=title, department=world.own_department, status=Project.Status.APPROVED
        )

    response = _client(world.council).get(reverse("projects:list"), {"q": "transporter"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Gröna transporter i Skaraborg" in html
    assert "Unga röster i Norden" not in html
    assert 'value="transporter"' in html


def test_search_finds_projects_by_acronym_ignoring_case(world: World) -> None:
    factories.ProjectFactory(
        title="Unga röster i Norden",
        acronym="UNGNORD",
        department=world.own_department,
        status=Project.Status.APPROVED,
    )
    factories.ProjectFactory(
        title="Gröna transporter", department=world.own_department, status=Project.Status.APPROVED
    )

    response = _client(world.council).get(reverse("projects:list"), {"q": "ungnord"})

    html = response.content.decode()
    assert "Unga röster i Norden" in html
    assert "Gröna transporter" not in html


def test_search_never_shows_other_departments_drafts(world: World) -> None:
    factories.ProjectFactory(title="Hemligt utkast", department=world.own_department)

    response = _client(world.other_contact).get(reverse("projects:list"), {"q": "Hemligt"})

    assert response.status_code == 200
    assert "Hemligt utkast" not in response.content.decode()
    assert "Inga projekt matchar." in response.content.decode()


def test_a_project_without_dates_says_its_period_is_not_known(world: World) -> None:
    undated = factories.ProjectFactory(
        title="Utan datum", department=world.own_department, start_date=None, end_date=None
    )
    half = factories.ProjectFactory(
        title="Bara start",
        department=world.own_department,
        start_date="2026-03-01",
        end_date=None,
    )
    client = _client(world.coordinator)

    page = client.get(reverse("projects:detail", args=[undated.pk])).content.decode()
    assert '<dd class="col-sm-8">uppgift saknas</dd>' in page and "– – –" not in page
    page = client.get(reverse("projects:detail", args=[half.pk])).content.decode()
    assert "1 mars 2026 – uppgift saknas" in page
