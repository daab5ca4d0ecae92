"""Import projects from an Excel sheet: preview first, save all or nothing.

Follows partners/imports.py: every row is checked before anything is saved, the checked rows
wait in the cache under a token, and the confirmation saves them all in one transaction.
Each row is validated by the project form itself, so the rules and the Swedish messages are
exactly those of the form (end not before start, no negative amounts, grant within the total).
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
import zipfile
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from intl_portal.lib import tabular
from intl_portal.lib.tabular import SheetError, read_xlsx
from intl_portal.organisation import policy
from intl_portal.organisation.models import Department, User
from partners.imports import ImportPreview, ImportRow

from . import services
from .columns import PROJECT_COLUMNS, UNREADABLE
from .forms import ProjectForm
from .models import FundingProgramme, Project
from .revisions import deserialise, serialise

PREVIEW_SECONDS = 60 * 60

# Sheet column (the export's header, lower-cased) -> the project column (its key: the form field).
COLUMNS = PROJECT_COLUMNS.imported()
DISPLAY_ONLY = ("department_name", "phase_label")  # shown in the preview, not saved
FIELD_COLUMNS = {column.key: name for name, column in COLUMNS.items()}


@dataclasses.dataclass
class ProjectImportPreview(ImportPreview):
    approve: bool = False
    ignored: list[str] = dataclasses.field(default_factory=list)


class Lookups:
    """Departments by name or abbreviation, active programmes by name: one query each."""

    def __init__(self) -> None:
        self.departments: dict[str, int] = {}
        for pk, name, abbreviation in Department.objects.values_list("pk", "name", "abbreviation"):
            self.departments[name.lower()] = pk
            if abbreviation:
                self.departments[abbreviation.lower()] = pk
        self.programmes = {
            name.lower(): pk
            for pk, name in FundingProgramme.objects.filter(is_active=True).values_list(
                "pk", "name"
            )
        }
        self.existing = {
            (title.lower(), department)
            for title, department in Project.objects.values_list("title", "department_id")
        }
        self.seen: set[tuple[str, int]] = set()


def _related(cells: dict[str, Any], lookups: Lookups, errors: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    department = tabular.cell_text(cells["department"])
    if department:
        data["department"] = lookups.departments.get(department.lower())
        if data["department"] is None:
            data["department"] = UNREADABLE
            errors.append(_("Förvaltningen ”%(name)s” finns inte.") % {"name": department})
    programme = tabular.cell_text(cells["programme"])
    if programme:
        data["programme"] = lookups.programmes.get(programme.lower())
        if data["programme"] is None:
            data["programme"] = UNREADABLE
            errors.append(
                _("Finansieringsprogrammet ”%(name)s” finns inte i listan.") % {"name": programme}
            )
    return data


def _form_data(raw: dict[str, Any], lookups: Lookups, errors: list[str]) -> dict[str, Any]:
    """The row as the project form would have it posted."""
    data: dict[str, Any] = {"is_published": ""}
    for name, column in COLUMNS.items():
        if column.parse is not None:
            data[column.key] = column.parse(raw.get(name), name, errors)
    return data | _related(PROJECT_COLUMNS.read(raw), lookups, errors)


def _form_errors(form: ProjectForm, data: dict[str, Any], errors: list[str]) -> None:
    """The form's messages, named by column; a value already reported is not reported twice."""
    for name, messages in form.errors.items():
        if data.get(name) == UNREADABLE:
            continue
        column = FIELD_COLUMNS.get(name)
        for message in messages:
            errors.append(f"”{column}”: {message}" if column else str(message))


def _check_duplicate(cleaned: dict[str, Any], lookups: Lookups, errors: list[str]) -> None:
    if not cleaned.get("title") or not cleaned.get("department"):
        return
    key = (cleaned["title"].lower(), cleaned["department"].pk)
    if key in lookups.seen:
        errors.append(_("Projektet finns två gånger i arket."))
    elif key in lookups.existing:
        errors.append(_("Förvaltningen har redan ett projekt med den titeln."))
    lookups.seen.add(key)


def _parse_row(
    number: int, raw: dict[str, Any], lookups: Lookups, user: User, approve: bool
) -> ImportRow:
    errors: list[str] = []
    data = _form_data(raw, lookups, errors)
    form = ProjectForm(data, user=user)
    form.is_valid()
    _form_errors(form, data, errors)
    cleaned = {k: form.cleaned_data[k] for k in FIELD_COLUMNS if k in form.cleaned_data}
    _check_duplicate(cleaned, lookups, errors)
    if approve and not errors:
        try:
            services.check_ready_for_review(Project(**cleaned))
        except ValidationError as exc:
            errors.extend(exc.messages)
    values = serialise(cleaned)
    values["department_name"] = str(cleaned["department"]) if cleaned.get("department") else ""
    values["phase_label"] = (
        str(Project.Phase(cleaned["phase"]).label) if cleaned.get("phase") else ""
    )
    return ImportRow(number=number, values=values, errors=errors)


def _read(uploaded: Any) -> list[dict[str, Any]]:
    try:
        rows = read_xlsx(uploaded)  # SheetError carries the user's message
    except zipfile.BadZipFile as exc:  # read_xlsx lets this one through
        raise SheetError(_("Filen kunde inte läsas som ett Excel-ark (.xlsx).")) from exc
    if not rows:
        raise SheetError(_("Arket har inga projekt under rubrikraden."))
    if "titel" not in rows[0]:
        raise SheetError(
            _("Arket saknar kolumnen ”titel”. Första raden ska vara rubriker som i exporten.")
        )
    return rows


def _cache_key(user: User, token: str) -> str:
    # The token comes back from a form: hash it, so no posted text ever shapes a cache key.
    digest = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
    return f"projects:import:{user.pk}:{digest}"


def ignored_columns(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Headers the import does not read (the export's ID, status, partner …)."""
    found: dict[str, None] = {}
    for row in rows:
        found.update(dict.fromkeys(row))
    return [column for column in found if column not in COLUMNS]


def projects_import_preview(*, user: User, uploaded: Any, approve: bool) -> ProjectImportPreview:
    """Read and check every row; keep the checked rows for the confirmation. Saves nothing."""
    if not policy.may_import_projects(user):
        raise PermissionDenied
    raw_rows = _read(uploaded)
    lookups = Lookups()
    rows = [_parse_row(i, raw, lookups, user, approve) for i, raw in enumerate(raw_rows, start=2)]
    preview = ProjectImportPreview(
        token=secrets.token_urlsafe(16),
        rows=rows,
        approve=approve,
        ignored=ignored_columns(raw_rows),
    )
    if preview.is_importable:
        stored = [{k: v for k, v in row.values.items() if k not in DISPLAY_ONLY} for row in rows]
        cache.set(_cache_key(user, preview.token), (approve, stored), PREVIEW_SECONDS)
    return preview


def projects_import_commit(*, user: User, token: str) -> int:
    """Save the previewed rows, all or nothing. Returns the number of projects."""
    if not policy.may_import_projects(user):
        raise PermissionDenied
    key = _cache_key(user, token)
    stored = cache.get(key)
    if not stored:
        raise ValidationError(_("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
    approve, rows = stored
    projects = services.projects_import(
        author=user, rows=[deserialise(row) for row in rows], approve=approve
    )
    cache.delete(key)
    return len(projects)


def projects_import_cancel(*, user: User, token: str) -> None:
    """Forget the preview: nothing was saved and nothing will be."""
    if not policy.may_import_projects(user):
        raise PermissionDenied
    cache.delete(_cache_key(user, token))
