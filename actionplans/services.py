"""Writes for plans, follow-up and the annual report job."""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from intl_portal.organisation import policy
from intl_portal.organisation.models import User

from .models import ActionPlan, AnnualReport, Goal, GoalOutcome, report_upload_to

logger = logging.getLogger(__name__)


@transaction.atomic
def plan_create(*, user: User, year: int, title: str = "") -> ActionPlan:
    if not policy.may_manage_registry(user):
        raise PermissionDenied
    if ActionPlan.objects.filter(year=year).exists():
        raise ValidationError(_("Det finns redan en handlingsplan för %(year)s.") % {"year": year})
    plan = ActionPlan(year=year, title=title)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def goal_create(*, user: User, plan: ActionPlan, data: dict[str, Any]) -> Goal:
    """Add a goal; a contact's goal belongs to the contact's department."""
    if not policy.may_create_entry(user):
        raise PermissionDenied
    if plan.status == ActionPlan.Status.ADOPTED:
        raise ValidationError(_("Planen är fastställd och kan inte ändras."))
    data = dict(data)
    projects = data.pop("projects", [])
    if not policy.is_coordinator(user):
        data["department"] = user.department
    goal = Goal(plan=plan, **data)
    goal.full_clean()
    goal.save()
    goal.projects.set(projects)
    return goal


@transaction.atomic
def goal_outcome_record(
    *, user: User, goal: Goal, value: Decimal, status: str, comment: str = ""
) -> GoalOutcome:
    """Record (or correct) the follow-up of a goal."""
    if not policy.may_report_outcome(user, goal):
        raise PermissionDenied
    outcome = GoalOutcome.objects.filter(goal=goal).first() or GoalOutcome(goal=goal)
    outcome.value, outcome.status, outcome.comment = value, status, comment
    outcome.reported_by = user
    outcome.full_clean()
    outcome.save()
    return outcome


# --- The annual report job ------------------------------------------------------------------


def report_request(*, user: User, year: int) -> AnnualReport:
    """Create a queued job and enqueue it after commit; the web process never renders."""
    if not policy.may_manage_registry(user):
        raise PermissionDenied
    with transaction.atomic():
        report = AnnualReport.objects.create(year=year, requested_by=user)
        transaction.on_commit(lambda: report_enqueue(report_id=report.pk))
    return report


def report_enqueue(*, report_id: int) -> bool:
    """Send the job to the broker. If the broker is down the row stays queued for the sweeper."""
    from .tasks import render_annual_report

    try:
        with render_annual_report.app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0)  # fail at once; the sweeper tries again later
            render_annual_report.apply_async(args=[report_id], retry=False, connection=conn)
    except (BrokerError, OSError):
        logger.warning("Broker unavailable; report %s stays queued", report_id, exc_info=True)
        return False
    AnnualReport.objects.filter(pk=report_id).update(enqueued_at=timezone.now())
    return True


def report_retry(*, user: User, report: AnnualReport) -> AnnualReport:
    if not policy.may_manage_registry(user):
        raise PermissionDenied
    with transaction.atomic():
        updated = AnnualReport.objects.filter(pk=report.pk, state=AnnualReport.State.FAILED).update(
            state=AnnualReport.State.QUEUED,
            failure_reason="",
            started_at=None,
            finished_at=None,
            attempts=0,
        )
        if not updated:
            raise ValidationError(_("Bara misslyckade rapporter kan försökas igen."))
        transaction.on_commit(lambda: report_enqueue(report_id=report.pk))
    report.refresh_from_db()
    return report


def report_publish(*, user: User, report: AnnualReport) -> AnnualReport:
    if not policy.may_review(user):
        raise PermissionDenied
    if not report.is_done:
        raise ValidationError(_("Bara färdiga rapporter kan publiceras."))
    if report.published_at is None:
        report.published_at = timezone.now()
        report.save(update_fields=["published_at"])
    return report


def _lease_expired_before() -> Any:
    return timezone.now() - timedelta(seconds=settings.REPORT_TIME_LIMIT + 60)


def report_claim(*, report_id: int) -> bool:
    """Take the job: queued → running, or a running job whose worker died long ago.

    A conditional UPDATE, so a redelivered message for a job already taken does nothing.
    """
    claimable = Q(state=AnnualReport.State.QUEUED) | Q(
        state=AnnualReport.State.RUNNING, started_at__lt=_lease_expired_before()
    )
    return bool(
        AnnualReport.objects.filter(claimable, pk=report_id).update(
            state=AnnualReport.State.RUNNING,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
    )


def report_fail(*, report_id: int, reason: str) -> None:
    AnnualReport.objects.filter(pk=report_id, state=AnnualReport.State.RUNNING).update(
        state=AnnualReport.State.FAILED, failure_reason=reason, finished_at=timezone.now()
    )


def report_render(*, report_id: int) -> AnnualReport | None:
    """Claim, render and store one report. Returns None when the job was not ours to run."""
    from .report import render_report

    if not report_claim(report_id=report_id):
        return None
    report = AnnualReport.objects.get(pk=report_id)
    with translation.override(settings.LANGUAGE_CODE):
        pdf, pages = render_report(year=report.year)
    return _report_store(report_id=report_id, pdf=pdf, pages=pages)


def _report_store(*, report_id: int, pdf: bytes, pages: int) -> AnnualReport | None:
    """Save the file, then mark the job done with the year's next version number.

    The row only points at the file once it is completely written, so a half-written file
    is never offered for download.
    """
    report = AnnualReport.objects.get(pk=report_id)
    name = report.pdf.storage.save(report_upload_to(report, "report.pdf"), ContentFile(pdf))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                report = AnnualReport.objects.select_for_update().get(pk=report_id)
                if report.state != AnnualReport.State.RUNNING:
                    report.pdf.storage.delete(name)
                    return None
                latest = AnnualReport.objects.filter(year=report.year).aggregate(v=Max("version"))
                report.version = (latest["v"] or 0) + 1
                report.pdf.name = name
                report.pages = pages
                report.state = AnnualReport.State.DONE
                report.finished_at = timezone.now()
                report.save()
                return report
        except IntegrityError:
            continue  # another version of the same year was stored at the same moment
    raise RuntimeError("could not allocate a version number")


MAX_ATTEMPTS = 3


def report_sweep() -> int:
    """Re-enqueue jobs the broker never received, and jobs whose worker died mid-render."""
    stale = timezone.now() - timedelta(minutes=2)
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Rapporten avbröts flera gånger innan den blev klar. Försök igen.")
    AnnualReport.objects.filter(
        state=AnnualReport.State.RUNNING,
        started_at__lt=_lease_expired_before(),
        attempts__gte=MAX_ATTEMPTS,
    ).update(state=AnnualReport.State.FAILED, failure_reason=reason, finished_at=timezone.now())
    waiting = AnnualReport.objects.filter(
        Q(state=AnnualReport.State.QUEUED, enqueued_at__isnull=True, requested_at__lt=stale)
        | Q(state=AnnualReport.State.QUEUED, enqueued_at__lt=stale)
        | Q(state=AnnualReport.State.RUNNING, started_at__lt=_lease_expired_before())
    ).values_list("pk", flat=True)
    sent = 0
    for pk in waiting:
        if not report_enqueue(report_id=pk):
            break  # the broker is down: leave the rest for the next sweep
        sent += 1
    return sent
