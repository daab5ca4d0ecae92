"""The columns of a project and of an activity: the bank's export, the import and open data.

See intl_portal.lib.columns. The export's headers are Swedish in every interface language
(plain strings, not translated): the import reads an exported sheet back by them.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from django.db.models import Choices
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intl_portal.lib import opendata, tabular
from intl_portal.lib.columns import Column, Columns, published
from intl_portal.lib.opendata import Field
from intl_portal.lib.text import markdown_to_plain_text
from intl_portal.organisation.sdgs import sdg_numbers

from . import selectors
from .models import Activity, Currency, Project

# --- How the import reads a cell: as the project form would have it posted --------------------

UNREADABLE = "\x00unreadable"  # a cell the import already reported; the form refuses it too


def _text(value: Any, column: str, errors: list[str]) -> str:
    return tabular.cell_text(value)


def _date(value: Any, column: str, errors: list[str]) -> str:
    return tabular.cell_date(value)


def _amount(value: Any, column: str, errors: list[str]) -> str:
    return tabular.cell_number(value)


def _yes_no(value: Any, column: str, errors: list[str]) -> str:
    try:
        answer = tabular.cell_yes_no(value)
    except ValueError:
        errors.append(gettext("”%(column)s” ska vara ja, nej eller tomt.") % {"column": column})
        return "unknown"
    return "unknown" if answer is None else "true" if answer else "false"


def _choice(choices: type[Choices], default: str, aliases: dict[str, str] | None = None) -> Any:
    """A choice by code or label; the default for an empty cell."""

    def parse(value: Any, column: str, errors: list[str]) -> str:
        text = tabular.cell_text(value)
        if not text:
            return default
        code = tabular.cell_choice(text, choices.choices, aliases)
        if code is None:
            errors.append(
                gettext("”%(column)s”: värdet ”%(value)s” känns inte igen.")
                % {"column": column, "value": text}
            )
            return UNREADABLE
        return code

    return parse


def _yes_no_cell(value: bool | None) -> str:
    """The co-financing answers as the import reads them back: ja, nej or empty."""
    return "" if value is None else ("ja" if value else "nej")


def _joined(items: Any) -> str:
    return ", ".join(str(x) for x in items.all())


def _partner_countries(p: Project) -> list[str]:
    return sorted({x.country.code for x in p.partners.all() if x.country})  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)


def _amount_column(key: str, header: str) -> Column[Project]:
    return Column(key, header, attrgetter(key), by_header=True, parse=_amount)


def _date_column(key: str, header: str, title: Promise, description: Promise) -> Column[Project]:
    field = Field(key, "date", title, description)
    return Column(key, header, attrgetter(key), field, by_header=True, parse=_date)


def _cofinancing(key: str, header: str) -> Column[Project]:
    def cell(p: Project) -> str:
        return _yes_no_cell(getattr(p, key))

    return Column(key, header, cell, by_header=True, parse=_yes_no)


# The open data's fields are in this order, the export's headers too; `with_kronor` adds the
# export's two converted amounts at its end.
PROJECT_COLUMNS: Columns[Project] = Columns((
    Column("id", "ID", lambda p: p.pk, opendata.ID),
    Column(
        "title", "Titel", lambda p: p.title,
        Field("title", "string", _("titel"), _("Projektets namn."), True),
        by_header=True, parse=_text,
    ),
    Column(
        "acronym", "Akronym", lambda p: p.acronym,
        Field("acronym", "string", _("akronym"), _("Projektets förkortning.")),
        by_header=True, parse=_text,
    ),
    published(
        "summary", "string", _("sammanfattning"), _("Kort beskrivning, ren text."),
        lambda p: markdown_to_plain_text(p.summary),
    ),
    Column(
        "department", "Förvaltning", lambda p: p.department.name,
        Field(
            "department", "string", _("förvaltning"),
            _("Förvaltningen som äger projektet."),
        ),
        by_header=True,  # by name or abbreviation: projects/imports.py looks it up
    ),
    Column("project_lead", aliases=("projektledare",), parse=_text),  # never exported: a person
    Column(
        "programme", "Program", lambda p: p.programme.name if p.programme else "",
        Field(
            "programme", "string", _("finansieringsprogram"),
            _(
                "Programmet som finansierar projektet, till exempel Erasmus+ eller Interreg."
            ),
        ),
        publish=lambda p: p.programme.name if p.programme else None,
        by_header=True,  # by name: projects/imports.py looks it up
    ),
    Column(
        "programme_strand", "Delprogram", lambda p: p.programme_strand, by_header=True, parse=_text
    ),
    Column(
        "programme_reference", "Projektnummer", lambda p: p.programme_reference,
        by_header=True, parse=_text,
    ),
    Column(
        "role", "Roll", lambda p: p.get_role_display(), by_header=True,
        parse=_choice(
            Project.Role, Project.Role.PARTNER,
            {"huvudpartner": "lead", "lead partner": "lead", "associerad": "associate"},
        ),
    ),
    Column(
        "phase", "Fas", lambda p: p.get_phase_display(),
        Field(
            "phase", "string", _("fas (kod)"),
            _("granted (beviljat) eller ongoing (pågående)."),
        ),
        publish=lambda p: p.phase, by_header=True, parse=_choice(Project.Phase, Project.Phase.IDEA),
    ),
    published(
        "phase_label", "string", _("fas"), _("Fasen i ord, på svenska."),
        lambda p: p.get_phase_display(),
    ),
    Column("status", "Granskning", lambda p: p.get_status_display()),
    _date_column(
        "start_date", "Startdatum", _("startdatum"), _("Projektets första dag (ÅÅÅÅ-MM-DD).")
    ),
    _date_column("end_date", "Slutdatum", _("slutdatum"), _("Projektets sista dag (ÅÅÅÅ-MM-DD).")),
    Column(
        "currency", "Valuta", lambda p: p.currency, by_header=True, parse=_choice(Currency, "SEK")
    ),
    _amount_column("budget_total", "Total budget"),
    _amount_column("grant_amount", "Beviljat bidrag"),
    _amount_column("own_contribution", "Egen insats"),
    _amount_column("own_contribution_in_kind", "Insats i natura"),
    _cofinancing("cofinancing_eu", "Medfinansiering EU"),
    _cofinancing("cofinancing_nordic", "Medfinansiering Norden"),
    _cofinancing("cofinancing_sida", "Medfinansiering Sida"),
    Column(
        "partners", "Partner", lambda p: _joined(p.partners),
        Field("partners", "list", _("partner"), _("Samarbetsparter i projektet.")),
        publish=lambda p: [x.name for x in p.partners.all()],
    ),
    published(
        "partner_countries", "list", _("partnerländer"),
        _("Partnernas länder som ISO 3166-1 alfa-2-koder."), _partner_countries,
    ),
    Column("networks", "Nätverk", lambda p: _joined(p.networks)),
    Column(
        "focus_areas", "Fokusområden", lambda p: _joined(p.focus_areas), opendata.FOCUS_AREAS,
        publish=lambda p: [a.name for a in p.focus_areas.all()],
    ),
    Column(
        "sdgs", "Globala mål (Agenda 2030)", lambda p: sdg_numbers(p.sdgs.all()), opendata.SDGS,
        publish=lambda p: sorted(goal.number for goal in p.sdgs.all()),
    ),
    Column("target_groups", "Målgrupper", lambda p: p.target_groups, by_header=True, parse=_text),
    Column("is_published", "Publicerat", lambda p: p.is_published),
    published(
        "url", "string", _("webbsida"), _("Projektets sida på portalen."),
        lambda p: reverse("public_projects:public-detail", args=[p.pk]), link=True,
    ),
))  # fmt: skip


def _sek_cell(sek: selectors.Sek) -> Any:
    """Kronor rounded, the missing rate named ("kurs saknas för EUR 2027"), or blank if unknown."""
    if sek.amount is None:
        return None
    return sek.missing_rate or round(sek.value or 0)


def _in_kronor(rates: selectors.SekRates, amount: str) -> Callable[[Project], Any]:
    def cell(p: Project) -> Any:
        start = p.start_date.year if p.start_date else None
        return _sek_cell(rates.convert(getattr(p, amount), p.currency, start))

    return cell


def with_kronor(rates: selectors.SekRates) -> Columns[Project]:
    """The export's columns: every project column, then the amounts in kronor at `rates`."""
    return PROJECT_COLUMNS + [
        Column("budget_total_sek", "Total budget i kronor", _in_kronor(rates, "budget_total")),
        Column("grant_amount_sek", "Beviljat bidrag i kronor", _in_kronor(rates, "grant_amount")),
    ]


