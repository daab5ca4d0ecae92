"""What the action plan services share: the edit-conflict check and status transitions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F


class EditConflict(Exception):  # noqa: N818 - a domain outcome, not a programming error
    """Someone else saved the row since the form was opened; `current` is what they saved."""

    def __init__(self, current: Any) -> None:
        super().__init__("edit conflict")
        self.current = current


def claim_version(instance: Any, expected: int | None) -> None:
    """Optimistic lock: bump the row's version only if it is still the one the form showed.

    A conditional UPDATE, so of two simultaneous saves exactly one wins; the winner's
    save() that follows writes the audit history.
    """
    model = type(instance)
    if expected is None:
        expected = instance.version
    claimed = model.objects.filter(pk=instance.pk, version=expected).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(model.objects.get(pk=instance.pk))
    instance.version = expected + 1


def transition(
    instance: Any, *, allowed_from: set[str], to: str, message: str, **fields: Any
) -> Any:
    """Move a row from one status to another under a row lock; refuse other starting points."""
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    if locked.status not in allowed_from:
        raise ValidationError(message)
    locked.status = to
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    return locked
