"""Audit history for coordinators: what changed, by whom and when, and restoring a version.

Generic over every model that django-simple-history records. A restore writes the old values
back through `save()`, so it is itself recorded; workflow and bookkeeping fields (status,
version counters, timestamps) are never rolled back, so a restore cannot skip a review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from simple_history.models import registered_models

from intl_portal.organisation import policy

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
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")
    )  # type: ignore[attr-defined]
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes: list[tuple[str, str, str]] = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = instance._meta.get_field(change.field)
                changes.append((str(field.verbose_name), _short(change.old), _short(change.new)))
        entries.append(Entry(record=newer, changes=changes))
    return entries


def _short(value: Any) -> str:
    text = "–" if value in (None, "") else str(value)
    return text if len(text) <= 200 else text[:199] + "…"


@require_GET
@login_required
def history(request: HttpRequest, label: str, pk: int) -> HttpResponse:
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
        },
    )


@require_POST
@login_required
def restore(request: HttpRequest, label: str, pk: int, history_id: int) -> HttpResponse:
    if not policy.is_coordinator(request.user):
        raise PermissionDenied
    model = _model(label)
    with transaction.atomic():
        instance = get_object_or_404(model.objects.select_for_update(), pk=pk)
        record = get_object_or_404(instance.history.all(), history_id=history_id)  # type: ignore[attr-defined]
        old = record.instance
        for field in model._meta.concrete_fields:
            if not _kept(field):
                setattr(instance, field.attname, getattr(old, field.attname))
        if isinstance(getattr(instance, "version", None), int):
            instance.version += 1  # a stale edit form must not overwrite the restore
        instance._change_reason = _("Återställd till versionen från %(date)s") % {
            "date": date_format(localtime(record.history_date), "j F Y H:i")
        }
        instance.full_clean()
        instance.save()
    messages.success(request, _("Den tidigare versionen är återställd."))
    return redirect("history", label=label, pk=pk)
