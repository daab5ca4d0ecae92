"""Issue 20 in the browser: a contact tags a project with global goals by keyboard-usable
checkboxes; the coordinator filters the bank by a goal, hands a network over to a new owner and
sees the relationships nobody answers for. Every page is axe-checked, at 1280 and 375 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from intl_portal.organisation.sdgs import sdgs_ensure
from partners.models import NetworkMembership
from projects.models import Project
from tests import factories
from tests.conftest import World
from tests.e2e.conftest import Browsing, PageChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 375, "height": 800}


def _check_narrow(page: Page, checker: PageChecker, name: str) -> None:
    """The same page at a phone's width: axe again, and nothing wider than the screen."""
    wide = page.viewport_size
    page.set_viewport_size(NARROW)
    checker.check(page, f"{name}-375")
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= NARROW["width"], f"{name}: {overflow} px wide at 375 px"
    if wide:
        page.set_viewport_size(wide)


def test_goals_tagged_filtered_and_a_network_handed_over(
    world: World, browsing: Browsing, page_checker: PageChecker
) -> None:
    sdgs_ensure()  # a flushing test before this one empties the migration's rows
    factories.FundingProgrammeFactory()
    network = factories.NetworkMembershipFactory(name="Eurotowns")
    factories.PartnershipFactory(partner__name="Ringsted", owner=world.contact)

    contact = browsing.log_in(world.contact.username)
    contact.goto(browsing.url("/projects/new/"))
    contact.get_by_label("Titel").fill("Unga röster i Norden")
    goals = contact.get_by_role("group", name="Globala mål (Agenda 2030)")
    goals.get_by_label("4. God utbildning för alla").check()
    goals.get_by_label("10. Minskad ojämlikhet").press("Space")  # by keyboard
    page_checker.check(contact, "sdg-project-form")
    contact.get_by_role("button", name="Spara").click()
    expect(
        contact.get_by_text("4. God utbildning för alla, 10. Minskad ojämlikhet")
    ).to_be_visible()
    page_checker.check(contact, "sdg-project-detail")
    project = Project.objects.get(title="Unga röster i Norden")
    assert sorted(g.number for g in project.sdgs.all()) == [4, 10]

    coordinator = browsing.log_in(world.coordinator.username)
    _check_narrow(coordinator, page_checker, "owner-dashboard")
    unowned = coordinator.get_by_role("region", name="Relationer utan aktiv förvaltningsansvarig")
    expect(unowned).to_contain_text("Eurotowns")
    unowned.get_by_role("link", name="Eurotowns").click()
    page_checker.check(coordinator, "owner-network-detail")
    coordinator.get_by_role("link", name="Lämna över ansvaret").click()
    page_checker.check(coordinator, "owner-handover-form")
    _check_narrow(coordinator, page_checker, "owner-handover-form")
    coordinator.get_by_label("Ny förvaltningsansvarig").select_option(label=str(world.contact))
    coordinator.get_by_label("Ny ersättare").select_option(label=str(world.coordinator))
    coordinator.get_by_label("Anteckning").fill("Karin tar över nätverket.")
    coordinator.get_by_role("button", name="Lämna över").click()
    expect(coordinator.get_by_role("status")).to_contain_text("Ansvaret lämnades över.")
    expect(coordinator.get_by_role("table", name="Överlämningar")).to_contain_text(
        "Karin tar över nätverket."
    )
    page_checker.check(coordinator, "owner-network-after")
    network.refresh_from_db()
    assert network.owner == world.contact

    coordinator.goto(browsing.url("/dashboard/"))
    expect(
        coordinator.get_by_role("region", name="Relationer utan aktiv förvaltningsansvarig")
    ).to_contain_text("Alla vänorter och nätverk har en aktiv förvaltningsansvarig.")
    coordinator.goto(browsing.url("/projects/"))
    coordinator.get_by_label("Globalt mål (Agenda 2030)").select_option(
        label="10. Minskad ojämlikhet"
    )
    coordinator.get_by_role("button", name="Visa").click()
    expect(coordinator.get_by_role("main")).to_contain_text("Unga röster i Norden")
    page_checker.check(coordinator, "sdg-bank-filter")
    _check_narrow(coordinator, page_checker, "sdg-bank-filter")
    assert NetworkMembership.objects.get(pk=network.pk).handovers.count() == 1
    page_checker.assert_clean()
