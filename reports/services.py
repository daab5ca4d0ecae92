"""The annual report job's life cycle: request, enqueue, claim, render, store, fail, retry,
publish and the sweeper."""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import timedelta
from typing import Any

from celery import current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from actionplans.models import AnnualReport, report_upload_to
from intl_portal.notifications.kinds import Reason
from intl_portal.organisation import notices, policy
from intl_portal.organisation.models import User

from .document import render_report_files

logger = logging.getLogger(__name__)


def report_request(
    *,
    user: User,
    year: int,
    language: str = AnnualReport.Language.SWEDISH,
    title: str = "",
    case_number: str = "",
    summary: str = "",
) -> AnnualReport:
    """Create a queued job and enqueue it after commit; the web process never renders."""
    if not policy.may_manage_registry(user):
        raise PermissionDenied
    with transaction.atomic():
        report = report_create(
            year=year,
            requested_by=user,
            language=language,
            title=title,
            case_number=case_number,
            summary=summary,
        )
        transaction.on_commit(lambda: report_enqueue(report_id=report.pk))
    return report


def report_create(
    *,
    year: int,
    requested_by: User | None,
    language: str = AnnualReport.Language.SWEDISH,
    title: str = "",
    case_number: str = "",
    summary: str = "",
) -> AnnualReport:
    """A queued report job with its options; the caller decides how it is run."""
    if language not in AnnualReport.Language.values:
        raise ValidationError(_("Okänt språk."))
    return AnnualReport.objects.create(
        year=year,
        requested_by=requested_by,
        language=language,
        title=title.strip(),
        case_number=case_number.strip(),
        summary=summary,
    )


RENDER_TASK = "actionplans.render_annual_report"  # reports/tasks.py


def report_enqueue(*, report_id: int) -> bool:
    """Send the job to the broker. If the broker is down the row stays queued for the sweeper.

    The task is sent by name, so this module never imports the tasks that call it.
    """
    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0)  # fail at once; the sweeper tries again later
            current_app.send_task(RENDER_TASK, args=[report_id], retry=False, connection=conn)
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
    return timezone.now() - timedelta(seconds=settings.REPORT_LEASE_SECONDS)


MAX_ATTEMPTS = 3


def _gave_up_reason() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Rapporten avbröts flera gånger innan den blev klar. Försök igen.")


def report_claim(*, report_id: int, token: str = "") -> bool:
    """Take the job for one delivery of its message: `token` is the Celery task id.

    Claimable: a queued job; a running job whose lease ran out (its worker died long ago);
    or a running job held under this very token, which means the broker delivered the same
    message again because the process that had it is gone (a worker child killed, or the
    visibility timeout passed, which is longer than the hard time limit). Anything else (a
    duplicate message while the job runs, a finished job) is left alone. A job taken
    MAX_ATTEMPTS times is failed instead, so a report that kills its worker cannot loop.
    """
    token = token or uuid.uuid4().hex
    claimable = (
        Q(state=AnnualReport.State.QUEUED)
        | Q(state=AnnualReport.State.RUNNING, started_at__lt=_lease_expired_before())
        | Q(state=AnnualReport.State.RUNNING, claim_token=token)
    )
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().filter(claimable, pk=report_id).first()
        if report is None:
            return False
        if report.attempts >= MAX_ATTEMPTS:
            AnnualReport.objects.filter(pk=report_id).update(
                state=AnnualReport.State.FAILED,
                failure_reason=_gave_up_reason(),
                finished_at=timezone.now(),
            )
            _tell_requester(report_ids=[report_id], kind="report_failed")
            return False
        AnnualReport.objects.filter(pk=report_id).update(
            state=AnnualReport.State.RUNNING,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
            claim_token=token,
        )
    return True


def report_fail(*, report_id: int, reason: str, token: str | None = None) -> None:
    """Mark a running job failed; with `token`, only if that claimant still holds it."""
    running = AnnualReport.objects.filter(pk=report_id, state=AnnualReport.State.RUNNING)
    if token is not None:
        running = running.filter(claim_token=token)
    failed = running.update(
        state=AnnualReport.State.FAILED, failure_reason=reason, finished_at=timezone.now()
    )
    if failed:
        _tell_requester(report_ids=[report_id], kind="report_failed")


