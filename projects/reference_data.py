"""Writes for the project bank's reference data: funding programmes and exchange rates.

Exchange rates are entered one by one or imported from a CSV or Excel file of yearly averages
(one row per year and currency). An import checks every row first and saves all or nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from intl_portal.lib import concurrency
from intl_portal.lib.concurrency import Opened
from intl_portal.lib.tabular import SheetError, read_csv, read_xlsx

from .models import Currency, ExchangeRate, FundingProgramme

MAX_RATE_ROWS = 2000


def _save(instance: Any, fields: dict[str, Any]) -> Any:
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def funding_programme_create(*, name: str, **fields: Any) -> FundingProgramme:
    """A new programme (`fields`: sort_order, is_active)."""
    return _save(FundingProgramme(), {"name": name, **fields})


def _update(instance: Any, data: dict[str, Any], opened: Opened | None) -> Any:
    """An edit of an existing row through the one concurrency mechanism."""
    return concurrency.update(instance, data=data, opened=opened, apply=_save)


@transaction.atomic
def funding_programme_update(
    *, programme: FundingProgramme, data: dict[str, Any], opened: Opened | None = None
) -> FundingProgramme:
    """Rename, reorder or (de)activate; projects keep their programme."""
    return _update(programme, data, opened)


@transaction.atomic
def exchange_rate_create(*, year: int, currency: str, sek_per_unit: Decimal) -> ExchangeRate:
    return _save(ExchangeRate(), {"year": year, "currency": currency, "sek_per_unit": sek_per_unit})


@transaction.atomic
def exchange_rate_update(
    *, rate: ExchangeRate, data: dict[str, Any], opened: Opened | None = None
) -> ExchangeRate:
    return _update(rate, data, opened)


# --- Import of yearly averages ---------------------------------------------------------------

YEAR_COLUMNS = ("år", "year", "ar")
CURRENCY_COLUMNS = ("valuta", "currency")
RATE_COLUMNS = ("kurs", "sek", "rate", "kronor per enhet", "sek per enhet", "medelkurs")


@dataclass
class RateImport:
    """The outcome of an import: rows saved, or the errors that stopped it (nothing saved)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _column(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if name in row:
            return row[name]
    return None


def read_rate_rows(*, name: str, data: bytes) -> list[dict[str, Any]]:
    """The file's rows keyed by lower-cased header: CSV (; or , separated) or Excel (.xlsx)."""
    if name.lower().endswith(".xlsx"):
        return read_xlsx(io.BytesIO(data), max_rows=MAX_RATE_ROWS)
    return read_csv(data, max_rows=MAX_RATE_ROWS)


def _parse(row: dict[str, Any], number: int) -> tuple[tuple[int, str, Decimal] | None, list[str]]:
    errors = []
    where = _("Rad %(n)s") % {"n": number}
    raw_year = str(_column(row, YEAR_COLUMNS) or "").strip().removesuffix(".0")
    year = int(raw_year) if raw_year.isdigit() and 1990 <= int(raw_year) <= 2100 else None
    if year is None:
        errors.append(
            _("%(where)s: året ”%(value)s” är inte ett år.") % {"where": where, "value": raw_year}
        )
    currency = str(_column(row, CURRENCY_COLUMNS) or "").strip().upper()
    if currency not in Currency.values or currency == Currency.SEK:
        errors.append(
            _("%(where)s: valutan ”%(value)s” finns inte i portalen.")
            % {"where": where, "value": currency}
        )
    raw_rate = _column(row, RATE_COLUMNS)
    text = (
        str(raw_rate if raw_rate is not None else "").strip().replace(" ", "").replace("\u00a0", "")
    )
    try:
        rate = Decimal(text.replace(",", "."))
    except InvalidOperation:
        rate = None
    if rate is None or not rate.is_finite() or rate <= 0 or rate >= Decimal("1000000"):
        errors.append(
            _("%(where)s: kursen ”%(value)s” är inte ett positivt tal.")
            % {"where": where, "value": text}
        )
    if errors or year is None or rate is None:
        return None, errors
    return (year, currency, rate.quantize(Decimal("0.0001"))), []


def _parse_all(rows: list[dict[str, Any]], result: RateImport) -> dict[tuple[int, str], Decimal]:
    parsed: dict[tuple[int, str], Decimal] = {}
    for number, row in enumerate(rows, start=2):
        value, errors = _parse(row, number)
        result.errors.extend(errors)
        if value is None:
            continue
        year, currency, rate = value
        if parsed.get((year, currency), rate) != rate:
            result.errors.append(
                _("Rad %(n)s: %(currency)s %(year)s förekommer två gånger med olika kurs.")
                % {"n": number, "currency": currency, "year": year}
            )
        parsed[year, currency] = rate
    return parsed


@transaction.atomic
def _store(parsed: dict[tuple[int, str], Decimal], result: RateImport) -> None:
    existing = {(r.year, r.currency): r for r in ExchangeRate.objects.select_for_update()}
    for (year, currency), rate in sorted(parsed.items()):
        current = existing.get((year, currency))
        if current is None:
            exchange_rate_create(year=year, currency=currency, sek_per_unit=rate)
            result.created += 1
        elif current.sek_per_unit != rate:
            exchange_rate_update(rate=current, data={"sek_per_unit": rate})
            result.updated += 1
        else:
            result.unchanged += 1


def exchange_rates_import(*, name: str, data: bytes) -> RateImport:
    """Check every row, then save all (new rates added, existing ones updated) or nothing."""
    result = RateImport()
    try:
        rows = read_rate_rows(name=name, data=data)
    except SheetError as exc:
        result.errors.append(str(exc))
        return result
    header = set(rows[0]) if rows else set()
    if not rows:
        result.errors.append(_("Filen innehåller inga kurser."))
    elif not all(header & set(names) for names in (YEAR_COLUMNS, CURRENCY_COLUMNS, RATE_COLUMNS)):
        result.errors.append(_("Filen behöver kolumnerna år, valuta och kurs."))
    else:
        parsed = _parse_all(rows, result)
        if not result.errors:
            _store(parsed, result)
    return result
