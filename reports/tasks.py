"""The annual report's Celery tasks: thin wrappers that load by id and call a service.

Their names keep the `actionplans.` prefix: the broker and beat know them by name."""

from __future__ import annotations

import logging
import uuid

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from . import services

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="actionplans.render_annual_report",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
)
def render_annual_report(self: Task, report_id: int) -> None:
    """Render one queued annual report to PDF. Safe to deliver twice.

    acks_late + reject_on_worker_lost: if the child rendering it is killed, the broker hands
    the same message (same task id) out again and report_claim lets that delivery take over.
    """
    token = self.request.id or uuid.uuid4().hex  # no id when the body is called directly
    try:
        services.report_render(report_id=report_id, token=token)
    except SoftTimeLimitExceeded:
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("Rapporten tog för lång tid att skapa och avbröts. Försök igen.")
        services.report_fail(report_id=report_id, reason=reason, token=token)
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        with translation.override(settings.LANGUAGE_CODE):
            reason = _(
                "Rapporten kunde inte skapas (%(error)s). Försök igen eller kontakta "
                "systemförvaltaren."
            ) % {"error": type(exc).__name__}
        services.report_fail(report_id=report_id, reason=reason, token=token)


@shared_task(name="actionplans.sweep_report_jobs", ignore_result=True)
def sweep_report_jobs() -> int:
    """Periodic: hand lost or abandoned report jobs back to the queue."""
    return services.report_sweep()
