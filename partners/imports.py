"""Import partners and partnerships from an Excel sheet: preview first, save all or nothing."""

from __future__ import annotations

import datetime
import hashlib
import secrets
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from intl_portal.lib import tabular
from intl_portal.lib.tabular import SheetError, read_xlsx
from intl_portal.organisation import policy
from intl_portal.organisation.models import Department, User

from .columns import PARTNERSHIP_COLUMNS
from .models import DecisionBody, Partner, Partnership

PREVIEW_SECONDS = 60 * 60
# The sheet's headers, in order: the partnership columns' import names.
COLUMNS = tuple(PARTNERSHIP_COLUMNS.import_headers())


@dataclass
class ImportRow:
    number: int
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    token: str
    rows: list[ImportRow]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def is_importable(self) -> bool:
        return bool(self.rows) and self.error_count == 0


def _text(cells: dict[str, Any], key: str) -> str:
    return tabular.cell_text(cells[key])


def _choice(value: str, choices: Any) -> str | None:
    """A choice by code or label; "vänort" and "samarbetsort" as the registry says them."""
    aliases = {"vänort": Partnership.Kind.TWINNING, "samarbetsort": Partnership.Kind.COOPERATION}
    return tabular.cell_choice(value, choices, aliases)


def _country(value: str) -> str | None:
    if value.upper() in dict(countries):
        return value.upper()
    return countries.by_name(value, language="sv") or countries.by_name(value) or None


def _year(value: str, errors: list[str]) -> int | None:
    if not value:
        return None
    try:
        year = int(float(value))
    except ValueError:
        year = 0
    if not 1900 <= year <= 2100:
        errors.append(_("”sedan” ska vara ett årtal, till exempel 1995."))
        return None
    return year


def _date(value: Any, errors: list[str]) -> str | None:
    text = tabular.cell_date(value)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        errors.append(_("”beslutsdatum” ska vara ett datum (ÅÅÅÅ-MM-DD)."))
        return None


def _department(value: str, departments: dict[str, int], errors: list[str]) -> int | None:
    if not value:
        return None
    found = departments.get(value.lower())
    if found is None:
        errors.append(_("Förvaltningen ”%(name)s” finns inte.") % {"name": value})
    return found


