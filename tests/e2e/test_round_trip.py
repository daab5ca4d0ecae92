"""Every edit form of the portal, opened in Chromium and saved unchanged, changes nothing.

Swedish and English interface. The whole portal's rows (every table of the apps, through
tables included, history tables and auto_now stamps left aside) are compared before and after
each save, so the object and its related rows (indicators, partners, focus areas…) are covered.
The save must really reach the server (a POST answered with a redirect): a form the browser
refused to send would otherwise pass unnoticed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from projects.models import Indicator, Project
from tests.conftest import World
from tests.e2e.conftest import Browsing
from tests.test_concurrency_pages import edit_url_names
from tests.test_forms_fuzz import FORM_URLS
from tests.test_permission_matrix import SETUPS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

APPS = {"projects", "partners", "actionplans", "funding", "organisation"}
# Pages that save an existing record without "edit/" in their route (the outcome page is
# opened on a goal without an outcome by its setup: nothing to save unchanged there).
EXTRA_EDIT_PAGES: set[str] = set()
SETUP_OF = {entry.url: entry.setup for entry in FORM_URLS}
VOLATILE = {"last_login"}


def _snapshot() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label not in APPS or model.__name__.startswith("Historical"):
            continue
        names = [
            f.attname
            for f in meta.concrete_fields
            if not getattr(f, "auto_now", False) and f.attname not in VOLATILE
        ]
        rows[meta.label] = sorted(repr(r) for r in model.objects.values_list(*names))
    return rows


def _differences(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    return [
        f"{label}: {sorted(set(before[label]) - set(after[label]))} → "
        f"{sorted(set(after[label]) - set(before[label]))}"
        for label in before
        if before[label] != after.get(label)
    ]


def _with_decimals() -> None:
    """Projects carry indicators with decimals, the values the browser used to drop."""
    for project in Project.objects.all():
        Indicator.objects.create(project=project, description="Elever som deltar",
                                 unit="elever", target=Decimal("40.00"),
                                 outcome=Decimal("12.50"))  # fmt: skip
        project.grant_amount, project.currency = Decimal(150000), "EUR"
        project.save(update_fields=["grant_amount", "currency"])


def _save_unchanged(browsing: Browsing, page: Any, url: str) -> int:
    page.goto(browsing.url(url))
    form = page.locator("main form[method=post]:has(input[name=opened])")
    if not form.count():
        form = page.locator("main form[method=post]")
    form = form.first
    button = form.locator("button[type=submit], button:not([type])").first
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        button.click()
    page.wait_for_load_state()
    return answer.value.status


EDIT_PAGES = sorted(edit_url_names() | EXTRA_EDIT_PAGES)
# The settings area's one edit URL serves every kind of reference data: each kind is opened.
SETTINGS_KINDS = ("committees", "departments", "focus-areas", "working-methods", "programmes",
                  "exchange-rates")  # fmt: skip
CASES = sorted(
    {(name, SETUP_OF.get(name, "")) for name in EDIT_PAGES}
    | {("settings:kind-edit", f"kind_{kind}_object") for kind in SETTINGS_KINDS}
)


def test_every_edit_page_has_a_setup() -> None:
    assert [name for name in EDIT_PAGES if name not in SETUP_OF] == []


@pytest.mark.parametrize(("name", "setup"), CASES, ids=[f"{n}[{s}]" for n, s in CASES])
def test_every_edit_form_saves_unchanged_in_swedish_and_english(
    name: str, setup: str, world: World, browsing: Browsing, request: pytest.FixtureRequest
) -> None:
    url = reverse(name, kwargs=SETUPS[setup](world, request))
    _with_decimals()
    problems = []
    for language in ("sv", "en"):
        page = browsing.log_in(world.coordinator.username)
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": browsing.base_url}]
        )
        before = _snapshot()
        status = _save_unchanged(browsing, page, url)
        changed = _differences(before, _snapshot())
        if status != 302 or changed:
            problems.append(f"{language} {url}: status {status}; {changed}")
    assert not problems, "\n".join(problems)
