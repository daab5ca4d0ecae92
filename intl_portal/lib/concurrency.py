"""One optimistic-concurrency mechanism for every edit of an existing record.

Two people open the same record's edit page; both save. No save may silently undo the other:

* The edit form carries the version it was opened at and a fingerprint of each value it was
  opened with (hidden fields ``version`` and ``opened``; the fingerprints are signed).
* The service saves through :func:`update`: one conditional ``UPDATE … SET version = version + 1
  WHERE id = %s AND version = %s`` claims the row, so of two simultaneous saves exactly one wins
  that statement; the row is then written with ``save()`` (so django-simple-history records it).
* Only the fields the person changed are written (typed value ≠ opened value). When the claim
  fails because someone saved in between, the row is read again under a lock and compared with
  the opened fingerprints: if the other person changed *other* fields, both changes are kept
  (:class:`Merge`, the view tells the second person who changed what); if both changed the *same*
  field to different values, :class:`EditConflict` is raised and the view answers 409 with the
  typed values kept, the saved values beside them and three choices (use mine, keep the saved
  ones, edit). A field both set to the same value is no conflict.
* Saving an unchanged form writes nothing (the version fields never count as changes).
* History names both people: a merged save, or a save that decided a conflict, carries a change
  reason naming the other person.

Using it on a new edit page (see partners/forms.py ``PartnerForm`` and partners' ``partner_update``
for a complete small example):

1. The model gets ``version = models.PositiveIntegerField(_("version"), default=1,
   editable=False)`` (and a migration).
2. The form mixes in :class:`VersionedForm` before ``forms.ModelForm``::

       class CommitteeForm(VersionedForm, forms.ModelForm): ...

   Related rows edited on the same page that are not model fields of the form (a formset of
   indicators) are declared as ``concurrency_readers = {"indicators": read_indicators}``, a
   function from the saved record to the value, compared like any field.
3. The service takes the form's :class:`Opened` and calls :func:`update`::

       @transaction.atomic
       def committee_update(*, committee, user, data, opened=None):
           if not policy.may_manage_settings(user):
               raise PermissionDenied
           return concurrency.update(committee, data=data, opened=opened, apply=_apply)

   ``apply(record, changes)`` sets the changed values on the locked, current record, validates
   and saves it (and sets many-to-many relations); it is called only when something changed.
   ``opened=None`` (a script, a test, an import) writes ``data`` over the row as it is now.
4. The view calls :func:`submit` and renders ``submission.form`` with ``conflict`` in the
   context, status ``submission.status``::

       submission = concurrency.submit(request, form, lambda data, opened:
           services.committee_update(committee=c, user=request.user, data=data, opened=opened))
       if submission.saved is not None:
           messages.success(request, _("Ändringarna sparades."))
           return redirect(...)
       return render(request, "settings/form.html",
                     {"form": submission.form, **submission.context}, status=submission.status)

   ``templates/includes/form.html`` shows the conflict (table and choices) whenever the
   context has ``conflict``. partners' ``save_form`` does all of step 4 for simple pages.
5. Add the edit URL's scenario to tests/test_concurrency_pages.py (the test fails for an edit URL
   it has no scenario for).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

VERSION = "version"
OPENED = "opened"
RESOLVE = "resolve"  # the conflict page's choice: "mine" (use my values) or "saved"
CONFLICT_STATUS = 409
_SALT = "intl_portal.lib.concurrency"

M = TypeVar("M", bound=models.Model)
Reader = Callable[[Any], Any]


# --- Comparing values ------------------------------------------------------------------------


def _plain_scalar(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip() or None
    if isinstance(value, (int, float, Decimal)):
        try:
            return format(Decimal(str(value)).normalize(), "f")
        except InvalidOperation:
            return str(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = value.astimezone(datetime.UTC)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _plain(value: Any) -> Any:
    """A JSON value that is equal for the saved and the typed form of the same value.

    A model instance is its key, a set of rows its sorted keys, text ignores surrounding space
    and the browser's CRLF, numbers compare by value (150 = 150.00), empty is empty.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, models.Model):
        return _plain(value.pk)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (models.QuerySet, list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=str))
    return _plain_scalar(value)


