"""Calls from a file: the template (Excel or CSV) or a saved EU portal response (JSON).

Every row is checked first, exactly as the call form checks it; the preview waits in the cache
under a token and the confirmation saves it all (like projects/imports.py). A call already in
the radar (same source and id) is updated, never duplicated.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import hashlib
import io
import json
import secrets
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from intl_portal.lib import tabular
from intl_portal.lib.tabular import SheetError, read_xlsx
from intl_portal.organisation import policy
from intl_portal.organisation.models import User
from partners.imports import ImportPreview, ImportRow
from projects.models import FundingProgramme

from . import services, sources
from .columns import CALL_COLUMNS
from .forms import CallForm
from .models import Call

PREVIEW_SECONDS = 60 * 60

# Template column (lower-case header) -> the call's column (its key: the call field).
COLUMNS = CALL_COLUMNS.imported()
FIELD_COLUMNS = {column.key: name for name, column in COLUMNS.items()}
DATES = ("opening_date", "deadline", "deadline_second")
AMOUNTS = ("budget_total", "grant_min", "grant_max")
NULLABLE = ("partners_abroad_required",)
UNREADABLE = "\x00unreadable"


@dataclasses.dataclass
class CallImportPreview(ImportPreview):
    kind: str = "template"

    @property
    def update_count(self) -> int:
        return sum(1 for row in self.rows if row.values.get("is_update"))


class Lookups:
    def __init__(self) -> None:
        self.programmes = {p.name.lower(): p.pk for p in FundingProgramme.objects.all()}
        self.existing = {(c.source, c.identifier): c for c in Call.objects.all()}
        self.seen: set[tuple[str, str]] = set()


def _form_data(raw: dict[str, Any], lookups: Lookups, errors: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, column in COLUMNS.items():
        if column.parse is not None:
            data[column.key] = column.parse(raw.get(name), name, errors)
    programme = data.pop("programme")
    data["programme"] = ""
    if programme:
        data["programme"] = lookups.programmes.get(programme.lower(), UNREADABLE)
        if data["programme"] == UNREADABLE:
            errors.append(
                _("Finansieringsprogrammet ”%(name)s” finns inte i listan.") % {"name": programme}
            )
    source = data["source"]
    data["source"] = (
        tabular.cell_choice(source, Call.Source.choices) if source else Call.Source.MANUAL
    )
    if data["source"] is None:
        data["source"] = UNREADABLE
        errors.append(_("”källa”: värdet ”%(value)s” känns inte igen.") % {"value": source})
    data["currency"] = (data["currency"] or "EUR").upper()
    data["deadline_model"] = (
        Call.DeadlineModel.TWO_STAGE if data["deadline_second"] else Call.DeadlineModel.SINGLE
    )
    return data


def _serialise(cleaned: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in cleaned.items():
        if isinstance(value, datetime.date):
            values[name] = value.isoformat()
        elif isinstance(value, Decimal):
            values[name] = str(value)
        elif isinstance(value, FundingProgramme):
            values[name] = value.pk
            values["programme_label"] = value.name
        else:
            values[name] = value
    return values


def _deserialise(values: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name in services.CALL_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name in DATES:
            record[name] = datetime.date.fromisoformat(value) if value else None
        elif name in (*AMOUNTS, "cofinancing_rate"):
            record[name] = Decimal(value) if value not in (None, "") else None
        elif name == "programme":
            record[name] = FundingProgramme.objects.filter(pk=value).first() if value else None
        else:
            record[name] = "" if value is None and name not in NULLABLE else value
    return record


def _check_duplicate(key: tuple[str, str], lookups: Lookups, errors: list[str]) -> bool:
    if key in lookups.seen:
        errors.append(_("Utlysningen finns två gånger i filen."))
    lookups.seen.add(key)
    return key in lookups.existing


def _template_row(number: int, raw: dict[str, Any], lookups: Lookups) -> ImportRow:
    errors: list[str] = []
    data = _form_data(raw, lookups, errors)
    existing = lookups.existing.get((data["source"], data["identifier"]))
    form = CallForm(data, instance=existing)
    form.is_valid()
    for name, messages in form.errors.items():
        if data.get(name) == UNREADABLE:
            continue
        column = FIELD_COLUMNS.get(name)
        errors.extend(f"”{column}”: {m}" if column else str(m) for m in messages)
    cleaned = {k: v for k, v in form.cleaned_data.items() if k in services.CALL_FIELDS}
    is_update = _check_duplicate((data["source"], data["identifier"]), lookups, errors)
    values = _serialise(cleaned)
    values["is_update"] = is_update
    return ImportRow(number=number, values=values, errors=errors)


def _portal_row(number: int, record: dict[str, Any], lookups: Lookups) -> ImportRow:
    errors: list[str] = []
    data = dict(record)
    name = data.pop("programme_name", "")
    programme_id = lookups.programmes.get(name.lower()) if name else None
    data["programme"] = FundingProgramme(pk=programme_id, name=name) if programme_id else None
    key = (data["source"], data["identifier"])
    existing = lookups.existing.get(key)
    call = copy.copy(existing) if existing is not None else Call()
    for name, value in data.items():
        if name in services.CALL_FIELDS:
            setattr(call, name, value)
    call.closes_on = max(call.deadlines) if call.deadlines else None
    try:
        call.full_clean(validate_unique=False)
    except ValidationError as exc:
        errors.extend(exc.messages)
    is_update = _check_duplicate(key, lookups, errors)
    values = _serialise({k: v for k, v in data.items() if k in services.CALL_FIELDS})
    values["is_update"] = is_update
    return ImportRow(number=number, values=values, errors=errors)


def read_file(name: str, content: bytes) -> tuple[str, list[dict[str, Any]]]:
    """('portal', records) for a JSON response, ('template', rows) for a sheet or CSV."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SheetError(_("Filen kunde inte läsas som JSON.")) from exc
        try:
            return "portal", sources.records_from_response(data)
        except sources.SourceError as exc:
            raise SheetError(
                _("Filen ser inte ut som ett svar från EU-portalens sök-API.")
            ) from exc
    if suffix == ".csv":
        rows = tabular.read_csv(content)
    elif suffix == ".xlsx":
        rows = read_xlsx(io.BytesIO(content))
    else:
        raise SheetError(_("Välj en fil av typen .xlsx, .csv eller .json."))
    if not rows:
        raise SheetError(_("Filen har inga utlysningar under rubrikraden."))
    if "titel" not in rows[0] or "id" not in rows[0]:
        raise SheetError(_("Filen saknar kolumnerna ”id” och ”titel”. Använd mallen."))
    return "template", rows


