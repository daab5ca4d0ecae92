"""The year's activities by kind, and its travel and climate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from intl_portal.lib.formats import long_date, number
from projects.models import Activity
from projects.travel import trip_figures

from ..blocks import Block, Heading, Table, Text
from ..year import ReportYear
from .common import missing


def activities(year: ReportYear) -> dict[str, Any]:
    groups = [
        {"kind": kind, "label": label, "items": [a for a in year.activities if a.kind == kind]}
        for kind, label in Activity.Kind.choices
    ]
    return {"activity_groups": groups}


def activities_word(chapter: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = []
    header = [_("Datum"), _("Aktivitet och nytta"), _("Förvaltning"), _("Plats"), _("Deltagare")]
    for group in chapter["activity_groups"]:
        blocks.append(Heading(f"{group['label']} ({len(group['items'])})"))
        if not group["items"]:
            blocks.append(Text(_("Inga under året.")))
            continue
        rows = [
            [
                long_date(a.start_date),
                str(a.title),
                str(a.department),
                (a.place or "–") + (f", {a.country.name}" if a.country else ""),
                number(a.participants) if a.participants is not None else missing(),
            ]
            for a in group["items"]
        ]
        blocks.append(Table(str(group["label"]), header, rows, numeric=[4]))
    return blocks


@dataclass(frozen=True)
class DepartmentRow:
    name: str
    co2e: str  # "12,5 kg CO₂e", or "uppgift saknas" when no trip of it has a known emission
    trips: int
    unknown: int


def travel(year: ReportYear) -> dict[str, Any]:
    """The year's travel: CO₂e of the trips whose emissions are known, the share of activities
    met digitally, and both per department; what is not known is said, never shown as 0."""
    figures = trip_figures(year=year.year, activities=year.activities)

    def kg(value: Decimal, known: int) -> str:
        return f"{number(value, decimals=1)} kg CO₂e" if known else missing()

    share = f"{figures.digital_share} %" if figures.digital_share is not None else missing()
    rows = [
        (_("Utsläpp från årets resor"), kg(figures.kg, figures.known)),
        (_("Andel aktiviteter som hölls digitalt"), share),
        (_("Resor med känt utsläpp"), number(figures.known)),
        (_("Resor där uppgift saknas"), number(figures.unknown)),
    ]
    departments = [
        DepartmentRow(d.name, kg(d.kg, d.trips), d.trips, d.unknown) for d in figures.departments
    ]
    return {
        "figures": figures,
        "rows": rows,
        "departments": departments,
        "has_data": figures.has_data,
    }


def travel_word(chapter: dict[str, Any]) -> list[Block]:
    if not chapter["has_data"]:
        return [Text(_("Inga resor registrerade för året."))]
    header = [_("Förvaltning"), _("Utsläpp"), _("Resor med känt utsläpp"), _("Uppgift saknas")]
    departments = chapter["departments"]
    return [
        Table(_("Året i siffror"), [_("Uppgift"), _("Värde")], [list(r) for r in chapter["rows"]],
              numeric=(1,)),
        Table(_("Per förvaltning"), header,
              [[d.name, d.co2e, number(d.trips), number(d.unknown)] for d in departments],
              numeric=(1, 2, 3)),
    ]  # fmt: skip
