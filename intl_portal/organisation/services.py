"""Writes in the organisation core."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from intl_portal.notifications.kinds import Reason
from intl_portal.notifications.services import notify

from . import policy
from .models import AccessibilityReport, User
from .selectors import coordinator_recipients


@transaction.atomic
def accessibility_report_submit(
    *, page: str, description: str, email: str = ""
) -> AccessibilityReport:
    """Store a reported accessibility problem and tell the coordinators after commit."""
    report = AccessibilityReport(page=page[:500], description=description, email=email)
    report.full_clean()
    report.save()
    _notify_coordinators(report)
    return report


def accessibility_report_mark_handled(*, user: User, report: AccessibilityReport) -> None:
    if not policy.is_coordinator(user):
        raise PermissionDenied
    if report.handled_at is None:
        report.handled_at = timezone.now()
        report.handled_by = user
        report.save(update_fields=["handled_at", "handled_by"])


def _notify_coordinators(report: AccessibilityReport) -> None:
    notify(
        kind="accessibility_report",
        recipients=coordinator_recipients(),
        path=reverse("accessibility-reports"),
        params={"title": report.page or "–", "comment": report.description},
        reason=Reason.COORDINATOR,
    )
