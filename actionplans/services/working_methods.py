"""Writes for the governing strategy's working methods (edited in the settings area)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from intl_portal.lib import concurrency
from intl_portal.lib.concurrency import Opened

from ..models import WorkingMethod


@transaction.atomic
def working_method_create(*, name: str, **fields: Any) -> WorkingMethod:
    """A new working method (`fields`: description, is_active)."""
    method = WorkingMethod(name=name, **fields)
    method.full_clean()
    method.save()
    return method


@transaction.atomic
def working_method_update(
    *, method: WorkingMethod, data: dict[str, Any], opened: Opened | None = None
) -> WorkingMethod:
    """Rename, describe or (de)activate; plans that used it keep it."""
    return concurrency.update(method, data=data, opened=opened, apply=concurrency.apply_fields)
