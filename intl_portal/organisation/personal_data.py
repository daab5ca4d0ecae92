"""Where names and e-mail addresses of people are stored, and how they are erased.

Each app registers the columns of its models that can hold a person's name or address
(`register`, from its AppConfig.ready), with the rule for when the relationship or project
behind a row has ended. Two writes use the register:

* erasure of one person (`mentions_erase`): the name or address is taken out of every
  registered column, in the current rows and in every historical row (django-simple-history);
  a column holding only the name is emptied, a longer text keeps its other words;
* the retention rule (`retention_apply`, run daily by beat): rows whose relationship ended
  longer ago than the municipality's retention period lose their personal columns, history
  included.

History rows are rewritten, not deleted: the audit trail keeps what changed and when, without
the person (the GDPR's storage limitation and erasure allow anonymised records to stay).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from .models import AccessibilityReport, Municipality, User

ERASED = "[raderat]"


@dataclass(frozen=True)
class PersonalColumns:
    """Columns of one model that may hold a person's name or e-mail address."""

    model: type[models.Model]
    fields: tuple[str, ...]
    # Rows whose relationship or project ended before the given day (None: never by time).
    ended_before: Callable[[datetime.date], Q] | None = None


REGISTER: list[PersonalColumns] = []


def register(*columns: PersonalColumns) -> None:
    """Add an app's personal columns (called from the app's ready(); idempotent)."""
    for entry in columns:
        if entry not in REGISTER:
            REGISTER.append(entry)


def _managers(model: type[models.Model]) -> list[models.Manager[Any]]:
    """The model's rows and, when it is audited, its historical rows."""
    managers: list[models.Manager[Any]] = [model._default_manager]
    history = getattr(model, "history", None)
    if history is not None:
        managers.append(history.model._default_manager)
    return managers


def _empty_value(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    return "" if isinstance(field, models.Field) and field.blank else ERASED


def _scrubbed(value: str, needle: str, empty: str) -> str:
    if value.strip().casefold() == needle.casefold():
        return empty
    return re.sub(re.escape(needle), ERASED, value, flags=re.IGNORECASE)


def _scrub(manager: models.Manager[Any], fields: tuple[str, ...], needle: str) -> int:
    model = manager.model
    mentions = Q()
    for name in fields:
        mentions |= Q(**{f"{name}__icontains": needle})
    changed = 0
    for row in manager.filter(mentions).values("pk", *fields):
        changes = {
            name: _scrubbed(row[name], needle, _empty_value(model, name))
            for name in fields
            if row[name] and needle.casefold() in row[name].casefold()
        }
        # A direct UPDATE on purpose: anonymising must not write a new history row.
        changed += manager.filter(pk=row["pk"]).update(**changes)
    return changed


def _user_erase(needle: str) -> tuple[int, int]:
    """A portal user named or addressed `needle` keeps the account row (its actions point at
    it) but loses name, address and sign-in."""
    full_name = Q(first_name__iexact=needle.partition(" ")[0]) & Q(
        last_name__iexact=needle.partition(" ")[2]
    )
    rows = history_rows = 0
    for manager in _managers(User):
        for row in manager.filter(Q(email__iexact=needle) | full_name).values("pk", "id"):
            anonymous = f"raderad-{row['id']}"
            changes: dict[str, Any] = {
                "first_name": "",
                "last_name": "",
                "email": f"{anonymous}@example.invalid",
                "username": anonymous,
            }
            if manager.model is User:
                changes.update(is_active=False, password="!")  # unusable: no sign-in left
                rows += manager.filter(pk=row["pk"]).update(**changes)
            else:
                history_rows += manager.filter(pk=row["pk"]).update(**changes)
    return rows, history_rows


@transaction.atomic
def mentions_erase(*, needle: str) -> tuple[int, int]:
    """Take the name or address `needle` out of every registered column, history included.

    Returns (rows, historical rows) changed.
    """
    needle = needle.strip()
    if len(needle) < 3:  # a letter or two would hit every text
        return 0, 0
    rows, history_rows = _user_erase(needle)
    for entry in REGISTER:
        current, *history = _managers(entry.model)
        rows += _scrub(current, entry.fields, needle)
        history_rows += sum(_scrub(manager, entry.fields, needle) for manager in history)
    return rows, history_rows


def retention_cutoff(*, today: datetime.date | None = None) -> datetime.date | None:
    """The day before which ended relationships lose their personal data (None: keep)."""
    municipality = Municipality.objects.first()
    years = municipality.personal_data_retention_years if municipality else None
    if not years:
        return None
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@transaction.atomic
def retention_apply(*, today: datetime.date | None = None) -> int:
    """Empty the personal columns of rows whose relationship ended before the retention
    period, in their historical rows too. Returns the number of rows changed."""
    cutoff = retention_cutoff(today=today)
    if cutoff is None:
        return 0
    changed = 0
    for entry in REGISTER:
        if entry.ended_before is None:
            continue
        ended = entry.model._default_manager.filter(entry.ended_before(cutoff))
        ids = list(ended.values_list("pk", flat=True))
        if not ids:
            continue
        empty = {name: _empty_value(entry.model, name) for name in entry.fields}
        keep = Q()
        for name, value in empty.items():
            keep &= Q(**{name: value})
        for manager in _managers(entry.model):
            pk_name = "pk" if manager.model is entry.model else entry.model._meta.pk.attname
            rows = manager.filter(**{f"{pk_name}__in": ids}).exclude(keep)
            changed += rows.update(**empty)  # no new history row: see _scrub
    return changed


register(
    PersonalColumns(
        AccessibilityReport,
        ("email", "description"),
        lambda cutoff: Q(handled_at__date__lt=cutoff),
    )
)
