"""The project bank at scale: key figures in kronor, the last page, and the filter's countries."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from intl_portal.organisation.models import User
from projects import selectors
from projects.models import ExchangeRate, Project
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _project(world: World, **kwargs: Any) -> Project:
    kwargs.setdefault("department", world.own_department)
    return factories.ProjectFactory(status=Project.Status.APPROVED, **kwargs)


def test_figures_convert_each_project_at_its_start_years_rate(world: World) -> None:
    ExchangeRate.objects.create(year=2024, currency="EUR", sek_per_unit=Decimal("11.2500"))
    ExchangeRate.objects.create(year=2026, currency="EUR", sek_per_unit=Decimal("10.9999"))
    _project(world, currency="EUR", start_date=datetime.date(2024, 5, 1),
             grant_amount=1000, own_contribution=10, own_contribution_in_kind=3,
             budget_total=2000)  # fmt: skip
    # No rate for 2025: the latest earlier one (2024) is used; a project with no start date
    # counts as this year's (2026 or later), whose rate is 2026's.
    _project(world, currency="EUR", start_date=datetime.date(2025, 5, 1),
             grant_amount=100, own_contribution=None, budget_total=100)  # fmt: skip
    _project(world, currency="EUR", start_date=None, end_date=None, grant_amount=1,
             own_contribution=1, budget_total=1)  # fmt: skip
    _project(world, grant_amount=500, own_contribution=7, own_contribution_in_kind=None,
             budget_total=600)  # fmt: skip
    _project(world, grant_amount=None, own_contribution=None, budget_total=None)

    figures = selectors.bank_figures(Project.objects.all())
    # The bank's running totals give the same figures as summing the projects.
    assert selectors.bank_figures(Project.objects.all(), user=world.coordinator, filters={}) == (
        figures
    )

    assert figures == {
        "count": 5,
        "grant": round(1100 * Decimal("11.25") + 1 * Decimal("10.9999") + 500),
        "own": round(10 * Decimal("11.25") + 1 * Decimal("10.9999") + 7),
        "in_kind": round(3 * Decimal("11.25")),
        "left_out": 0,
        "missing_note": "",
    }


def test_figures_leave_out_amounts_in_a_currency_without_rates(world: World) -> None:
    _project(world, currency="EUR", grant_amount=1000, own_contribution=0, budget_total=1000)
    _project(world, grant_amount=250, own_contribution=0, budget_total=250)

    figures = selectors.bank_figures(Project.objects.all())
    # The bank's running totals give the same figures as summing the projects.
    assert selectors.bank_figures(Project.objects.all(), user=world.coordinator, filters={}) == (
        figures
    )

    assert figures == {
        "count": 2, "grant": 250, "own": 0, "in_kind": 0, "left_out": 1,
        "missing_note": "1 belopp utan växelkurs är inte medräknat (kurs saknas för EUR 2026)",
    }  # fmt: skip


def test_figures_of_an_empty_list_are_zero(world: World) -> None:
    assert selectors.bank_figures(Project.objects.none()) == {
        "count": 0, "grant": 0, "own": 0, "in_kind": 0, "left_out": 0, "missing_note": "",
    }  # fmt: skip


def _bulk(world: World, count: int) -> None:
    Project.objects.bulk_create(
        Project(title=f"Massprojekt {i:04d}", department=world.own_department,
                status=Project.Status.APPROVED, start_date=datetime.date(2020, 1 + i % 12, 1))
        for i in range(count)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("title", "Massprojekt 0050", "Massprojekt 0059"),
        ("-start", "Massprojekt 0001", "Massprojekt 0048"),  # February, then January
    ],
)
def test_page_last_is_the_last_page_in_the_same_order(
    world: World, sort: str, first: str, last: str
) -> None:
    _bulk(world, 60)
    client = _client(world.coordinator)

    def rows(page: str) -> list[str]:
        html = client.get(reverse("projects:list"), {"page": page, "sort": sort}).content.decode()
        assert "Sida 3 av 3" in html
        return [line.strip() for line in html.splitlines() if "Massprojekt" in line]

    last_page = rows("last")
    assert last_page == rows("3")
    assert len(last_page) == 10
    assert first in last_page[0] and last in last_page[-1]


def test_page_links_keep_the_search_filters_and_sort(world: World) -> None:
    _bulk(world, 60)
    client = _client(world.coordinator)
    params = {"q": "Massprojekt", "department": world.own_department.pk, "sort": "-start"}

    html = client.get(reverse("projects:list"), {**params, "page": "2"}).content.decode()

    for direction in ("page=1", "page=3"):
        link = next(line for line in html.splitlines() if "page-link" in line and direction in line)
        assert "q=Massprojekt" in link
        assert f"department={world.own_department.pk}" in link
        assert "sort=-start" in link


def test_last_page_costs_the_queries_of_the_first(world: World) -> None:
    _bulk(world, 60)
    client = _client(world.coordinator)
    client.get(reverse("projects:list"))

    def queries(**params: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("projects:list"), params).status_code == 200
        return len(captured)

    assert queries(page="last") == queries(page="1") == queries()


@pytest.fixture
def swedish_afterwards() -> Iterator[None]:
    """The language middleware leaves the request's language active in the test's thread."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.usefixtures("swedish_afterwards")
def test_country_filter_speaks_the_chosen_language(world: World) -> None:
    client = _client(world.council)

    swedish = client.get(reverse("projects:list")).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(reverse("projects:list")).content.decode()

    assert '<option value="DE">Tyskland</option>' in swedish
    assert '<option value="DE">Germany</option>' in english
