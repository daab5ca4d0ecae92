"""The to-do list, the search and the mail preferences in the browser, checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from intl_portal.organisation.models import Role
from projects.models import Project
from tests import factories
from tests.conftest import World
from tests.e2e.conftest import Browsing, PageChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_finds_work_searches_and_chooses_mail(
    world: World, browsing: Browsing, page_checker: PageChecker
) -> None:
    ringsted = factories.PartnerFactory(name="Ringsted Kommune", country="DK")
    factories.PartnershipFactory(partner=ringsted)
    project = factories.ProjectFactory(
        title="Unga röster i Norden",
        department=world.own_department,
        status=Project.Status.SUBMITTED,
        summary="Ungdomar från Skövde och Ringsted möts.",
    )
    project.partners.add(ringsted)
    factories.ProjectFactory(
        title="Europadagen i parken",
        status=Project.Status.APPROVED,
        is_published=True,
        phase=Project.Phase.ONGOING,
    )

    coordinator = browsing.log_in(world.coordinator.username)
    todo = coordinator.get_by_role("region", name="Att göra")
    expect(todo).to_contain_text("Inskickade projekt att granska")
    # The project to review, and the twin town with no evaluation and no contact person.
    expect(coordinator.get_by_role("navigation", name="Huvudmeny")).to_contain_text("3 att göra")

    coordinator.get_by_label("Sök i portalen").fill("Ringsted")
    coordinator.get_by_label("Sök i portalen").press("Enter")
    expect(coordinator.get_by_role("heading", name="Projekt", exact=True)).to_be_visible()
    expect(coordinator.locator("mark").first).to_contain_text("Ringsted")
    page_checker.check(coordinator, "coordinator-search")
    coordinator.get_by_role("link", name="Unga röster i Norden").click()
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("Unga röster i Norden")

    coordinator.goto(browsing.url("/account/notifications/"))
    coordinator.get_by_label("Ett projekt skickas in för granskning").select_option("digest")
    coordinator.get_by_role("button", name="Spara").click()
    expect(coordinator.get_by_role("status")).to_contain_text("sparade")
    expect(coordinator.get_by_label("Ett projekt skickas in för granskning")).to_have_value(
        "digest"
    )
    page_checker.check(coordinator, "coordinator-mail-preferences")

    coordinator.set_viewport_size({"width": 375, "height": 800})
    coordinator.goto(browsing.url("/dashboard/"))
    page_checker.check(coordinator, "coordinator-dashboard-todo-phone")
    coordinator.goto(browsing.url("/search/?q=Ringstedt"))
    page_checker.check(coordinator, "coordinator-search-phone")

    visitor = browsing.open()
    visitor.goto(browsing.url("/"))
    visitor.get_by_label("Sök i portalen").fill("Europadagen")
    visitor.get_by_label("Sök i portalen").press("Enter")
    expect(visitor.get_by_role("link", name="Europadagen i parken")).to_be_visible()
    page_checker.check(visitor, "visitor-search")

    contact = browsing.log_in(
        factories.UserFactory(
            username="kerstin", role=Role.CONTACT, department=world.own_department
        ).username
    )
    expect(contact.get_by_role("region", name="Att göra")).to_be_visible()
    page_checker.assert_clean()


# The lines a button's label is laid out on (1 when no word is broken and nothing wraps).
LABEL_LINES = """button => {
    const range = document.createRange();
    range.selectNodeContents(button);
    return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
}"""


def test_search_button_keeps_its_word_in_english_on_a_phone_and_a_desktop(
    world: World, browsing: Browsing, page_checker: PageChecker
) -> None:
    """The search page's button read "Searc / h" in English: text in main may break anywhere
    (reflow), and the field took the width the button's one word needed (issue 33)."""
    visitor = browsing.open()
    visitor.goto(browsing.url("/public/search/?q=Europa"))
    visitor.get_by_label("Språk").select_option("en")
    visitor.get_by_role("button", name="Byt språk").click()
    button = visitor.get_by_role("main").get_by_role("button", name="Search", exact=True)
    for width in (320, 1280):
        visitor.set_viewport_size({"width": width, "height": 800})
        assert button.evaluate(LABEL_LINES) == 1, f"the button's word is broken at {width} px"
        page_checker.check(visitor, f"visitor-search-en-{width}px")
    page_checker.assert_clean()
