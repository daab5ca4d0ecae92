"""Issue 21 end to end: two coordinators in two browser sessions edit the same partnership.

Different fields: both kept, the second is told by name. Same field: the conflict page (409)
with both values side by side and its choices; keep the saved value, then use one's own.
Every page is axe-checked (WCAG 2.1 A/AA), the conflict page also at phone width.
"""

from __future__ import annotations

import pytest
import requests
from playwright.sync_api import Page, expect

from intl_portal.organisation.models import Role
from partners.models import Partnership
from tests import factories
from tests.conftest import World
from tests.e2e.conftest import Browsing, PageChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _edit(page: Page, browsing: Browsing, pk: int) -> None:
    page.goto(browsing.url(f"/partners/partnerships/{pk}/edit/"))


def _clash(anna: Page, bo: Page, browsing: Browsing, pk: int, *, theirs: str, mine: str) -> int:
    """Both open the form; Anna saves `theirs`, Bo then `mine` in the same field."""
    _edit(anna, browsing, pk)
    _edit(bo, browsing, pk)
    anna.get_by_label("Beskrivning").fill(theirs)
    anna.get_by_role("button", name="Spara").click()
    anna.wait_for_url(browsing.url(f"/partners/partnerships/{pk}/"))
    bo.get_by_label("Beskrivning").fill(mine)
    with bo.expect_response(lambda r: r.request.method == "POST") as posted:
        bo.get_by_role("button", name="Spara", exact=True).click()
    return posted.value.status


def test_two_people_one_partnership(
    world: World, browsing: Browsing, page_checker: PageChecker
) -> None:
    # The live server's first page takes ~10 s on a loaded machine (first imports): warm it up
    # so the browser's 10 s navigation limit measures the pages, not the start.
    requests.get(browsing.url("/accounts/login/"), timeout=120)
    factories.UserFactory(username="anna", first_name="Anna", last_name="Berg",
                          role=Role.COORDINATOR)  # fmt: skip
    factories.UserFactory(username="bo", first_name="Bo", last_name="Ek", role=Role.COORDINATOR)
    partnership = factories.PartnershipFactory(partner__name="Ringsted", description="Start")
    anna, bo = browsing.log_in("anna"), browsing.log_in("bo")

    # Different fields: both kept, Bo is told who changed what.
    _edit(anna, browsing, partnership.pk)
    _edit(bo, browsing, partnership.pk)
    anna.get_by_label("Beskrivning").fill("Skolutbyte varje vår")
    anna.get_by_role("button", name="Spara").click()
    anna.wait_for_url(browsing.url(f"/partners/partnerships/{partnership.pk}/"))
    bo.get_by_label("Politisk kontakt").fill("Kommunstyrelsens ordförande")
    bo.get_by_role("button", name="Spara").click()
    expect(bo.get_by_text("Anna Berg ändrade andra fält medan du skrev")).to_be_visible()
    page_checker.check(bo, "concurrency-merged")
    partnership.refresh_from_db()
    assert partnership.description == "Skolutbyte varje vår"
    assert partnership.political_contact == "Kommunstyrelsens ordförande"

    # Same field: the conflict page with both values and the choices.
    assert _clash(anna, bo, browsing, partnership.pk, theirs="Annas text", mine="Bos text") == 409
    conflict = bo.locator(".edit-conflict")
    expect(conflict.get_by_role("heading")).to_have_text(
        "Anna Berg ändrade samma uppgifter medan du skrev"
    )
    row = conflict.get_by_role("row", name="Beskrivning")
    expect(row).to_contain_text("Bos text")
    expect(row).to_contain_text("Annas text")
    expect(bo.get_by_label("Beskrivning")).to_have_value("Bos text")  # what Bo typed is kept
    expect(conflict.get_by_role("link", name="Redigera värdena i formuläret")).to_be_visible()
    page_checker.check(bo, "concurrency-conflict")
    bo.set_viewport_size({"width": 375, "height": 800})
    page_checker.check(bo, "concurrency-conflict-phone")
    bo.set_viewport_size({"width": 1280, "height": 900})

    bo.get_by_role("button", name="Behåll de sparade värdena från Anna Berg").click()
    bo.wait_for_url(browsing.url(f"/partners/partnerships/{partnership.pk}/"))
    assert Partnership.objects.get(pk=partnership.pk).description == "Annas text"

    # Once more, and this time Bo's own value wins; the history names both.
    status = _clash(
        anna, bo, browsing, partnership.pk, theirs="Annas andra text", mine="Bos andra text"
    )
    assert status == 409
    bo.get_by_role("button", name="Använd mina värden").click()
    bo.wait_for_url(browsing.url(f"/partners/partnerships/{partnership.pk}/"))
    latest = Partnership.objects.get(pk=partnership.pk).history.latest()
    assert latest.description == "Bos andra text" and "Anna Berg" in latest.history_change_reason
    bo.goto(browsing.url(f"/history/partners.partnership/{partnership.pk}/"))
    expect(bo.get_by_text("Efter en krock med Anna Berg")).to_be_visible()
    page_checker.check(bo, "concurrency-history")

    page_checker.assert_clean()
