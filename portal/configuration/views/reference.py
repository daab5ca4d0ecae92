"""Reference data of the settings area: one list, create and edit page per kind, rate import."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from intl_portal.lib import concurrency
from intl_portal.organisation.http import AuthenticatedRequest
from projects import reference_data

from .. import forms
from ..kinds import Kind, kind_of
from .common import coordinator_only, render_settings


def _cells(obj: models.Model, kind: Kind) -> list[Any]:
    cells = []
    for field, _label in kind.columns:
        display = getattr(obj, f"get_{field}_display", None)
        value = display() if display else getattr(obj, field)
        cells.append(formats.localize(value) if isinstance(value, Decimal) else value)
    return cells


@require_GET
@login_required
def kind_list(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    coordinator_only(request)
    config = kind_of(kind)
    objects = config.model.objects.select_related(*config.select_related)
    has_active = any(f.name == "is_active" for f in config.model._meta.fields)
    rows = [
        {
            "obj": obj,
            "cells": _cells(obj, config),
            "is_active": getattr(obj, "is_active", True),
            "history_label": obj._meta.label_lower,
        }
        for obj in objects
    ]
    return render_settings(
        request,
        "settings/kind_list.html",
        {
            "kind": kind,
            "config": config,
            "rows": rows,
            "has_active": has_active,
            "is_rates": kind == "exchange-rates",
        },
        section=kind,
    )


def _kind_form(request: HttpRequest, kind: str, obj: models.Model | None) -> HttpResponse:
    config = kind_of(kind)
    form = config.form(request.POST if request.method == "POST" else None, instance=obj)
    context = {"kind": kind, "config": config, "obj": obj}
    if obj is not None:
        submission = concurrency.submit(
            request, form, lambda data, opened: config.update(obj, data, opened)
        )
        if submission.saved is not None:
            messages.success(request, _("Sparat."))
            return redirect("settings:kind-list", kind=kind)
        return render_settings(
            request,
            "settings/kind_form.html",
            {**context, **submission.context},
            section=kind,
            status=submission.status,
        )
    if request.method == "POST" and form.is_valid():
        try:
            data = (
                form.typed() if isinstance(form, concurrency.VersionedForm) else form.cleaned_data
            )
            config.create(**data)
        except ValidationError as exc:
            concurrency.add_errors(form, exc)
        else:
            messages.success(request, _("Sparat."))
            return redirect("settings:kind-list", kind=kind)
    status = 400 if form.is_bound and form.errors else 200
    return render_settings(
        request, "settings/kind_form.html", {**context, "form": form}, section=kind, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def kind_create(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    coordinator_only(request)
    return _kind_form(request, kind, None)


@require_http_methods(["GET", "POST"])
@login_required
def kind_edit(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    coordinator_only(request)
    obj = get_object_or_404(kind_of(kind).model, pk=pk)
    return _kind_form(request, kind, obj)


@require_http_methods(["GET", "POST"])
@login_required
def rate_import(request: AuthenticatedRequest) -> HttpResponse:
    coordinator_only(request)
    form = forms.ExchangeRateImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]  # its type checked by content (uploads.RATE_IMPORTS)
        result = reference_data.exchange_rates_import(
            name=f"kurser.{uploaded.kind}", data=uploaded.read()
        )
        if not result.errors:
            messages.success(
                request,
                _(
                    "Kurserna är inlästa: %(created)s nya, %(updated)s ändrade, "
                    "%(unchanged)s oförändrade."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("settings:kind-list", kind="exchange-rates")
        errors = result.errors
    status = 400 if (form.is_bound and form.errors) or errors else 200
    return render_settings(
        request,
        "settings/rate_import.html",
        {"form": form, "errors": errors},
        section="exchange-rates",
        status=status,
    )
