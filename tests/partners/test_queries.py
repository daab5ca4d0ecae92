"""Every list and detail page runs a fixed number of queries, at 5 rows as at 200."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intl_portal.notifications.services import portal_changed
from partners.models import (
    BenefitAnalysis,
    ContactPerson,
    NetworkMembership,
    NetworkReport,
    Partnership,
    PartnershipEvaluation,
    SelectionAnalysis,
    TwinTownMeeting,
    TwinTownProposal,
)
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _fill(world: World, start: int, stop: int, ids: dict[str, int] | None = None) -> dict[str, int]:
    """Rows start..stop of everything; the detail rows hang off the first partnership and
    membership."""
    areas = [factories.FocusAreaFactory(name="A"), factories.FocusAreaFactory(name="B")]
    users = [world.contact, world.council]
    first_partnership = Partnership.objects.get(pk=ids["partnership"]) if ids else None
    first_membership = NetworkMembership.objects.get(pk=ids["membership"]) if ids else None
    for i in range(start, stop):
        partnership = factories.PartnershipFactory(
            partner__name=f"Ort {i:03d}",
            department=world.own_department,
            is_published=True,
            last_political_contact=datetime.date(2010 + i % 15, 1, 1),
        )
        partnership.focus_areas.set(areas)
        first_partnership = first_partnership or partnership
        membership = factories.NetworkMembershipFactory(name=f"Nätverk {i:03d}")
        membership.focus_areas.set(areas)
        membership.representatives.set(users)
        first_membership = first_membership or membership
        TwinTownMeeting.objects.create(year=1800 + 100 + i, theme=f"Tema {i % 3}")
        SelectionAnalysis.objects.create(
            title=f"Analys {i}", partner=partnership.partner, purpose_and_goals="s",
            grounds_for_choice="g", expected_benefit="n", risk_environment="m",
            risk_security="s", risk_democracy="d", sources="UD",
        )  # fmt: skip
        TwinTownProposal.objects.create(
            proposer_kind="resident", proposer_name="X", proposer_email="x@example.org",
            town=f"Ort {i}", country="DK", motivation="m",
        )  # fmt: skip
    assert first_partnership and first_membership
    for i in range(start, stop):
        ContactPerson.objects.create(partnership=first_partnership, name=f"Person {i}")
        PartnershipEvaluation.objects.create(
            partnership=first_partnership, date=datetime.date(2026, 1, 1), benefit="b",
            conclusion="c", author=world.coordinator,
        )  # fmt: skip
        BenefitAnalysis.objects.create(
            membership=first_membership, year=1900 + i, quality=3, influence=3,
            participation=3, utilisation=3, recommendation="keep",
        )  # fmt: skip
        NetworkReport.objects.create(
            membership=first_membership, date=datetime.date(2026, 1, 1), title="r", text="t",
            author=world.contact,
        )  # fmt: skip
    return {"partnership": first_partnership.pk, "membership": first_membership.pk}


PAGES: dict[str, Callable[[dict[str, int]], str]] = {
    "registry": lambda ids: reverse("partners:registry"),
    "partnership-list": lambda ids: reverse("partners:partnership-list") + "?sort=contact",
    "partnership-list-filtered": lambda ids: (
        reverse("partners:partnership-list") + "?dormant=yes&kind=twinning"
    ),
    "partnership-detail": lambda ids: reverse(
        "partners:partnership-detail", args=[ids["partnership"]]
    ),
    "partner-list": lambda ids: reverse("partners:partner-list"),
    "meeting-list": lambda ids: reverse("partners:meeting-list"),
    "membership-list": lambda ids: reverse("partners:membership-list"),
    "membership-detail": lambda ids: reverse(
        "partners:membership-detail", args=[ids["membership"]]
    ),
    "selection-list": lambda ids: reverse("partners:selection-list"),
    "proposal-list": lambda ids: reverse("partners:proposal-list"),
    "public-list": lambda ids: reverse("public_partnerships:public-list"),
    "open-json": lambda ids: reverse("open_data:dataset", args=["partnerships", "json"]),
    "open-csv": lambda ids: reverse("open_data:dataset", args=["partnerships", "csv"]),
    "export-xlsx": lambda ids: reverse("partners:partnership-export", args=["xlsx"]),
    "membership-export": lambda ids: reverse("partners:membership-export", args=["csv"]),
    "dashboard": lambda ids: reverse("dashboard"),
}


def _count(client: Client, url: str) -> int:
    portal_changed()  # as after a saved change: the dashboard is read afresh, not cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_page_runs_the_same_number_of_queries_at_5_and_200_rows(
    world: World, client: Client
) -> None:
    client.force_login(world.coordinator)
    ids = _fill(world, 0, 5)
    small = {page: _count(client, url(ids)) for page, url in PAGES.items()}
    _fill(world, 5, 200, ids)
    assert Partnership.objects.count() == 200
    large = {page: _count(client, url(ids)) for page, url in PAGES.items()}

    differing = {page: (small[page], large[page]) for page in PAGES if small[page] != large[page]}
    assert not differing, f"queries at 5 rows vs 200 rows: {differing}"
    # The dashboard reads every role's to-do groups, the radar and the travel figures: one query
    # each, constant in the number of rows (checked above), so it has a cap of its own.
    assert large.pop("dashboard") <= 30, large
    assert max(large.values()) <= 15, large


def test_the_partnership_list_reads_the_municipality_once_and_the_map_in_one_query(
    world: World, client: Client
) -> None:
    """The municipality once for the dormancy cutoff and the map's home place, the map's places
    in one query, and no global goals for a page that does not show them (it was 14)."""
    client.force_login(world.coordinator)
    _fill(world, 0, 5)

    assert _count(client, reverse("partners:partnership-list")) == 11
