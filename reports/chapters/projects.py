"""The year's projects (with the applications and the projects not granted apart) and the
funding radar's "from call to grant"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from funding import selectors as funding_selectors
from intl_portal.lib.formats import money, number

from ..blocks import Block, Table, Text
from ..year import ReportYear
from .common import missing


def projects(year: ReportYear) -> dict[str, Any]:
    return {
        "projects": year.projects,
        "applications": year.applications,
        "not_granted": year.not_granted,
    }


def _money_or_missing(value: Any) -> str:
    return missing() if value is None else money(value)


def _listed(project: Any) -> list[str]:
    return [str(project.title), str(project.department), str(project.programme or "–")]


def _short_list(
    caption: str,
    header: list[str],
    rows: list[list[str]],
    empty: str,
    numeric: tuple[int, ...] = (),
) -> Block:
    """A short table, or the sentence saying there is nothing to list."""
    return Table(caption, header, rows, numeric=numeric) if rows else Text(empty)


def projects_word(chapter: dict[str, Any]) -> list[Block]:
    rows = [
        [
            f"{p.title} ({p.acronym})" if p.acronym else str(p.title),
            str(p.department),
            str(p.programme) if p.programme_id else "–",
            str(p.get_phase_display()),
            ", ".join(p.countries) or "–",
            _money_or_missing(p.budget_sek),
            _money_or_missing(p.grant_sek),
        ]
        for p in chapter["projects"]
    ]
    header = [_("Projekt och mervärde"), _("Förvaltning"), _("Program"), _("Fas"),
              _("Partnerländer"), _("Budget"), _("Bidrag")]  # fmt: skip
    blocks = [
        _short_list(_("Årets projekt"), header, rows, _("Inga projekt i projektbanken under året."),
                    numeric=(5, 6))
    ]  # fmt: skip
    blocks.append(
        _short_list(
            _("Ansökningar under året (sökta belopp, inte beviljade)"),
            [_("Projekt"), _("Förvaltning"), _("Program"), _("Sökt belopp")],
            [[*_listed(p), _money_or_missing(p.grant_sek)] for p in chapter["applications"]],
            _("Inga ansökningar under året."),
            numeric=(3,),
        )
    )
    blocks.append(
        _short_list(
            _("Avslag och avbrutna projekt (inga bidrag)"),
            [_("Projekt"), _("Förvaltning"), _("Program"), _("Fas")],
            [[*_listed(p), str(p.get_phase_display())] for p in chapter["not_granted"]],
            _("Inga avslag eller avbrutna projekt under året."),
        )
    )
    return blocks


def funding(year: ReportYear) -> dict[str, Any]:
    """Calls watched, ideas started from calls, and how many became applications and grants."""
    return funding_selectors.funding_figures(year=year.year)


def funding_word(chapter: dict[str, Any]) -> list[Block]:
    if not chapter["rows"]:
        return [Text(_("Inga bevakade utlysningar eller projektidéer under året."))]
    rows = [
        [r.programme or str(_("Program saknas")), *(number(n) for n in r.counts)]
        for r in [*chapter["rows"], chapter["total"]]
    ]
    rows[-1][0] = str(_("Totalt"))
    caption = _(
        "Utlysningar som förvaltningarna bevakat med sista ansökningsdag %(year)s, "
        "projektidéer startade från utlysningar %(year)s och hur många av dem som "
        "blev ansökningar och beviljades."
    ) % {"year": chapter["year"]}
    header = [_("Program"), _("Bevakade utlysningar"), _("Projektidéer"), _("Ansökningar"),
              _("Beviljade")]  # fmt: skip
    return [Table(caption, header, rows, numeric=[1, 2, 3, 4])]