ACTIVITY_COLUMNS: Columns[Activity] = Columns((
    Column("id", field=opendata.ID, publish=lambda a: a.pk),
    published("title", "string", _("rubrik"), _("Aktivitetens namn."), required=True),
    published(
        "kind", "string", _("typ (kod)"), _("conference (konferens) eller event (evenemang).")
    ),
    published(
        "kind_label", "string", _("typ"), _("Typen i ord, på svenska."),
        lambda a: a.get_kind_display(),
    ),
    Column("department", field=opendata.DEPARTMENT, publish=lambda a: a.department.name),
    published(
        "start_date", "date", _("startdatum"), _("Första dagen (ÅÅÅÅ-MM-DD)."), required=True
    ),
    published("end_date", "date", _("slutdatum"), _("Sista dagen (ÅÅÅÅ-MM-DD), om flera dagar.")),
    published("place", "string", _("plats"), _("Ort eller lokal.")),
    Column("country", field=opendata.COUNTRY, publish=lambda a: a.country.code or None),  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
    Column(
        "country_name", field=opendata.COUNTRY_NAME,
        publish=lambda a: str(a.country.name) if a.country else None,  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
    ),
    published("participants", "integer", _("antal deltagare"), _("Antal deltagare, om känt.")),
))  # fmt: skip
