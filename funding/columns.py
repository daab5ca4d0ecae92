"""The columns of a funding call's import template (Excel or CSV): header, field, how read.

See intl_portal.lib.columns. The template's headers are Swedish and lower-case in every
interface language; the order is the template's.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from intl_portal.lib import tabular
from intl_portal.lib.columns import Column, Columns, Parser

from .models import Call


def _text(value: Any, column: str, errors: list[str]) -> str:
    return tabular.cell_text(value)


def _date(value: Any, column: str, errors: list[str]) -> str:
    return tabular.cell_date(value)


def _number(value: Any, column: str, errors: list[str]) -> str:
    return tabular.cell_number(value, percent=True)


def _yes_no(value: Any, column: str, errors: list[str]) -> str:
    try:
        answer = tabular.cell_yes_no(value)
    except ValueError:
        errors.append(_("”partner i andra länder” ska vara ja, nej eller tomt."))
        return ""
    return "" if answer is None else "true" if answer else "false"


def _column(key: str, header: str, parse: Parser = _text) -> Column[Call]:
    return Column(key, aliases=(header,), parse=parse)


CALL_COLUMNS: Columns[Call] = Columns((
    _column("programme", "program"),  # by name: funding/imports.py looks it up
    _column("identifier", "id"),
    _column("title", "titel"),
    _column("summary", "sammanfattning"),
    _column("source", "källa"),  # by code or label: funding/imports.py reads it
    _column("opening_date", "öppnar", _date),
    _column("deadline", "sista ansökningsdag", _date),
    _column("deadline_second", "sista dag steg 2", _date),
    _column("currency", "valuta"),
    _column("budget_total", "total budget", _number),
    _column("grant_min", "bidrag från", _number),
    _column("grant_max", "bidrag upp till", _number),
    _column("cofinancing_rate", "finansieringsgrad", _number),
    _column("eligible_applicants", "vem får söka"),
    _column("partners_abroad_required", "partner i andra länder", _yes_no),
    _column("themes", "teman"),
    _column("url", "länk"),
))  # fmt: skip
