"""Issue 3 end to end: a coordinator registers a twinning agreement and evaluates it; a
visitor sees it on the public page and in open data; a resident proposes a new twin town and
the proposal reaches the coordinator. Every page is axe-checked (WCAG 2.1 A/AA)."""

from __future__ import annotations

import datetime
import json

import pytest
from playwright.sync_api import Page, expect

from partners.models import BenefitAnalysis, Partnership, PartnershipEvaluation, TwinTownMeeting
from partners.views.public import reset_proposal_limit
from tests import factories
from tests.conftest import World
from tests.e2e.conftest import Browsing, PageChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PARTNER = "Ringsted"
CONTACT_PERSON = "Mette Demo"


def _registry_pages(browsing: Browsing, checker: PageChecker, page: Page) -> None:
    """The coordinator's other pages of the app, for the axe checks."""
    membership = factories.NetworkMembershipFactory(name="West Sweden")
    BenefitAnalysis.objects.create(
        membership=membership, year=2025, quality=5, influence=4, participation=5,
        utilisation=4, recommendation="keep",
    )  # fmt: skip
    TwinTownMeeting.objects.create(year=2027, theme="Social omsorg")
    factories.PartnershipFactory(
        partner__name="Halden", partner__country="NO",
        last_political_contact=datetime.date(2015, 1, 1),
    )  # fmt: skip
    for path, name in (
        ("/partners/", "partners-overview"),
        ("/partners/partnerships/?dormant=yes", "partners-dormant-filter"),
        ("/partners/partners/", "partners-partner-list"),
        ("/partners/meetings/", "partners-meetings"),
        ("/partners/networks/", "partners-networks"),
        (f"/partners/networks/{membership.pk}/", "partners-network-detail"),
        (f"/partners/networks/{membership.pk}/analyses/new/", "partners-analysis-form"),
        (f"/partners/networks/{membership.pk}/handover/", "partners-network-handover"),
        ("/partners/selection/new/", "partners-selection-form"),
        ("/partners/partnerships/import/", "partners-import"),
        ("/partners/personal-data/?q=Mette+Demo", "partners-personal-data"),
    ):
        response = page.goto(browsing.url(path))
        assert response is not None and response.status == 200, path
        checker.check(page, name)


def _coordinator_registers_and_evaluates(
    world: World, browsing: Browsing, checker: PageChecker
) -> Page:
    factories.PartnerFactory(name=PARTNER, country="DK", region="Region Sjælland")
    factories.FocusAreaFactory(name="Ungdomars delaktighet och lärande")
    page = browsing.log_in(world.coordinator.username)
    page.get_by_role("link", name="Vänorter", exact=True).click()
    page.get_by_role("link", name="Partnerskap", exact=True).click()
    checker.check(page, "partners-list-empty")
    page.get_by_role("link", name="Nytt partnerskap").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt partnerskap")
    page.locator("#id_partner").select_option(label="Ringsted (Danmark)")
    page.locator("#id_kind").select_option("twinning")
    page.locator("#id_since_year").fill("1947")
    page.locator("#id_decision_body").select_option("KF")
    page.locator("#id_decision_date").fill("1947-05-02")
    page.locator("#id_decision_paragraph").fill("12")
    page.locator("#id_case_number").fill("KS 1947/12")
    page.locator("#id_department").select_option(label=world.own_department.name)
    page.locator("#id_political_contact").fill("Kommunfullmäktiges ordförande")
    page.locator("#id_last_political_contact").fill("2025-09-01")
    page.get_by_label("Ungdomars delaktighet och lärande").check()
    page.get_by_label("Publicerad på webbplatsen").check()
    checker.check(page, "partners-form")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PARTNER)
    expect(page.get_by_text("Partnerskapet registrerades.")).to_be_visible()
    checker.check(page, "partners-detail")

    page.get_by_role("link", name="Lägg till kontaktperson").click()
    page.locator("#id_name").fill(CONTACT_PERSON)
    page.locator("#id_email").fill("mette.demo@example.dk")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("cell", name=CONTACT_PERSON, exact=True)).to_be_visible()

    page.get_by_role("link", name="Ny utvärdering").click()
    page.get_by_role("button", name="Spara").click()  # empty: 400 with the error summary
    expect(page.get_by_text("Formuläret innehåller fel")).to_be_visible()
    checker.check(page, "partners-evaluation-errors")
    page.locator("#id_date").fill("2026-03-15")
    page.locator("#id_benefit").fill("Ungdomsutbyte med 24 elever och två studiebesök.")
    page.locator("#id_conclusion").fill("Samarbetet ger tydlig nytta och fortsätter.")
    page.locator("#id_next_step").fill("Söka Nordplus för 2027.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Samarbetet ger tydlig nytta och fortsätter.")).to_be_visible()
    checker.check(page, "partners-detail-evaluated")
    assert PartnershipEvaluation.objects.filter(partnership__partner__name=PARTNER).count() == 1
    _registry_pages(browsing, checker, page)
    return page


def _visitor_sees_it(browsing: Browsing, checker: PageChecker) -> None:
    page = browsing.open()
    page.goto(browsing.url("/public/partnerships/"))
    expect(page.get_by_role("cell", name=PARTNER, exact=True)).to_be_visible()
    expect(page.get_by_text(CONTACT_PERSON)).to_have_count(0)
    expect(page.get_by_text("Halden")).to_have_count(0)  # not published
    checker.check(page, "partners-public")
    response = page.goto(browsing.url("/open/partnerships.json"))
    assert response is not None
    data = json.loads(response.text())
    assert [row["partner"] for row in data["records"]] == [PARTNER]
    assert CONTACT_PERSON not in response.text()


def _resident_proposes(browsing: Browsing, checker: PageChecker) -> None:
    reset_proposal_limit("127.0.0.1")
    page = browsing.open()
    page.goto(browsing.url("/public/partnerships/"))
    page.get_by_role("link", name="Föreslå en ny vänort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Föreslå en ny vänort")
    checker.check(page, "partners-proposal-form")
    page.get_by_label("Förslaget kommer från").select_option("resident")
    page.get_by_label("Ditt namn").fill("Eva Invånare")
    page.get_by_label("Din e-postadress").fill("eva@example.org")
    page.get_by_label("Föreslagen ort").fill("Mariehamn")
    page.get_by_label("Land").select_option("AX")
    page.get_by_label("Varför föreslår du orten?").fill("En skärgårdsstad som vår.")
    page.get_by_role("button", name="Skicka förslaget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för ditt förslag")
    checker.check(page, "partners-proposal-thanks")


def test_partnership_evaluation_public_page_and_proposal(
    world: World, browsing: Browsing, page_checker: PageChecker
) -> None:
    coordinator = _coordinator_registers_and_evaluates(world, browsing, page_checker)
    assert Partnership.objects.get(partner__name=PARTNER).is_published

    _visitor_sees_it(browsing, page_checker)
    _resident_proposes(browsing, page_checker)

    coordinator.goto(browsing.url("/dashboard/"))
    expect(coordinator.get_by_role("link", name="1 nytt förslag på vänort")).to_be_visible()
    coordinator.get_by_role("link", name="1 nytt förslag på vänort").click()
    page_checker.check(coordinator, "partners-proposals")
    coordinator.get_by_role("link", name="Mariehamn").click()
    expect(coordinator.get_by_text("En skärgårdsstad som vår.")).to_be_visible()
    page_checker.check(coordinator, "partners-proposal-detail")
