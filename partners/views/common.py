"""Small helpers every partners view shares."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from intl_portal.lib import concurrency
from intl_portal.lib.concurrency import VersionedForm, add_errors

__all__ = ["add_errors", "save_form", "status_of"]


def status_of(form: forms.BaseForm) -> int:
    return 400 if form.is_bound and form.errors else 200


def save_form(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Any,
    *,
    template: str,
    context: dict[str, Any],
    success: str,
    redirect_to: Any,
) -> HttpResponse:
    """Validate, call the service, and answer: redirect on success, 400 with the form kept.

    An edit form (a VersionedForm on a saved record) goes through the concurrency mechanism:
    `save(data, opened)` is called, a merge is told, a conflict answers 409 with both values.
    Any other form calls `save(data)`.
    """
    if isinstance(form, VersionedForm) and form.instance.pk:
        submission = concurrency.submit(request, form, save)
        if submission.saved is not None:
            messages.success(request, success)
            result = submission.saved
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
        return render(
            request, template, {**context, **submission.context}, status=submission.status
        )
    if request.method == "POST" and form.is_valid():
        data = form.typed() if isinstance(form, VersionedForm) else form.cleaned_data
        try:
            result = save(data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
    return render(request, template, {"form": form, **context}, status=status_of(form))
