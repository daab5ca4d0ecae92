"""Audit history for coordinators: what changed, by whom and when, and restoring a version.

Generic over every model that django-simple-history records. A restore writes the old values
back through `save()`, so it is itself recorded; workflow and bookkeeping fields (status,
version counters, timestamps) are never rolled back, so a restore cannot skip a review.
A restore of a versioned record is an edit through intl_portal/lib/concurrency.py, opened when
the history page was: what someone changed since in other fields is kept, the same field is a
409 page with both values.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format, number_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from simple_history.models import registered_models

from intl_portal.lib import concurrency
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest

# Never browsable here: secrets, and the automatic many-to-many link tables. Users have their
# own history on their settings page: a restore here could hand back rights taken away.
EXCLUDED = {"projects.calendarfeed", "organisation.user"}
KEPT_ON_RESTORE = {"status", "state", "version", "id"}


def _model(label: str) -> type[models.Model]:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as exc:
        raise Http404 from exc
    if label.lower() in EXCLUDED or model not in registered_models.values():
        raise Http404
    if model._meta.auto_created or "_" in model.__name__:
        raise Http404
    return model


def _kept(field: models.Field) -> bool:
    """Fields a restore leaves as they are now."""
    return (
        field.name in KEPT_ON_RESTORE
        or field.name.endswith(("_at", "_by"))
        or getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
    )


@dataclass
class Entry:
    record: Any
    changes: list[tuple[str, str, str]]


def _entries(instance: models.Model) -> list[Entry]:
    history = instance.history  # type: ignore[attr-defined]  # added by django-simple-history
    records = list(history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    # zip_longest: a row the migrations wrote has no history record at all (was a 500).
    for newer, older in itertools.zip_longest(records, records[1:]):
        changes: list[tuple[str, str, str]] = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = instance._meta.get_field(change.field)
                changes.append(
                    (
                        str(getattr(field, "verbose_name", field.name)),
                        _short(_in_words(field, change.old)),
                        _short(_in_words(field, change.new)),
                    )
                )
        entries.append(Entry(record=newer, changes=changes))
    return entries


def _formatted(value: Any) -> Any:
    """Dates, times and amounts as the user's language writes them."""
    if isinstance(value, datetime.datetime):
        return date_format(localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    return value


def _in_words(field: Any, value: Any) -> Any:
    """A stored value as the user reads it: the choice's label, the related object's name,
    ja/nej, a formatted date, time or amount, in the user's language (never an id or ISO)."""
    if value in (None, ""):
        words = value
    elif getattr(field, "choices", None):
        words = dict(field.flatchoices).get(value, value)
    elif isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        words = related if related is not None else _("(borttagen, id %(id)s)") % {"id": value}
    elif isinstance(field, models.BooleanField):
        words = _("Ja") if value else _("Nej")
    else:
        words = _formatted(value)
    return words


def _short(value: Any) -> str:
    text = "–" if value in (None, "") else str(value)
    return text if len(text) <= 200 else text[:199] + "…"


@require_GET
@login_required
def history(request: AuthenticatedRequest, label: str, pk: int) -> HttpResponse:
    if not policy.is_coordinator(request.user):
        raise PermissionDenied
    model = _model(label)
    instance = get_object_or_404(model, pk=pk)
    return render(
        request,
        "history.html",
        {
            "object": instance,
            "label": label,
            "entries": _entries(instance),
            "model_name": model._meta.verbose_name,
            "opened": _opened(instance),
        },
    )


def _restorable(model: type[models.Model]) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if not _kept(field)]


def _opened(instance: models.Model) -> concurrency.Opened | None:
    """What the history page shows the record as: a restore from it is an edit of that."""
    if not isinstance(getattr(instance, "version", None), int):
        return None
    names = [field.name for field in _restorable(type(instance))]
    return concurrency.Opened.of(instance, names)


@require_POST
@login_required
def restore(request: AuthenticatedRequest, label: str, pk: int, history_id: int) -> HttpResponse:
    if not policy.is_coordinator(request.user):
        raise PermissionDenied
    model = _model(label)
    instance = get_object_or_404(model, pk=pk)
    record = get_object_or_404(instance.history.all(), history_id=history_id)  # type: ignore[attr-defined]
    old = record.instance
    reason = _("Återställd till versionen från %(date)s") % {
        "date": date_format(localtime(record.history_date), "j F Y H:i")
    }
    # The old values, by field name (a foreign key as its id, compared as the form does).
    data = {field.name: getattr(old, field.attname) for field in _restorable(model)}
    attnames = {field.name: field.attname for field in _restorable(model)}

    def apply(current: Any, changes: dict[str, Any]) -> Any:
        for name, value in changes.items():
            setattr(current, attnames[name], value)
        merged = getattr(current, "_change_reason", None)
        current._change_reason = None
        concurrency.set_reason(current, f"{reason}. {merged}" if merged else reason)
        current.full_clean()
        current.save()
        return current

    if _opened(instance) is None:  # a record without a version: as before, under a row lock
        with transaction.atomic():
            apply(model._default_manager.select_for_update().get(pk=pk), data)
    else:
        version = request.POST.get("version", "")
        opened = concurrency.Opened.from_token(
            request.POST.get("opened", ""), int(version) if version.isdigit() else None
        )
        if opened.version is None:  # an old page without the version: compare with now
            opened = concurrency.Opened(version=None)
        try:
            with transaction.atomic():
                concurrency.update(instance, data=data, opened=opened, apply=apply)
        except concurrency.EditConflict as conflict:
            return _restore_conflict(request, label, record, data, conflict)
        concurrency.tell_merged(request, opened)
    messages.success(request, _("Den tidigare versionen är återställd."))
    return redirect("history", label=label, pk=pk)


def _restore_conflict(
    request: HttpRequest,
    label: str,
    record: Any,
    data: dict[str, Any],
    conflict: concurrency.EditConflict,
) -> HttpResponse:
    """409: someone changed the same fields after the history page was opened."""
    current = conflict.current
    rows = []
    for name in conflict.fields:
        field = current._meta.get_field(name)
        rows.append(
            (
                str(field.verbose_name).capitalize(),
                _short(_shown(field, data[name])),
                _short(_shown(field, concurrency.read(current, name))),
            )
        )
    return render(
        request,
        "history_conflict.html",
        {
            "object": current,
            "label": label,
            "record": record,
            "rows": rows,
            "by": concurrency.person(conflict.by),
            "opened": _opened(current),
        },
        status=concurrency.CONFLICT_STATUS,
    )


def _shown(field: Any, value: Any) -> Any:
    if field.is_relation and value is not None:
        return field.related_model._default_manager.filter(pk=value).first() or value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value
