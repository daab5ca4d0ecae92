"""Small helpers every partners view shares."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form; unknown fields become form errors."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


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
    """Validate, call the service, and answer: redirect on success, 400 with the form kept."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
    return render(request, template, {"form": form, **context}, status=status_of(form))
