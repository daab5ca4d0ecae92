"""Twin towns and partnerships, networks and memberships, the map of the year's partner
cities, and the appendix of agreements."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from intl_portal.lib.formats import long_date, money
from partners import selectors as partner_selectors
from partners.map import partner_map as draw_partner_map
from partners.map_png import partner_map_png

from ..blocks import Block, Heading, Picture, Table, Text
from ..year import ReportYear
from .common import missing


def partnerships(year: ReportYear) -> dict[str, Any]:
    return {
        "partnerships": year.partnerships,
        "meetings": partner_selectors.meetings_around(year=year.year),
        "municipality": year.municipality,
    }


def partnerships_word(chapter: dict[str, Any]) -> list[Block]:
    rows = []
    for p in chapter["partnerships"]:
        dormant = p.dormancy_flag or p.status == "dormant"
        evaluation = p.latest_evaluation
        rows.append(
            [
                f"{p.partner.name}, {p.partner.country.name}",
                str(p.get_kind_display()),
                str(p.since_year or "–"),
                long_date(p.last_contact),
                str(_("Vilande") if dormant else _("Aktiv")),
                f"{long_date(evaluation.date)}: {evaluation.conclusion}" if evaluation else "–",
            ]
        )
    header = [_("Partner"), _("Typ"), _("Sedan"), _("Senaste kontakt"), _("Status"),
              _("Senaste utvärdering")]  # fmt: skip
    blocks: list[Block] = [
        Table(_("Vänorter och samarbeten"), header, rows) if rows else Text(_("Inga partnerskap.")),
        Heading(_("Vänortsmöten")),
    ]
    if not chapter["meetings"]:
        blocks.append(Text(_("Inga vänortsmöten registrerade för perioden.")))
    for m in chapter["meetings"]:
        host = m.host.name if m.host else chapter["municipality"].name
        blocks.append(Text(f"{m.year}: {m.theme} – {host}", style="List Bullet"))
    return blocks


def networks(year: ReportYear) -> dict[str, Any]:
    return {"memberships": year.memberships}


def networks_word(chapter: dict[str, Any]) -> list[Block]:
    rows = []
    for n in chapter["memberships"]:
        analysis = n.latest_analysis
        reps = ", ".join(r.get_full_name() or r.username for r in n.representatives.all())
        rows.append(
            [
                str(n.name),
                str(n.get_scope_display()),
                money(n.yearly_fee_sek) if n.yearly_fee_sek is not None else missing(),
                reps or "–",
                (
                    f"{analysis.year}: {analysis.total}/20 – "
                    f"{analysis.get_recommendation_display()}"
                    if analysis
                    else str(_("Ingen analys"))
                ),
            ]
        )
    if not rows:
        return [Text(_("Inga medlemskap."))]
    header = [_("Nätverk"), _("Nivå"), _("Årsavgift"), _("Representanter"), _("Nyttoanalys")]
    return [Table(_("Nätverk och medlemskap"), header, rows, numeric=[2])]


def partner_map(year: ReportYear) -> dict[str, Any]:
    """The map of the partner cities of the report's year, with its text alternative."""
    return {"map": draw_partner_map(partner_selectors.map_places(public=False, year=year.year))}


def partner_map_word(chapter: dict[str, Any]) -> list[Block]:
    places = chapter["map"]
    if not places.has_places:
        return [Text(_("Inga partnerorter med koordinater."))]
    title = (
        _("Karta över partnerorter i Europa")
        if places.view == "europe"
        else _("Världskarta över partnerorter")
    )
    rows = [
        [str(entry.number), entry.name, entry.country_name, str(entry.kind_label)]
        for entry in places.key
    ]
    return [
        Picture(partner_map_png(places), title, places.description),
        Table(
            _("Orterna på kartan, efter nummer"),
            [_("Nr"), _("Ort"), _("Land"), _("Slag")],
            rows,
            (0,),
        ),
        Text(places.description),
    ]


def agreements(year: ReportYear) -> dict[str, Any]:
    return {"agreements": year.agreements}


def agreements_word(chapter: dict[str, Any]) -> list[Block]:
    rows = []
    for p in chapter["agreements"]:
        if p.decision_body:
            decision = str(p.decision_label)
            if p.decision_date:
                decision += f" {long_date(p.decision_date)}"
            if p.decision_paragraph:
                decision += f" § {p.decision_paragraph}"
        else:
            decision = str(_("Beslut saknas"))
        rows.append(
            [
                f"{p.partner.name}, {p.partner.country.name}",
                str(p.get_kind_display()),
                decision,
                p.case_number or "–",
                str(p.get_status_display()),
            ]
        )
    if not rows:
        return [Text(_("Inga avtal registrerade."))]
    header = [_("Partner"), _("Avtal"), _("Beslut"), _("Diarienummer"), _("Status")]
    return [Table(_("Bilaga: Avtalsregister"), header, rows)]
