"""What every form view shares: the POST data or None, the status of a form page, a
service's ValidationError onto the form, and the whole validate-save-answer round."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from intl_portal.lib import concurrency
from intl_portal.lib.concurrency import VersionedForm, add_errors

__all__ = ["add_errors", "save_form", "status_of"]


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's field `name`, a (multiple) model choice field, to narrow its queryset."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    return field


def choice_queryset(form: forms.BaseForm, name: str) -> QuerySet[Any]:
    """The objects the model choice field `name` offers now."""
    queryset = model_choice(form, name).queryset
    if queryset is None:
        raise TypeError(f"{name} has no queryset")
    return queryset


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data when the request is a POST (even an empty one), else None: a form built
    from it is unbound on GET and bound on POST."""
    return request.POST if request.method == "POST" else None


def status_of(form: forms.BaseForm) -> int:
    """400 for a submitted form with errors (the typed values are shown again), else 200."""
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
