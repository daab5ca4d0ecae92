"""Flows without dead ends (issue 15): proposal → partner → selection analysis, the selection
form's way to register a partner, the dashboard's plan year, the reports page's year."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from actionplans.models import ActionPlan
from partners.models import Partner
from tests import factories
from tests.conftest import World
from tests.partners.setups import PARTNER_SETUPS

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(world: World) -> Client:
    client = Client()
    client.force_login(world.coordinator)
    return client


def test_a_proposal_goes_on_to_a_selection_analysis_registering_the_partner(
    world: World, coordinator: Client, request: pytest.FixtureRequest
) -> None:
    pk = PARTNER_SETUPS["proposal"](world, request)["pk"]
    html = coordinator.get(reverse("partners:proposal-detail", args=[pk])).content.decode()
    assert "Starta urvalsanalys" in html
    start = reverse("partners:partner-create") + "?name=Mariehamn&country=AX&then=selection"
    assert start.replace("&", "&amp;") in html

    page = coordinator.get(start).content.decode()
    assert 'value="Mariehamn"' in page
    response = coordinator.post(start, {"name": "Mariehamn", "country": "AX"})
    partner = Partner.objects.get(name="Mariehamn")
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:selection-create") + f"?partner={partner.pk}"
    form = coordinator.get(response["Location"]).content.decode()
    assert f'<option value="{partner.pk}" selected>' in form

    # Once registered, the proposal goes straight to the analysis.
    html = coordinator.get(reverse("partners:proposal-detail", args=[pk])).content.decode()
    assert reverse("partners:selection-create") + f"?partner={partner.pk}" in html


def test_the_selection_form_offers_registering_the_partner(coordinator: Client) -> None:
    html = coordinator.get(reverse("partners:selection-create")).content.decode()
    assert reverse("partners:partner-create") + "?then=selection" in html


def test_the_dashboard_follows_the_adopted_plan_and_shows_every_open_round(
    coordinator: Client,
) -> None:
    factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.ADOPTED)
    plan_2027 = factories.ActionPlanFactory(year=2027, status=ActionPlan.Status.ADOPTED)
    factories.ActionPlanFactory(year=2028)
    soon = datetime.date.today() + datetime.timedelta(days=10)
    factories.FollowUpRoundFactory(plan=ActionPlan.objects.get(year=2026), deadline=soon)
    factories.FollowUpRoundFactory(plan=plan_2027, deadline=soon)
    html = coordinator.get(reverse("dashboard")).content.decode()
    assert reverse("actionplans:detail", args=[2027]) in html
    assert "Uppföljningen 2026" in html and "Uppföljningen 2027" in html


def test_the_reports_page_keeps_the_chosen_year(coordinator: Client) -> None:
    response = coordinator.post(reverse("reports:report-request"),
                                {"year": "2027", "language": "sv"})  # fmt: skip
    assert response.status_code == 302
    html = coordinator.get(response["Location"]).content.decode()
    assert 'name="year" value="2027"' in html
