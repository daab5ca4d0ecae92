"""Writes for the follow-up: rounds, a department's part, goal outcomes and reminders."""

from __future__ import annotations

import datetime
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intl_portal.lib import concurrency
from intl_portal.lib.concurrency import Opened
from intl_portal.organisation import notices, policy
from intl_portal.organisation.models import User
from intl_portal.organisation.selectors import department_contacts
from intl_portal.organisation.transitions import step_take

from ..models import (
    ActionPlan,
    FollowUpPart,
    FollowUpReminder,
    FollowUpRound,
    Goal,
    GoalOutcome,
)
from .common import transition


@transaction.atomic
def followup_round_open(*, user: User, plan: ActionPlan, deadline: datetime.date) -> FollowUpRound:
    """Open the year's follow-up: one part per department with goals in the plan."""
    if not policy.may_review(user):
        raise PermissionDenied
    if plan.status != ActionPlan.Status.ADOPTED:
        raise ValidationError(_("Bara en fastställd plan kan följas upp."))
    if FollowUpRound.objects.filter(plan=plan).exists():
        raise ValidationError(
            _("Uppföljningen för %(year)s är redan öppnad.") % {"year": plan.year}
        )
    if deadline < timezone.localdate():
        raise ValidationError(_("Sista dag kan inte ha passerat redan."))
    followup_round = FollowUpRound.objects.create(plan=plan, deadline=deadline, opened_by=user)
    departments = (
        plan.goals.exclude(department=None).values_list("department_id", flat=True).distinct()
    )
    for department_id in sorted(set(departments)):
        part = FollowUpPart.objects.create(round=followup_round, department_id=department_id)
        _tell_department(part, kind="followup_opened", actor=user)
    return followup_round


def _part_path(part: FollowUpPart) -> str:
    return reverse("actionplans:part", args=[part.round.plan.year, part.department_id])


def _part_params(part: FollowUpPart) -> dict[str, object]:
    return {
        "year": part.round.plan.year,
        "department": part.department.name,
        "deadline": part.round.deadline,
        "comment": part.review_comment,
    }


def _tell_department(part: FollowUpPart, *, kind: str, actor: User | None, key: str = "") -> None:
    notices.tell_department(
        kind=kind,
        department_id=part.department_id,
        path=_part_path(part),
        params=_part_params(part),
        actor=actor,
        key=key,
    )


def followup_part_for(*, goal: Goal) -> FollowUpPart | None:
    if goal.department_id is None:
        return None
    return (
        FollowUpPart.objects.select_related("round")
        .filter(round__plan_id=goal.plan_id, department_id=goal.department_id)
        .first()
    )


@transaction.atomic
def goal_outcome_record(
    *,
    user: User,
    goal: Goal,
    value: Decimal | None,
    status: str,
    comment: str = "",
    trend: str = "",
    opened: Opened | None = None,
) -> GoalOutcome:
    """Record (or correct) the follow-up of a goal, through the concurrency mechanism.

    A form opened before any outcome existed counts as opened on empty values, so an outcome
    someone else recorded meanwhile is merged or shown as a conflict, never overwritten.
    """
    part = followup_part_for(goal=goal)
    if not policy.may_report_outcome(user, goal, part):
        raise PermissionDenied
    if value is None and status not in OUTCOME_STATUSES_WITHOUT_VALUE:
        raise ValidationError(_("Ange utfallet, eller välj status Inte mätt."))
    data = {"value": value, "status": status, "comment": comment, "trend": trend}

    def apply(current: GoalOutcome, changes: dict[str, Any]) -> GoalOutcome:
        for name, new in changes.items():
            setattr(current, name, new)
        current.reported_by = user
        current.full_clean(validate_unique=False)
        current.save()
        return current

    outcome = GoalOutcome.objects.filter(goal=goal).first()
    created = False
    if outcome is None:
        try:
            with transaction.atomic():
                outcome, created = apply(GoalOutcome(goal=goal), data), True
        except IntegrityError:  # someone recorded it at the same moment
            outcome = GoalOutcome.objects.get(goal=goal)
    if not created:
        if opened is not None and opened.version is None:  # opened before any outcome existed
            empty = concurrency.fingerprint(None)
            opened = Opened(version=0, fingerprints=dict.fromkeys(data, empty))
        outcome = concurrency.update(outcome, data=data, opened=opened, apply=apply)
    if part is not None and part.status == FollowUpPart.Status.NOT_STARTED:
        part.status = FollowUpPart.Status.IN_PROGRESS
        part.save()
    return outcome