def check_rows(kind: str, rows: list[dict[str, Any]]) -> list[ImportRow]:
    lookups = Lookups()
    if kind == "portal":
        return [_portal_row(i, r, lookups) for i, r in enumerate(rows, start=1)]
    return [_template_row(i, r, lookups) for i, r in enumerate(rows, start=2)]


def _cache_key(user: User, token: str) -> str:
    digest = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
    return f"funding:import:{user.pk}:{digest}"


def calls_import_preview(*, user: User, name: str, content: bytes) -> CallImportPreview:
    """Read and check every row; keep them for the confirmation. Saves nothing."""
    if not policy.may_manage_calls(user):
        raise PermissionDenied
    kind, raw = read_file(name, content)
    preview = CallImportPreview(token=secrets.token_urlsafe(16), rows=check_rows(kind, raw))
    preview.kind = kind
    if preview.is_importable:
        stored = [row.values for row in preview.rows]
        cache.set(_cache_key(user, preview.token), stored, PREVIEW_SECONDS)
    return preview


def calls_import_commit(*, user: User, token: str) -> services.UpsertResult:
    if not policy.may_manage_calls(user):
        raise PermissionDenied
    key = _cache_key(user, token)
    stored = cache.get(key)
    if not stored:
        raise ValidationError(_("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
    result = services.calls_upsert(records=[_deserialise(v) for v in stored], user=user)
    cache.delete(key)
    return result


def calls_import_cancel(*, user: User, token: str) -> None:
    if not policy.may_manage_calls(user):
        raise PermissionDenied
    cache.delete(_cache_key(user, token))


def import_path(path: Path) -> tuple[services.UpsertResult, list[ImportRow]]:
    """The command's import: every good row saved, the bad rows returned to be reported."""
    kind, raw = read_file(path.name, path.read_bytes())
    rows = check_rows(kind, raw)
    good = [_deserialise(row.values) for row in rows if not row.errors]
    result = services.calls_upsert(records=good)
    return result, [row for row in rows if row.errors]