def _tell_requester(*, report_ids: list[int], kind: str) -> None:
    """Whoever asked for the report hears that it is done, or why it failed."""
    for report in AnnualReport.objects.filter(pk__in=report_ids):
        notices.tell_user(
            kind=kind,
            user_id=report.requested_by_id,
            path=reverse("reports:report-list"),
            params={
                "year": report.year,
                "version": report.version,
                "reason": report.failure_reason,
            },
            reason=Reason.REQUESTER,
        )


def report_render(*, report_id: int, token: str = "") -> AnnualReport | None:
    """Claim, render and store one report. Returns None when the job was not ours to run."""
    token = token or uuid.uuid4().hex
    if not report_claim(report_id=report_id, token=token):
        return None
    report = _report_number(report_id=report_id, token=token)
    if report is None:
        return None
    with translation.override(report.language or settings.LANGUAGE_CODE):
        pdf, pages, docx = render_report_files(report=report)
    return _report_store(report_id=report_id, token=token, pdf=pdf, pages=pages, docx=docx)


def _report_number(*, report_id: int, token: str) -> AnnualReport | None:
    """Give the claimed job the year's next version number before it renders.

    The number is printed on the cover, so it is fixed first; a retried or redelivered job
    keeps the number it already has.
    """
    for _attempt in range(5):
        try:
            with transaction.atomic():
                report = AnnualReport.objects.select_for_update().get(pk=report_id)
                if report.state != AnnualReport.State.RUNNING or report.claim_token != token:
                    return None
                if report.version is None:
                    latest = AnnualReport.objects.filter(year=report.year).aggregate(
                        v=Max("version")
                    )
                    report.version = (latest["v"] or 0) + 1
                    report.save(update_fields=["version"])
                return report
        except IntegrityError:
            continue  # another job of the same year took the number at the same moment
    raise RuntimeError("could not allocate a version number")


def _report_store(
    *, report_id: int, token: str, pdf: bytes, pages: int, docx: bytes = b""
) -> AnnualReport | None:
    """Save the files under the row's fixed names, then mark the numbered job done, if this
    claimant still holds it.

    The files are written while the row is locked and only by the claimant holding the job,
    so no other delivery writes the same names at the same time; the row points at them only
    when the transaction commits, so a half-written file is never offered for download. A
    render overtaken by a newer claim writes nothing, so a job never ends with two files or
    two versions.
    """
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report_id)
        if (
            report.state != AnnualReport.State.RUNNING
            or report.claim_token != token
            or report.version is None
        ):
            return None
        report.pdf.name = _save_fixed(report.pdf, report_upload_to(report, "report.pdf"), pdf)
        report.docx.name = (
            _save_fixed(report.docx, report_upload_to(report, "report.docx"), docx) if docx else ""
        )
        report.sha256 = hashlib.sha256(pdf).hexdigest()
        report.docx_sha256 = hashlib.sha256(docx).hexdigest() if docx else ""
        report.pages = pages
        report.state = AnnualReport.State.DONE
        report.finished_at = timezone.now()
        report.save()
        _tell_requester(report_ids=[report_id], kind="report_done")
        return report


def _save_fixed(field: FieldFile, name: str, content: bytes) -> str:
    """Write `content` under exactly `name`, replacing what an interrupted attempt left there.

    Only a running job's holder gets here, and the row has never pointed at a file of this
    job, so anything already under the name is the remains of an attempt killed between
    writing and committing. The storage would otherwise add a suffix to the new file's name.
    """
    storage = field.storage
    if storage.exists(name):
        storage.delete(name)
    saved: str = storage.save(name, ContentFile(content))
    if saved != name:
        storage.delete(saved)
        raise RuntimeError(f"report file stored as {saved!r}, not {name!r}")
    return saved


def report_sweep() -> int:
    """Re-enqueue jobs the broker never received, and jobs whose worker died mid-render."""
    stale = timezone.now() - timedelta(minutes=2)
    reason = _gave_up_reason()
    given_up = list(
        AnnualReport.objects.filter(
            state=AnnualReport.State.RUNNING,
            started_at__lt=_lease_expired_before(),
            attempts__gte=MAX_ATTEMPTS,
        ).values_list("pk", flat=True)
    )
    AnnualReport.objects.filter(pk__in=given_up, state=AnnualReport.State.RUNNING).update(
        state=AnnualReport.State.FAILED, failure_reason=reason, finished_at=timezone.now()
    )
    _tell_requester(report_ids=given_up, kind="report_failed")
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
