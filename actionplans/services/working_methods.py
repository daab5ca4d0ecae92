"""Writes for the governing strategy's working methods (edited in the settings area)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ..models import WorkingMethod


@transaction.atomic
def working_method_create(*, name: str, **fields: Any) -> WorkingMethod:
    """A new working method (`fields`: description, is_active)."""
    method = WorkingMethod(name=name, **fields)
    method.full_clean()
    method.save()
    return method


@transaction.atomic
def working_method_update(*, method: WorkingMethod, **fields: Any) -> WorkingMethod:
    """Rename, describe or (de)activate; plans that used it keep it."""
    for name, value in fields.items():
        setattr(method, name, value)
    method.full_clean()
    method.save()
    return method
