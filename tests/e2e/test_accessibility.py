"""The accessibility statement: a visitor reports a problem; the coordinator reads it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from intl_portal.lib import flood
from tests.conftest import World
from tests.e2e.conftest import Browsing, PageChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitor_reports_an_accessibility_problem(
    world: World, browsing: Browsing, page_checker: PageChecker
) -> None:
    flood.reset(scope="accessibility", ip="127.0.0.1")
    visitor = browsing.open()
    visitor.goto(browsing.url("/"))
    visitor.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    page_checker.check(visitor, "visitor-accessibility")

    visitor.get_by_role("button", name="Skicka anmälan").click()  # empty: refused
    expect(visitor.get_by_role("alert")).to_contain_text("Formuläret innehåller fel")
    page_checker.check(visitor, "visitor-accessibility-error")

    visitor.get_by_label("Beskrivning av problemet").fill(
        "Kalendern går inte att läsa med skärmläsare."
    )
    visitor.get_by_role("button", name="Skicka anmälan").click()
    expect(visitor.get_by_role("status")).to_contain_text("Tack!")
    page_checker.check(visitor, "visitor-accessibility-sent")

    coordinator = browsing.log_in(world.coordinator.username)
    coordinator.goto(browsing.url("/accessibility/reports/"))
    expect(coordinator.get_by_role("table")).to_contain_text("skärmläsare")
    page_checker.check(coordinator, "coordinator-accessibility-reports")
    coordinator.get_by_role("button", name="Markera som åtgärdad").click()
    expect(coordinator.get_by_role("table")).to_contain_text("Åtgärdad")
    page_checker.assert_clean()
