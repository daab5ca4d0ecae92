"""The form side of the mechanism: the versioned form, the conflict page, the view helper."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .core import (
    CONFLICT_STATUS,
    OPENED,
    RESOLVE,
    VERSION,
    EditConflict,
    Opened,
    Reader,
    _is_model_field,
    person,
    read,
)


class VersionedForm(forms.BaseForm):
    """Mix in before forms.ModelForm: carries the version and the opened values' fingerprints.

    ``concurrency_readers`` names values edited on the same page that are not model fields
    (a formset's rows): name → function(saved record) → value.
    """

    concurrency_readers: Mapping[str, Reader] = {}
    # True: a post on a saved record without the version is refused (400), not written over
    # the row as it is now. Forms whose every field may be blank need it (an empty post).
    version_required = False
    instance: Any
    _clone_kwargs: dict[str, Any]

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        # The keyword arguments a form class takes for itself (user=…) are kept here, before
        # any __init__ consumes them, so that the conflict page can build the same form again.
        form = super().__new__(cls)
        form._clone_kwargs = {
            k: v
            for k, v in kwargs.items()
            if k not in {"data", "files", "instance", "initial", "opened_for"}
        }
        return form

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        opened_for = kwargs.pop("opened_for", None)
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        self.fields[VERSION] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=0,
            required=bool(self.version_required and instance is not None and instance.pk),
        )
        self.fields[OPENED] = forms.CharField(widget=forms.HiddenInput, required=False)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            state = opened_for or self.opened_state_of(instance)
            self.initial[VERSION] = state.version
            self.initial[OPENED] = state.token()

    def tracked_names(self) -> list[str]:
        """The form's values that are compared: its model fields and its readers."""
        model = type(self.instance)
        names = [
            name
            for name in self.fields
            if name not in {VERSION, OPENED} and _is_model_field(model, name)
        ]
        return [*names, *self.concurrency_readers]

    def opened_state_of(self, instance: models.Model, **extra: Any) -> Opened:
        return Opened.of(instance, self.tracked_names(), self.concurrency_readers, **extra)

    def opened_state(self, request: HttpRequest | None = None) -> Opened:
        """What this (valid, bound) form was opened with, and the person's choice if any."""
        state = Opened.from_token(
            self.cleaned_data.get(OPENED) or "", self.cleaned_data.get(VERSION)
        )
        state.readers = dict(self.concurrency_readers)
        if request is not None:
            state.keep_saved = request.POST.get(RESOLVE) == "saved"
        return state

    def typed(self) -> dict[str, Any]:
        """The cleaned values, without the version fields."""
        return {k: v for k, v in self.cleaned_data.items() if k not in {VERSION, OPENED}}

    def for_conflict(self, conflict: EditConflict, data: Mapping[str, Any]) -> Any:
        """An unbound form on the saved record, showing the person's typed values for the
        fields they changed (the clash included) and the saved ones elsewhere; opened at the
        saved version so that saving it again decides the clash."""
        current = conflict.current
        opened = self.opened_state_of(
            current, decided=conflict.fields, other=getattr(conflict.by, "pk", None)
        )
        previous = self.opened_state()
        mine = previous.changes(data) if previous.fingerprints is not None else dict(data)
        initial = {name: value for name, value in mine.items() if name in self.fields}
        return type(self)(
            instance=current, initial=initial, opened_for=opened, **self._clone_kwargs
        )


def _display_scalar(form_field: forms.Field | None, value: Any) -> str:
    choices = getattr(form_field, "choices", None)
    if isinstance(form_field, forms.ModelChoiceField):
        queryset = form_field.queryset
        found = queryset.filter(pk=value).first() if queryset is not None else None
        return str(found) if found is not None else str(value)
    if choices:
        labels = {str(k): v for k, v in choices if not isinstance(v, (list, tuple))}
        return str(labels.get(str(value), value))
    if isinstance(value, datetime.datetime):
        return date_format(value, "j F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return number_format(value, force_grouping=True)
    return str(value)


def display(form_field: forms.Field | None, value: Any) -> str:
    """A value as the person reads it: choice labels, names, Swedish dates and numbers."""
    if value is None or value in ("", []):
        return "–"
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(value, Mapping):  # a related row edited on the page: its values
        shown = [display(None, v) for k, v in value.items() if k != "id" and v not in (None, "")]
        return " ".join(shown) or "–"
    if isinstance(value, (models.QuerySet, list, tuple, set)):
        joiner = "; " if any(isinstance(item, Mapping) for item in value) else ", "
        return joiner.join(display(form_field, item) for item in value) or "–"
    if isinstance(value, (models.Model, FieldFile)):
        return str(value) or "–"
    return _display_scalar(form_field, value)


@dataclass
class Row:
    label: str
    mine: str
    saved: str
    field_id: str


@dataclass
class Conflict:
    """What the conflict page shows: who, the clashing fields side by side, the kept ones."""

    by: str
    rows: list[Row]
    kept: str
    first_field_id: str


def describe(
    form: Any, conflict: EditConflict, data: Mapping[str, Any], readers: Mapping[str, Reader]
) -> Conflict:
    rows = []
    for name in conflict.fields:
        form_field = form.fields.get(name)
        labels = getattr(form, "concurrency_labels", {})
        label = str(form_field.label) if form_field is not None and form_field.label else name
        label = str(labels.get(name, label))
        saved = read(conflict.current, name, readers)
        rows.append(
            Row(
                label=label,
                mine=display(form_field, data.get(name)),
                saved=display(form_field, saved),
                field_id=f"id_{form.add_prefix(name)}" if form_field is not None else "",
            )
        )
    kept_names = [name for name in conflict.theirs if name not in conflict.fields]
    kept = ", ".join(
        str(form.fields[name].label) if name in form.fields else name for name in kept_names
    )
    return Conflict(
        by=person(conflict.by),
        rows=rows,
        kept=kept,
        first_field_id=next((row.field_id for row in rows if row.field_id), ""),
    )


@dataclass
class Submission:
    """The outcome of a posted edit: saved (with the service's result), invalid, or conflict."""

    form: Any
    saved: Any = None
    conflict: Conflict | None = None
    opened: Opened | None = None
    mine: dict[str, Any] = field(default_factory=dict)  # on a conflict: what the person changed

    @property
    def status(self) -> int:
        if self.conflict is not None:
            return CONFLICT_STATUS
        return 400 if self.form.is_bound and self.form.errors else 200

    @property
    def context(self) -> dict[str, Any]:
        return {"form": self.form, "conflict": self.conflict}


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form; unknown fields become form errors."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


def tell_merged(request: HttpRequest, opened: Opened | None, form: Any = None) -> None:
    """The second person is told, in Swedish and by name, that other changes were kept."""
    if opened is None or opened.merged is None:
        return
    labels = getattr(form, "concurrency_labels", {})
    names = [
        str(form.fields[name].label)
        if form is not None and name in form.fields
        else str(labels.get(name, name))
        for name in opened.merged.fields
    ]
    messages.info(
        request,
        _(
            "%(person)s ändrade andra fält medan du skrev (%(fields)s). Både dina och de "
            "ändringarna är sparade."
        )
        % {"person": person(opened.merged.by), "fields": ", ".join(names) or "–"},
    )


def submit(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any], Opened], Any],
    *,
    extra: Mapping[str, Any] | None = None,
) -> Submission:
    """Validate a posted versioned form and call `save(data, opened)`.

    `extra` adds typed values that are not the form's own (a formset's rows). On a conflict the
    submission carries an unbound form showing the typed values on the saved record.
    """
    if request.method != "POST" or not form.is_valid():
        return Submission(form=form)
    data = {**form.typed(), **(extra or {})}
    opened = form.opened_state(request)
    try:
        result = save(data, opened)
    except EditConflict as conflict:
        described = describe(form, conflict, data, opened.readers)
        mine = opened.changes(data) if opened.fingerprints is not None else dict(data)
        return Submission(
            form=form.for_conflict(conflict, data), conflict=described, mine=mine, opened=opened
        )
    except ValidationError as exc:
        add_errors(form, exc)
        return Submission(form=form)
    tell_merged(request, opened, form)
    return Submission(form=form, saved=result, opened=opened)
