"""One list of chapters (SECTIONS) gives the headings and both tables of contents."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from reports.document import report_html
from reports.sections import SECTIONS
from tests import factories
from tests.conftest import World


def _chapter_ids(html: str) -> list[str]:
    return re.findall(r'<h2 id="(\w+)-h"', html)


def _contents_links(html: str, start: str) -> list[str]:
    contents = html[html.index(start) :]
    contents = contents[: contents.index("</nav>")]
    return re.findall(r'href="#(\w+)-h"', contents)


def _plan_with_a_goal() -> None:
    plan = factories.ActionPlanFactory(year=2026, status="adopted")
    factories.GoalFactory(plan=plan)


def test_pdf_chapters_and_contents_follow_sections(world: World) -> None:
    _plan_with_a_goal()
    html = report_html(year=2026)
    keys = [section.key for section in SECTIONS]
    assert [k for k in _chapter_ids(html) if k in keys] == keys
    assert _contents_links(html, 'class="toc"') == keys
    for section in SECTIONS:
        assert f'<h2 id="{section.key}-h">{section.title}</h2>' in html
    assert 'href="#area-1"' in html  # the plan's focus areas are listed under their chapter


def test_preview_contents_follow_sections(world: World) -> None:
    _plan_with_a_goal()
    client = Client()
    client.force_login(world.coordinator)
    html = client.get(reverse("reports:report-preview", args=[2026])).content.decode()
    keys = [section.key for section in SECTIONS]
    assert _contents_links(html, 'aria-labelledby="preview-toc"') == keys
    assert [k for k in _chapter_ids(html) if k in keys] == keys
    assert 'href="#area-1"' not in html
