"""The annual report's chapters, in order.

This one list gives every chapter its heading and builds the table of contents of the PDF and of
the web preview. To add a chapter: its figures in data.py, its <section> in
templates/actionplans/reports/_sections.html (heading `sections.<key>.title`, id `<key>-h`), and
its entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str  # the chapter's anchor is `<key>-h`
    title: Any  # a lazy translation, rendered in the report's language
    # A context entry of (anchor, label) pairs the PDF's contents list under the chapter.
    subentries: str = ""


SECTIONS: tuple[Section, ...] = (
    Section("summary", _("Sammanfattning")),
    Section("charts", _("Diagram")),
    Section("plan", _("Uppföljning av handlingsplanen"), subentries="focus_area_anchors"),
    Section("projects", _("Årets projekt")),
    Section("funding", _("Från utlysning till beviljat")),
    Section("partnerships", _("Vänorter och samarbeten")),
    Section("networks", _("Nätverk och medlemskap")),
    Section("activities", _("Aktiviteter")),
    Section("agreements", _("Bilaga: Avtalsregister")),
)


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
