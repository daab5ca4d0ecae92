"""Writes in the organisation core."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import policy
from .models import AccessibilityReport, Role, User

logger = logging.getLogger(__name__)


@transaction.atomic
def accessibility_report_submit(
    *, page: str, description: str, email: str = ""
) -> AccessibilityReport:
    """Store a reported accessibility problem and tell the coordinators after commit."""
    report = AccessibilityReport(page=page[:500], description=description, email=email)
    report.full_clean()
    report.save()
    transaction.on_commit(lambda: _notify_coordinators(report.pk))
    return report


def accessibility_report_mark_handled(*, user: User, report: AccessibilityReport) -> None:
    if not policy.is_coordinator(user):
        raise PermissionDenied
    if report.handled_at is None:
        report.handled_at = timezone.now()
        report.handled_by = user
        report.save(update_fields=["handled_at", "handled_by"])


def _notify_coordinators(report_id: int) -> None:
    report = AccessibilityReport.objects.get(pk=report_id)
    recipients = list(
        User.objects.filter(role=Role.COORDINATOR, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Ny anmälan om tillgänglighetsbrist")
        body = _("Sida: %(page)s\n\n%(text)s") % {
            "page": report.page or "–",
            "text": report.description,
        }
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        logger.exception("Could not e-mail coordinators about accessibility report %s", report_id)
