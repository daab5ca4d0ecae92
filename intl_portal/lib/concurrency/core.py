"""Values, versions and the conditional update: the service side of the mechanism."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from .. import merge

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
    # Per collection value (related rows, a set of related records): what a merge needs.
    bases: dict[str, Any] = field(default_factory=dict)

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
            {
                "v": self.version,
                "f": self.fingerprints,
                "c": self.decided,
                "o": self.other,
                "b": self.bases,
            },
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
            bases=dict(payload.get("b") or {}),
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
        values = {
            name: read(instance, name, readers)
            for name in names
            if name in readers or _is_model_field(model, name)
        }
        bases = {name: merge.base_of(value, fingerprint) for name, value in values.items()}
        return cls(
            version=getattr(instance, VERSION),
            fingerprints={name: fingerprint(value) for name, value in values.items()},
            readers=dict(readers or {}),
            bases={name: base for name, base in bases.items() if base is not None},
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
            model_field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            labels.append(name)
            continue
        label = getattr(model_field, "verbose_name", None)
        if label is None and model_field.related_model is not None:  # related rows
            label = model_field.related_model._meta.verbose_name_plural
        labels.append(str(label or name))
    return ", ".join(labels)


def _after_someone_else(
    model: type[M],
    pk: Any,
    *,
    opened: Opened,
    data: Mapping[str, Any],
    changes: dict[str, Any],
    readers: Mapping[str, Reader],
) -> tuple[M, Merge]:
    """Someone saved since the form was opened: merge their fields with ours or raise.

    `changes` is updated in place where related rows or sets are merged with theirs.
    """
    manager = model._default_manager
    current = manager.select_for_update().get(pk=pk)
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
    for name in list(clash):
        if name in opened.bases:  # related rows or a set: merged row by row, field by field
            value, clashed = merge.merge(
                opened.bases[name], changes[name], read(current, name, readers), fingerprint
            )
            if not clashed:
                changes[name] = value
                clash.remove(name)
    if clash:
        raise EditConflict(current, clash, by, theirs)
    if not _claim(model, current.pk, getattr(current, VERSION)):  # we hold the row lock
        raise EditConflict(manager.get(pk=current.pk), [], None, [])
    setattr(current, VERSION, getattr(current, VERSION) + 1)
    set_reason(
        current,
        _("Sparad efter en ändring av %(person)s i %(fields)s; båda ändringarna behölls")
        % {"person": person(by), "fields": _labels(current, theirs) or "–"},
    )
    return current, Merge(by=by, fields=theirs)


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
    merged = None
    if _claim(model, instance.pk, opened.version):  # type: ignore[arg-type]
        current = manager.select_for_update().get(pk=instance.pk)
    else:
        current, merged = _after_someone_else(
            model, instance.pk, opened=opened, data=data, changes=changes, readers=readers
        )
    if opened.decided and not merged:
        decided = [name for name in opened.decided if name in data]
        other = person(_user_by_id(opened.other))
        if opened.keep_saved:
            reason = _("Efter en krock med %(person)s: behöll de sparade värdena för %(fields)s")
        else:
            reason = _("Efter en krock med %(person)s: valde egna värden för %(fields)s")
        set_reason(current, reason % {"person": other, "fields": _labels(current, decided) or "–"})
    apply(current, changes)
    opened.merged = merged
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
