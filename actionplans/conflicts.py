"""Showing an edit conflict: the user's typed values stay in the form, the saved ones beside."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .forms import with_version

CONFLICT_STATUS = 409


def saved_values(form: Any, current: Any) -> list[tuple[str, str]]:
    """The other person's saved values, field by field, in the form's order."""
    rows: list[tuple[str, str]] = []
    if current is None:
        return rows
    for name, field in form.fields.items():
        if name == "version":
            continue
        model_field = current._meta.get_field(name)
        if model_field.many_to_many:
            value: Any = ", ".join(str(item) for item in getattr(current, name).all())
        elif model_field.choices:
            value = getattr(current, f"get_{name}_display")()
        else:
            value = getattr(current, name)
        rows.append((str(field.label), "–" if value in (None, "") else str(value)))
    return rows


def rebind_after_conflict(
    request: HttpRequest, form_class: Any, current: Any, **form_kwargs: Any
) -> tuple[Any, list[tuple[str, str]]]:
    """A form bound to what the user typed, now carrying the saved row's version."""
    version = current.version if current is not None else 0
    # Read the saved values first: validating a ModelForm writes the typed ones onto its
    # instance.
    saved = saved_values(form_class(**form_kwargs), current)
    form = form_class(with_version(request.POST, version), **form_kwargs)
    form.is_valid()
    messages.error(
        request,
        _(
            "Någon annan sparade ändringar medan du skrev, så dina ändringar sparades inte. "
            "Det du skrev finns kvar i formuläret. Jämför med det som är sparat, slå ihop och "
            "spara igen."
        ),
    )
    return form, saved
