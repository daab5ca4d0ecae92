"""The page checkers themselves: pa11y's HTML_CodeSniffer finds what it must (issue 33)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.e2e.pa11y import run_pa11y

pytestmark = pytest.mark.e2e

PAGE = """<!DOCTYPE html><html lang="sv"><head><title>Prov</title></head><body><main>
<h1>Prov</h1>
<label for="q">Sök</label><input id="q" type="search">
{extra}
</main></body></html>"""


def test_pa11y_reports_a_duplicate_id_and_too_little_contrast(chromium: Browser) -> None:
    page = chromium.new_page()
    try:
        page.set_content(
            PAGE.format(
                extra='<span id="q">igen</span>'
                '<span class="badge" style="color:#fff;background:#fff">Vilande</span>'
            )
        )
        codes = [issue["code"] for issue in run_pa11y(page)]
        page.set_content(PAGE.format(extra=""))
        clean = run_pa11y(page)
    finally:
        page.close()

    assert any(code.endswith(".F77") for code in codes), codes
    assert any(".G18." in code for code in codes), codes
    assert clean == []
