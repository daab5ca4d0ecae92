"""The annual report's chapters, in order: every chapter of the PDF, the web preview and the
Word copy, and both tables of contents, come from this one list.

How to add a chapter: a data function taking the year (a `ReportYear`, read once for every
chapter) and returning the chapter's context, and a Word function turning that context into
plain blocks (blocks.py: headings, paragraphs, tables, figures), both in a module of
chapters/; a template `templates/reports/chapters/<key>.html` (a <section> with
heading `section.title` and id `<key>-h`, reading its figures from `chapter`); and its entry
here. The PDF, the web preview and the Word copy then all have it, in this order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .blocks import Block
from .chapters import activities, agenda2030, partners, plan, projects, summary
from .year import ReportYear

Context = dict[str, Any]


@dataclass(frozen=True)
class Chapter:
    key: str  # the chapter's anchor is `<key>-h`, its template chapters/<key>.html
    title: Any  # a lazy translation, rendered in the report's language
    data: Callable[[ReportYear], Context]
    word: Callable[[Context], list[Block]]
    # The entries the PDF's contents lists under the chapter: (anchor, label) pairs.
    subentries: Callable[[Context], list[tuple[str, Any]]] | None = None

    @property
    def template(self) -> str:
        return f"reports/chapters/{self.key}.html"


SECTIONS: tuple[Chapter, ...] = (
    Chapter("summary", _("Sammanfattning"), summary.summary, summary.summary_word),
    Chapter("charts", _("Diagram"), summary.charts, summary.charts_word),
    Chapter(
        "plan",
        _("Uppföljning av handlingsplanen"),
        plan.plan,
        plan.plan_word,
        subentries=plan.focus_areas,
    ),
    Chapter("projects", _("Årets projekt"), projects.projects, projects.projects_word),
    Chapter("funding", _("Från utlysning till beviljat"), projects.funding, projects.funding_word),
    Chapter(
        "partnerships",
        _("Vänorter och samarbeten"),
        partners.partnerships,
        partners.partnerships_word,
    ),
    Chapter("networks", _("Nätverk och medlemskap"), partners.networks, partners.networks_word),
    Chapter("activities", _("Aktiviteter"), activities.activities, activities.activities_word),
    Chapter(
        "agenda2030",
        _("Bidrag till Agenda 2030"),
        agenda2030.agenda2030,
        agenda2030.agenda2030_word,
    ),
    Chapter(
        "partner_map",
        _("Karta över partnerorter"),
        partners.partner_map,
        partners.partner_map_word,
    ),
    Chapter("travel", _("Resor och klimat"), activities.travel, activities.travel_word),
    Chapter(
        "agreements", _("Bilaga: Avtalsregister"), partners.agreements, partners.agreements_word
    ),
)


@dataclass(frozen=True)
class WrittenChapter:
    """One chapter of one year's report: its definition and its context."""

    section: Chapter
    chapter: Context

    @property
    def template(self) -> str:
        return self.section.template

    def blocks(self) -> list[Block]:
        return self.section.word(self.chapter)


def written_chapters(year: ReportYear) -> list[WrittenChapter]:
    """Every chapter's context for the year, in order."""
    return [WrittenChapter(section, section.data(year)) for section in SECTIONS]


def contents(chapters: list[WrittenChapter]) -> list[dict[str, Any]]:
    """The table of contents: each chapter with its entries."""
    return [
        {
            "key": c.section.key,
            "title": c.section.title,
            "children": c.section.subentries(c.chapter) if c.section.subentries else [],
        }
        for c in chapters
    ]
