"""What the action plan services share: status transitions.

Edits go through the one concurrency mechanism, intl_portal/lib/concurrency.py.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


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
