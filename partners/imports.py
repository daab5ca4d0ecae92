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
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from intl_portal.lib.tabular import SheetError, read_xlsx
from intl_portal.organisation import policy
from intl_portal.organisation.models import Department, User

from .models import DecisionBody, Partner, Partnership

PREVIEW_SECONDS = 60 * 60
COLUMNS = (
    "namn",
    "land",
    "region",
    "webbplats",
    "typ",
    "sedan",
    "status",
    "förvaltning",
    "beslutat av",
    "beslutsdatum",
    "paragraf",
    "diarienummer",
)


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


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    return "" if value is None else str(value).strip()


def _choice(value: str, choices: Any) -> str | None:
    """A choice by code, or by its label in Swedish (the sheet's language) or the UI's."""
    wanted = value.lower()
    for code, label in choices:
        with translation.override("sv"):
            swedish = str(label).lower()
        if wanted in {str(code).lower(), str(label).lower(), swedish}:
            return str(code)
    aliases = {"vänort": Partnership.Kind.TWINNING, "samarbetsort": Partnership.Kind.COOPERATION}
    return aliases.get(wanted)


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


def _date(raw: Any, errors: list[str]) -> str | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    try:
        return datetime.date.fromisoformat(str(raw).strip()).isoformat()
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


def _identity(raw: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    """Name, country, website and kind: what identifies the partner and the partnership."""
    name = _text(raw, "namn")
    if not name:
        errors.append(_("Namn saknas."))
    country = _country(_text(raw, "land"))
    if not country:
        errors.append(_("Landet ”%(value)s” känns inte igen.") % {"value": _text(raw, "land")})
    website = _text(raw, "webbplats")
    if website:
        try:
            URLValidator()(website)
        except ValidationError:
            errors.append(_("Webbplatsen är ingen giltig adress."))
    kind = _choice(_text(raw, "typ"), Partnership.Kind.choices)
    if not kind:
        errors.append(_("Typen ”%(value)s” känns inte igen.") % {"value": _text(raw, "typ")})
    return {"name": name, "country": country, "website": website, "kind": kind}


def _decision(raw: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    status = _choice(_text(raw, "status") or "active", Partnership.Status.choices)
    if not status:
        errors.append(_("Statusen ”%(value)s” känns inte igen.") % {"value": _text(raw, "status")})
    elif status == Partnership.Status.ENDED:
        errors.append(_("Avslutade partnerskap registreras med beslut i formuläret, inte import."))
    body = _text(raw, "beslutat av")
    body_code = _choice(body, DecisionBody.choices) if body else ""
    if body_code is None:
        errors.append(_("”beslutat av” ska vara KF, KS eller nämnd."))
    return {
        "status": status,
        "decision_body": body_code or "",
        "decision_date": _date(raw.get("beslutsdatum"), errors),
        "decision_paragraph": _text(raw, "paragraf")[:20],
        "case_number": _text(raw, "diarienummer")[:50],
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
    values = {
        **_identity(raw, errors),
        "region": _text(raw, "region"),
        "since_year": _year(_text(raw, "sedan"), errors),
        "department_id": _department(_text(raw, "förvaltning"), departments, errors),
        **_decision(raw, errors),
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
