"""Celery tasks of the funding radar (schedules are declared in intl_portal/celery.py)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from . import services, sources

logger = logging.getLogger(__name__)


@shared_task(name="funding.send_call_reminders", ignore_result=True)
def send_call_reminders() -> int:
    """Daily: remind interested departments 30 and 7 days before a deadline. Safe to repeat."""
    return services.funding_send_reminders()


@shared_task(name="funding.fetch_calls", ignore_result=True, soft_time_limit=600, time_limit=660)
def fetch_calls() -> int:
    """Daily, where the server may reach the EU portal (settings.FUNDING_FETCH_ENABLED)."""
    if not settings.FUNDING_FETCH_ENABLED:
        return 0
    try:
        pages = list(sources.fetch_pages(programmes=list(settings.FUNDING_FETCH_PROGRAMMES)))
    except sources.SourceError:
        logger.exception("Fetching funding calls failed")
        return 0
    result = services.calls_upsert(records=sources.records_from_response(pages))
    return result.created + result.updated