def fingerprint(value: Any) -> str:
    """A short digest of a value's plain form: equal values, equal fingerprints."""
    text = json.dumps(_plain(value), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def read(instance: models.Model, name: str, readers: Mapping[str, Reader] | None = None) -> Any:
    """The saved value of a form field on a record: a model field, a relation, or a reader."""
    if readers and name in readers:
        return readers[name](instance)
    model_field = instance._meta.get_field(name)
    if model_field.many_to_many:
        return list(getattr(instance, name).all())
    return model_field.value_from_object(instance)  # type: ignore[union-attr]


def _is_model_field(model: type[models.Model], name: str) -> bool:
    """A field of the row or a many-to-many of it (not a reverse relation)."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return bool(model_field.concrete or (model_field.many_to_many and not model_field.auto_created))


def person(user: Any) -> str:
    """How a person is named to another: full name, else user name, else "någon annan"."""
    return str(user) if user is not None else _("någon annan")


def last_editor(instance: models.Model) -> Any:
    """Who saved the record last, from its audit history (None when unknown)."""
    history = getattr(instance, "history", None)
    if history is None:
        return None
    record = history.order_by("-history_date", "-history_id").select_related("history_user").first()
    return record.history_user if record is not None else None


REASON_LENGTH = 100  # django-simple-history's history_change_reason column


def set_reason(instance: models.Model, text: str) -> None:
    """The change reason the next save() records, after any reason already set, cut to fit."""
    earlier = getattr(instance, "_change_reason", None)
    text = f"{earlier}. {text}" if earlier else text
    if len(text) > REASON_LENGTH:
        text = text[: REASON_LENGTH - 1] + "…"
    instance._change_reason = text  # type: ignore[attr-defined]


def _user_by_id(user_id: Any) -> Any:
    if not user_id:
        return None

    return get_user_model().objects.filter(pk=user_id).first()


# --- What the form was opened with -----------------------------------------------------------


@dataclass
class Merge:
    """Someone else saved other fields in between; both changes were kept."""

    by: Any
    fields: list[str]


@dataclass
class Opened:
    """What a versioned form was opened with, and what the person chose on a conflict page.

    ``fingerprints`` is None for a post without them (an old form, a script): then every field
    that differs from the saved row counts as changed by both sides when the version moved on.
    ``merged`` is filled in by :func:`update` when someone else's changes were kept.
    """

    version: int | None
    fingerprints: dict[str, str] | None = None
    readers: Mapping[str, Reader] = field(default_factory=dict)
    decided: list[str] = field(default_factory=list)  # fields of a conflict being decided
    other: Any = None  # the other person of that conflict (a user id)
    keep_saved: bool = False
    merged: Merge | None = None

    def changes(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The typed values that differ from the opened ones (all when unknown).

        Values the form did not fingerprint (not the record's: a confirmation box, a value the
        service fills in) go along with real changes but are no change by themselves.
        """
        if self.fingerprints is None:
            return dict(data)
        fingerprints = self.fingerprints
        changed = {
            name: value
            for name, value in data.items()
            if name in fingerprints and fingerprints[name] != fingerprint(value)
        }
        if self.keep_saved:
            for name in self.decided:
                changed.pop(name, None)
        if not changed:
            return {}
        return {
            **{name: value for name, value in data.items() if name not in fingerprints},
            **changed,
        }

    def token(self) -> str:
        return signing.dumps(
            {"v": self.version, "f": self.fingerprints, "c": self.decided, "o": self.other},
            salt=_SALT,
            compress=True,
        )

    @classmethod
    def from_token(cls, token: str, version: int | None) -> Opened:
        try:
            payload = signing.loads(token, salt=_SALT) if token else None
        except signing.BadSignature:
            payload = None
        if not isinstance(payload, dict) or payload.get("v") != version:
            return cls(version=version)
        return cls(
            version=version,
            fingerprints=payload.get("f"),
            decided=list(payload.get("c") or []),
            other=payload.get("o"),
        )

    @classmethod
    def of(
        cls,
        instance: models.Model,
        names: Iterable[str],
        readers: Mapping[str, Reader] | None = None,
        **extra: Any,
    ) -> Opened:
        """The state of a saved record as a form showing `names` would be opened with it."""
        readers = readers or {}
        model = type(instance)
        return cls(
            version=getattr(instance, VERSION),
            fingerprints={
                name: fingerprint(read(instance, name, readers))
                for name in names
                if name in readers or _is_model_field(model, name)
            },
            readers=dict(readers or {}),
            **extra,
        )


class EditConflict(Exception):  # noqa: N818 - a domain outcome, not a programming error
    """Both people changed the same field(s); `current` is the saved record, `fields` the clash."""

    def __init__(
        self,
        current: Any,
        fields: list[str] | None = None,
        by: Any = None,
        theirs: list[str] | None = None,
    ) -> None:
        super().__init__("edit conflict")
        self.current = current
        self.fields = fields or []
        self.by = by
        self.theirs = theirs or []


# --- The service side ------------------------------------------------------------------------


def _claim(model: type[models.Model], pk: Any, version: int) -> bool:
    """The one conditional UPDATE: move the version on only if it is still `version`.

    Only `version` changes here; the caller's save() right after writes the row and its history.
    """
    return bool(
        model._default_manager.filter(pk=pk, version=version).update(version=F(VERSION) + 1)
    )


def _labels(instance: models.Model, names: Iterable[str]) -> str:
    labels = []
    for name in names:
        try:
            field = instance._meta.get_field(name)
            labels.append(str(getattr(field, "verbose_name", name)))
        except FieldDoesNotExist:
            labels.append(name)
    return ", ".join(labels)


def update(
    instance: M,
    *,
    data: Mapping[str, Any],
    opened: Opened | None,
    apply: Callable[[M, dict[str, Any]], Any],
    readers: Mapping[str, Reader] | None = None,
) -> M:
    """Save the changed values of an edit of `instance`; call inside transaction.atomic.

    Returns the saved record (the current row with the changes applied). Raises EditConflict
    when someone else changed a field this edit changed too. `opened.merged` tells whether
    someone else's changes to other fields were kept. `readers` read values that are not the
    row's fields (related rows edited on the same page).
    """
    model = type(instance)
    manager = model._default_manager
    readers = {**(readers or {}), **(opened.readers if opened is not None else {})}
    if opened is None or opened.version is None:
        current = manager.select_for_update().get(pk=instance.pk)
        opened = Opened.of(current, data.keys(), readers)
    changes = opened.changes(data)
    if opened.fingerprints is None:
        # No fingerprints: compare with the saved row; a moved version means every difference
        # might be someone else's.
        current = manager.select_for_update().get(pk=instance.pk)
        changes = {
            name: value
            for name, value in data.items()
            if (name in readers or _is_model_field(model, name))
            and fingerprint(value) != fingerprint(read(current, name, readers))
        }
        if changes and getattr(current, VERSION) != opened.version:
            raise EditConflict(current, sorted(changes), last_editor(current), sorted(changes))
    if not changes:
        return manager.get(pk=instance.pk)
    merge = None
    if _claim(model, instance.pk, opened.version):  # type: ignore[arg-type]
        current = manager.select_for_update().get(pk=instance.pk)
    else:
        current = manager.select_for_update().get(pk=instance.pk)
        fingerprints = opened.fingerprints or {}
        theirs = [
            name
            for name in fingerprints
            if name in data and fingerprints[name] != fingerprint(read(current, name, readers))
        ]
        clash = [
            name
            for name in changes
            if name in theirs
            and fingerprint(read(current, name, readers)) != fingerprint(changes[name])
        ]
        by = last_editor(current)
        if clash:
            raise EditConflict(current, clash, by, theirs)
        if not _claim(model, current.pk, getattr(current, VERSION)):  # we hold the row lock
            raise EditConflict(manager.get(pk=current.pk), [], None, [])
        setattr(current, VERSION, getattr(current, VERSION) + 1)
        merge = Merge(by=by, fields=theirs)
        set_reason(
            current,
            _("Sparad efter en ändring av %(person)s i %(fields)s; båda ändringarna behölls")
            % {"person": person(by), "fields": _labels(current, theirs) or "–"},
        )
    if opened.decided and not merge:
        decided = [name for name in opened.decided if name in data]
        other = person(_user_by_id(opened.other))
        if opened.keep_saved:
            reason = _("Efter en krock med %(person)s: behöll de sparade värdena för %(fields)s")
        else:
            reason = _("Efter en krock med %(person)s: valde egna värden för %(fields)s")
        set_reason(current, reason % {"person": other, "fields": _labels(current, decided) or "–"})
    apply(current, changes)
    opened.merged = merge
    return current


def apply_fields(
    instance: M, changes: Mapping[str, Any], *, m2m: Iterable[str] = (), clean: bool = True
) -> M:
    """The common `apply`: set the changed fields, validate, save, then set relations."""
    relations = {name: value for name, value in changes.items() if name in set(m2m)}
    for name, value in changes.items():
        if name not in relations:
            setattr(instance, name, value)
    if clean:
        instance.full_clean()
    instance.save()
    for name, value in relations.items():
        getattr(instance, name).set(value)
    return instance


# --- The form side ---------------------------------------------------------------------------


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
    names = [
        str(form.fields[name].label) if form is not None and name in form.fields else name
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
