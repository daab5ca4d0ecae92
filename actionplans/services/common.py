"""What the action plan services share: status transitions.

Edits go through the one concurrency mechanism, intl_portal/lib/concurrency.py.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db.models import Model

ModelT = TypeVar("ModelT", bound=Model)


def transition(
    instance: ModelT, *, allowed_from: set[str], to: str, message: str, **fields: Any
) -> ModelT:
    """Move a row from one status to another under a row lock; refuse other starting points."""
    # Any: every model passed here has `status` and `version`, which Model does not declare.
    locked: Any = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if locked.status not in allowed_from:
        raise ValidationError(message)
    locked.status = to
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    return cast(ModelT, locked)