OUTCOME_STATUSES_WITHOUT_VALUE = {
    GoalOutcome.Status.NOT_MEASURED,
    GoalOutcome.Status.NOT_STARTED,
}


def _all_reported(part: FollowUpPart) -> None:
    """Every goal of the department's part has an outcome."""
    missing = (
        Goal.objects.filter(plan_id=part.round.plan_id, department_id=part.department_id)
        .filter(outcome__isnull=True)
        .count()
    )
    if missing:
        raise ValidationError(
            ngettext(
                "%(n)s mål saknar uppföljning. Rapportera alla mål innan delen markeras klar.",
                "%(n)s mål saknar uppföljning. Rapportera alla mål innan delen markeras klar.",
                missing,
            )
            % {"n": missing}
        )


@transaction.atomic
def followup_part_mark_ready(*, user: User, part: FollowUpPart) -> FollowUpPart:
    """The department says its part is complete: every goal has an outcome."""
    return step_take(entry=part, name="submit", user=user, check=_all_reported)


@transaction.atomic
def followup_part_return(*, user: User, part: FollowUpPart, comment: str) -> FollowUpPart:
    """Send a ready or accepted part of an open round back for more, with a comment."""
    return step_take(entry=part, name="return", user=user, comment=comment)


@transaction.atomic
def followup_part_accept(*, user: User, part: FollowUpPart) -> FollowUpPart:
    """Accept a part of an open round that the department marked ready."""
    return step_take(entry=part, name="approve", user=user)


@transaction.atomic
def followup_round_close(
    *, user: User, followup_round: FollowUpRound, unreported_reason: str = ""
) -> FollowUpRound:
    """Close the round. Parts not accepted by then are recorded as "ej rapporterat" with the
    coordinator's reason (required when there are any), so a silent department never blocks
    the year; the report shows them as such."""
    if not policy.may_review(user):
        raise PermissionDenied
    waiting = list(
        followup_round.parts.exclude(
            status__in=[FollowUpPart.Status.ACCEPTED, FollowUpPart.Status.NOT_REPORTED]
        ).select_related("department")
    )
    reason = unreported_reason.strip()
    if waiting and not reason and followup_round.status == FollowUpRound.Status.OPEN:
        raise ValidationError(
            ngettext(
                "%(n)s förvaltning är inte godkänd ännu. Ange skälet, så registreras den som "
                "ej rapporterad när uppföljningen stängs.",
                "%(n)s förvaltningar är inte godkända ännu. Ange skälet, så registreras de som "
                "ej rapporterade när uppföljningen stängs.",
                len(waiting),
            )
            % {"n": len(waiting)}
        )
    closed = transition(
        followup_round,
        allowed_from={FollowUpRound.Status.OPEN},
        to=FollowUpRound.Status.CLOSED,
        message=_("Uppföljningen är redan stängd."),
        closed_at=timezone.now(),
    )
    for part in waiting:
        part.status = FollowUpPart.Status.NOT_REPORTED
        part.not_reported_reason = reason
        part.version += 1
        part.save()
    return closed


def followup_send_reminders(*, today: datetime.date | None = None) -> int:
    """E-mail the contacts of every department whose part is not ready, on the days
    settings.FOLLOWUP_REMINDER_DAYS before the deadline. At most one e-mail per part and day."""
    today = today or timezone.localdate()
    days = set(settings.FOLLOWUP_REMINDER_DAYS)
    deadlines = [today + timedelta(days=n) for n in days]
    parts = (
        FollowUpPart.objects.filter(
            round__status=FollowUpRound.Status.OPEN, round__deadline__in=deadlines
        )
        .exclude(status__in=[FollowUpPart.Status.READY, FollowUpPart.Status.ACCEPTED])
        .exclude(reminders__sent_on=today)
        .select_related("round__plan", "department")
    )
    sent = 0
    for part in parts:
        recipients = list(
            department_contacts(department_id=part.department_id).values_list("email", flat=True)
        )
        if not recipients:
            continue
        with transaction.atomic():
            try:
                with transaction.atomic():
                    FollowUpReminder.objects.create(
                        part=part,
                        sent_on=today,
                        days_before=(part.round.deadline - today).days,
                        recipients=", ".join(sorted(recipients)),
                    )
            except IntegrityError:
                continue  # another beat run sent today's reminder already
            _tell_department(
                part,
                kind="followup_reminder",
                actor=None,
                key=f"followup-reminder:{part.pk}:{today}",
            )
        sent += 1
    return sent