def _identity(cells: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    """Name, country, website and kind: what identifies the partner and the partnership."""
    name = _text(cells, "partner")
    if not name:
        errors.append(_("Namn saknas."))
    country = _country(_text(cells, "country"))
    if not country:
        errors.append(_("Landet ”%(value)s” känns inte igen.") % {"value": _text(cells, "country")})
    website = _text(cells, "website")
    if website:
        try:
            URLValidator()(website)
        except ValidationError:
            errors.append(_("Webbplatsen är ingen giltig adress."))
    kind = _choice(_text(cells, "kind"), Partnership.Kind.choices)
    if not kind:
        errors.append(_("Typen ”%(value)s” känns inte igen.") % {"value": _text(cells, "kind")})
    return {"name": name, "country": country, "website": website, "kind": kind}


def _decision(cells: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    status = _choice(_text(cells, "status") or "active", Partnership.Status.choices)
    if not status:
        errors.append(
            _("Statusen ”%(value)s” känns inte igen.") % {"value": _text(cells, "status")}
        )
    elif status == Partnership.Status.ENDED:
        errors.append(_("Avslutade partnerskap registreras med beslut i formuläret, inte import."))
    body = _text(cells, "decision_body")
    body_code = _choice(body, DecisionBody.choices) if body else ""
    if body_code is None:
        errors.append(_("”beslutat av” ska vara KF, KS eller nämnd."))
    return {
        "status": status,
        "decision_body": body_code or "",
        "decision_date": _date(cells["decision_date"], errors),
        "decision_paragraph": _text(cells, "decision_paragraph")[:20],
        "case_number": _text(cells, "case_number")[:50],
    }


def _existing_keys() -> set[tuple[str, str, str]]:
    """(name, country, kind) of every partnership already registered, in one query."""
    return {
        (name.lower(), country, kind)
        for name, country, kind in Partnership.objects.values_list(
            "partner__name", "partner__country", "kind"
        )
    }


def _check_duplicate(
    values: dict[str, Any],
    seen: set[tuple[str, str, str]],
    existing: set[tuple[str, str, str]],
    errors: list[str],
) -> None:
    name, country, kind = values["name"], values["country"], values["kind"]
    if not (name and country and kind):
        return
    key = (name.lower(), country, kind)
    if key in seen:
        errors.append(_("Raden finns två gånger i arket."))
    elif key in existing:
        errors.append(_("Partnerskapet finns redan i registret."))
    seen.add(key)


Keys = set[tuple[str, str, str]]


def _parse_row(
    number: int, raw: dict[str, Any], departments: dict[str, int], seen: Keys, existing: Keys
) -> ImportRow:
    errors: list[str] = []
    cells = PARTNERSHIP_COLUMNS.read(raw)
    values = {
        **_identity(cells, errors),
        "region": _text(cells, "region"),
        "since_year": _year(_text(cells, "since_year"), errors),
        "department_id": _department(_text(cells, "department"), departments, errors),
        **_decision(cells, errors),
    }
    _check_duplicate(values, seen, existing, errors)
    return ImportRow(number=number, values=values, errors=errors)


def _cache_key(user: User, token: str) -> str:
    # The token comes back from a form: hash it, so no posted text ever shapes a cache key.
    digest = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
    return f"partners:import:{user.pk}:{digest}"


def partnerships_import_preview(*, user: User, uploaded: Any) -> ImportPreview:
    """Read and check every row; keep the checked rows for the confirmation. Saves nothing."""
    if not policy.may_manage_networks(user):
        raise PermissionDenied
    try:
        raw_rows = read_xlsx(uploaded)  # SheetError carries the user's message
    except zipfile.BadZipFile as exc:  # read_xlsx lets this one through
        raise SheetError(_("Filen kunde inte läsas som ett Excel-ark (.xlsx).")) from exc
    departments: dict[str, int] = {}
    for pk, name, abbreviation in Department.objects.values_list("pk", "name", "abbreviation"):
        departments[name.lower()] = pk
        if abbreviation:
            departments[abbreviation.lower()] = pk
    seen: set[tuple[str, str, str]] = set()
    existing = _existing_keys()
    rows = [
        _parse_row(i, raw, departments, seen, existing) for i, raw in enumerate(raw_rows, start=2)
    ]
    preview = ImportPreview(token=secrets.token_urlsafe(16), rows=rows)
    if preview.is_importable:
        cache.set(_cache_key(user, preview.token), [r.values for r in rows], PREVIEW_SECONDS)
    return preview


@transaction.atomic
def partnerships_import_commit(*, user: User, token: str) -> int:
    """Save the previewed rows, all or nothing. Returns the number of partnerships."""
    if not policy.may_manage_networks(user):
        raise PermissionDenied
    key = _cache_key(user, token)
    rows = cache.get(key)
    if not rows:
        raise ValidationError(_("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
    for stored in rows:
        values = dict(stored)
        partner, _created = Partner.objects.get_or_create(
            name=values.pop("name"),
            country=values.pop("country"),
            defaults={"region": values.pop("region"), "website": values.pop("website")},
        )
        values.pop("region", None)
        values.pop("website", None)
        if values["decision_date"]:
            values["decision_date"] = datetime.date.fromisoformat(values["decision_date"])
        partnership = Partnership(partner=partner, **values)
        partnership.full_clean()
        partnership.save()
    cache.delete(key)
    return len(rows)


def partnerships_import_cancel(*, user: User, token: str) -> None:
    """Forget the preview: nothing was saved and nothing will be."""
    cache.delete(_cache_key(user, token))
