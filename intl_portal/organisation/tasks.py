"""Celery tasks of the organisation core."""

from __future__ import annotations

from celery import shared_task

from . import personal_data

RETENTION_TASK = "organisation.apply_personal_data_retention"


@shared_task(name=RETENTION_TASK, ignore_result=True)
def apply_personal_data_retention() -> int:
    """Daily: empty the personal data of relationships that ended before the retention period
    (idempotent: a second run the same day finds nothing left)."""
    return personal_data.retention_apply()
