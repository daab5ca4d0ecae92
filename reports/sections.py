"""The annual report's chapters, in order.

This one list gives every chapter its heading and builds the table of contents of the PDF and of
the web preview. To add a chapter: one data function (chapters.py: `f(*, year)` returning the
chapter's context, and its content as plain blocks under "word" for the Word copy), one template
(templates/reports/chapters/<key>.html: a <section> with heading
`sections.<key>.title` and id `<key>-h`, reading its figures from `chapter`), and its entry here
with both. The PDF, the web preview and the Word copy then all have it, in this order.
(The older chapters keep their figures in data.py and their <section> in _sections.html.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from . import chapters


@dataclass(frozen=True)
class Section:
    key: str  # the chapter's anchor is `<key>-h`
    title: Any  # a lazy translation, rendered in the report's language
    # A context entry of (anchor, label) pairs the PDF's contents list under the chapter.
    subentries: str = ""
    # A chapter of its own: the function giving its context, and its template.
    data: Callable[..., dict[str, Any]] | None = None
    template: str = ""


SECTIONS: tuple[Section, ...] = (
    Section("summary", _("Sammanfattning")),
    Section("charts", _("Diagram")),
    Section("plan", _("Uppföljning av handlingsplanen"), subentries="focus_area_anchors"),
    Section("projects", _("Årets projekt")),
    Section("funding", _("Från utlysning till beviljat")),
    Section("partnerships", _("Vänorter och samarbeten")),
    Section("networks", _("Nätverk och medlemskap")),
    Section("activities", _("Aktiviteter")),
    Section(
        "agenda2030",
        _("Bidrag till Agenda 2030"),
        data=chapters.agenda2030,
        template="reports/chapters/agenda2030.html",
    ),
    Section(
        "partner_map",
        _("Karta över partnerorter"),
        data=chapters.partner_cities,
        template="reports/chapters/partner_map.html",
    ),
    Section(
        "travel",
        _("Resor och klimat"),
        data=chapters.travel_climate,
        template="reports/chapters/travel.html",
    ),
    Section("agreements", _("Bilaga: Avtalsregister")),
)


def chapter_data(*, year: int) -> dict[str, dict[str, Any]]:
    """Each chapter of its own's context by its key."""
    return {s.key: s.data(year=year) for s in SECTIONS if s.data is not None}


def own_chapters(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The chapters of their own, in order, with their template and context (for the loop in
    _sections.html and for the Word copy)."""
    return [
        {"section": s, "template": s.template, "chapter": context["chapters"][s.key]}
        for s in SECTIONS
        if s.data is not None
    ]


def contents(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The table of contents for a report's template context: each chapter with its entries."""
    return [
        {
            "key": section.key,
            "title": section.title,
            "children": list(context.get(section.subentries, [])) if section.subentries else [],
        }
        for section in SECTIONS
    ]
