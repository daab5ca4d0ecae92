"""One status per partnership (issue 15): stored status plus computed dormancy, shown the same
way in the registry, detail page, dashboard, public page, open data, export and report."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from partners import selectors
from partners.models import Partnership
from reports.document import report_context
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

WORDS = "Aktiv · vilande kontakt"


@pytest.fixture
def halden() -> Partnership:
    partner = factories.PartnerFactory(name="Halden kommune", country="NO")
    return factories.PartnershipFactory(
        partner=partner,
        status=Partnership.Status.ACTIVE,
        since_year=1950,
        last_political_contact=datetime.date(2019, 5, 1),
        is_published=True,
    )


def test_the_one_function_joins_stored_status_and_dormancy(halden: Partnership) -> None:
    assert str(selectors.partnership_status(halden)) == WORDS
    fresh = factories.PartnershipFactory(
        status=Partnership.Status.ACTIVE, last_political_contact=datetime.date.today()
    )
    assert str(selectors.partnership_status(fresh)) == "Aktiv"
    halden.status = Partnership.Status.DORMANT
    assert str(selectors.partnership_status(halden)) == "Vilande"


def test_every_place_shows_the_same_status(world: World, halden: Partnership) -> None:
    # Before: "Vilande" in the report's chapter and dashboard, "Aktiv" elsewhere.
    client = Client()
    client.force_login(world.coordinator)
    pages = {
        "registry": reverse("partners:partnership-list"),
        "detail": reverse("partners:partnership-detail", args=[halden.pk]),
        "dashboard": reverse("dashboard"),
        "public": reverse("public_partnerships:public-list"),
        "open data": reverse("open_data:dataset", args=["partnerships", "json"]),
        "export": reverse("partners:partnership-export", args=["csv"]),
    }
    for where, url in pages.items():
        response = client.get(url)
        body = response.content.decode("utf-8-sig")
        if where == "open data":
            body = body.encode().decode("unicode_escape") if "\\u" in body else body
        assert WORDS in body, where
    year = datetime.date.today().year
    html = render_to_string("reports/_sections.html", report_context(year=year))
    assert html.count(WORDS) >= 2  # the twin-town chapter and the agreements appendix
