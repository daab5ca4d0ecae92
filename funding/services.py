"""Writes of the funding radar. Views, commands and tasks call these; nothing else writes."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from intl_portal.notifications.kinds import Reason
from intl_portal.notifications.services import notify
from intl_portal.organisation import policy
from intl_portal.organisation.models import Department, User
from intl_portal.organisation.selectors import department_contacts
from projects import services as project_services
from projects.models import FundingProgramme, Project

from . import matching
from .models import Call, CallIdea, CallInterest, CallReminder, MatchKeywords

logger = logging.getLogger(__name__)

CALL_FIELDS = (
    "programme",
    "identifier",
    "title",
    "summary",
    "source",
    "opening_date",
    "deadline_model",
    "deadline",
    "deadline_second",
    "currency",
    "budget_total",
    "grant_min",
    "grant_max",
    "cofinancing_rate",
    "eligible_applicants",
    "partners_abroad_required",
    "themes",
    "url",
)


def _require_manager(user: User | None) -> None:
    if user is not None and not policy.may_manage_calls(user):
        raise PermissionDenied


def _store(call: Call, data: dict[str, Any]) -> Call:
    for name in CALL_FIELDS:
        if name in data:
            setattr(call, name, data[name])
    call.closes_on = max(call.deadlines) if call.deadlines else None
    call.full_clean()
    call.save()
    matching.call_text_refresh(call)
    return call


@transaction.atomic
def call_create(*, user: User, data: dict[str, Any]) -> Call:
    """A call entered by hand (or from the coordinator's own list)."""
    _require_manager(user)
    call = _store(Call(), data)
    matching.calls_rematch(call_ids=[call.pk])
    return call


@transaction.atomic
def call_update(*, user: User, call: Call, data: dict[str, Any], version: int | None) -> Call:
    """Save the edit only if nobody saved the call since the form was opened."""
    _require_manager(user)
    current = Call.objects.select_for_update().get(pk=call.pk)
    if version is not None and current.version != version:
        raise ValidationError(
            _(
                "Någon annan har ändrat utlysningen sedan du öppnade den. Ladda om sidan och "
                "gör din ändring igen."
            ),
            code="conflict",
        )
    current.version += 1
    _store(current, data)
    matching.calls_rematch(call_ids=[current.pk])
    return current


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[str, list[str]]] = field(default_factory=list)


def _programmes() -> dict[str, FundingProgramme]:
    return {p.name.lower(): p for p in FundingProgramme.objects.all()}


def calls_upsert(*, records: list[dict[str, Any]], user: User | None = None) -> UpsertResult:
    """Create or update calls by (source, identifier); a re-import never duplicates.

    Each record is saved in its own savepoint: a bad record is reported, the others are kept.
    `user` is None for the daily fetch and the management command (the server's own work).
    """
    _require_manager(user)
    result = UpsertResult()
    programmes = _programmes()
    saved: list[int] = []
    with transaction.atomic():
        for record in records:
            data = dict(record)
            name = data.pop("programme_name", "")
            if "programme" not in data:
                data["programme"] = programmes.get(name.lower()) if name else None
            existing = Call.objects.filter(
                source=data.get("source"), identifier=data.get("identifier")
            ).first()
            call = existing or Call()
            if existing is not None:
                call.version += 1
            try:
                with transaction.atomic():
                    _store(call, data)
            except ValidationError as exc:
                label = str(data.get("identifier") or data.get("title") or "?")
                result.errors.append((label, exc.messages))
                continue
            saved.append(call.pk)
            if existing is None:
                result.created += 1
            else:
                result.updated += 1
        if saved:
            matching.calls_rematch(call_ids=saved)
    return result


@transaction.atomic
def keywords_save(
    *,
    user: User,
    focus_area_id: int | None = None,
    goal_id: int | None = None,
    data: dict[str, Any],
) -> MatchKeywords:
    """Set a focus area's or a goal's keywords, then score every call again."""
    if not policy.may_manage_calls(user):
        raise PermissionDenied
    keywords, _created = MatchKeywords.objects.get_or_create(
        # One of the two is None, which matches the rows without it.
        focus_area_id=focus_area_id,
        goal_id=goal_id,  # type: ignore[misc]
    )
    keywords.words_sv = data.get("words_sv", "")
    keywords.words_en = data.get("words_en", "")
    keywords.full_clean()
    keywords.save()
    matching.calls_rematch()
    return keywords


def _department_for(user: User, department: Department | None) -> Department:
    if policy.is_coordinator(user):
        if department is None:
            raise ValidationError(_("Välj förvaltning."))
        return department
    if user.department is None:
        raise PermissionDenied
    return user.department


@transaction.atomic
def interest_mark(
    *, user: User, call: Call, mark: str, department: Department | None = None
) -> CallInterest:
    """A department marks a call as interesting or not relevant (a contact for their own)."""
    if not policy.may_mark_call(user):
        raise PermissionDenied
    if mark not in CallInterest.Mark.values:
        raise ValidationError(_("Okänd markering."))
    owner = _department_for(user, department)
    interest = CallInterest.objects.filter(call=call, department=owner).first()
    interest = interest or CallInterest(call=call, department=owner)
    interest.mark = mark
    interest.marked_by = user
    interest.marked_at = timezone.now()
    interest.save()
    return interest


def _idea_summary(call: Call) -> str:
    lines = [
        _("Startad från utlysningen [%(title)s](%(url)s) (%(id)s).")
        % {"title": call.title, "url": call.url or "", "id": call.identifier}
        if call.url
        else _("Startad från utlysningen %(title)s (%(id)s).")
        % {"title": call.title, "id": call.identifier}
    ]
    if call.deadline:
        lines.append(_("Sista ansökningsdag: %(date)s.") % {"date": call.deadline.isoformat()})
    if call.deadline_second:
        lines.append(_("Steg 2: %(date)s.") % {"date": call.deadline_second.isoformat()})
    return "\n\n".join(lines)


def _cofinancing_note(call: Call) -> str:
    parts = []
    if call.cofinancing_rate is not None:
        rate = formats.number_format(call.cofinancing_rate.normalize(), use_l10n=True)
        parts.append(_("Bidraget täcker %(rate)s %% av kostnaderna.") % {"rate": rate})
    else:
        parts.append(_("Finansieringsgrad: uppgift saknas i utlysningen."))
    if call.grant_max is not None:
        parts.append(
            _("Bidrag upp till %(amount)s %(currency)s per projekt.")
            % {"amount": f"{call.grant_max:,.0f}".replace(",", "\u00a0"), "currency": call.currency}
        )
    if call.deadline:
        parts.append(_("Sista ansökningsdag %(date)s.") % {"date": call.deadline.isoformat()})
    return " ".join(parts)


EU_SOURCES = {Call.Source.EU_PORTAL, Call.Source.UHR, Call.Source.INTERREG}
NORDIC_SOURCES = {Call.Source.NORDPLUS, Call.Source.NORDEN}


@transaction.atomic
def idea_start(*, user: User, call: Call, department: Department | None = None) -> Project:
    """ "Starta projektidé": a draft project in phase idea, linked to the call, prefilled."""
    if not policy.may_start_idea(user):
        raise PermissionDenied
    owner = _department_for(user, department)
    data: dict[str, Any] = {
        "title": call.title[:300],
        "summary": _idea_summary(call),
        "department": owner,
        "programme": call.programme,
        "phase": Project.Phase.IDEA,
        "currency": call.currency,
        "cofinancing_eu": True if call.source in EU_SOURCES else None,
        "cofinancing_nordic": True if call.source in NORDIC_SOURCES else None,
        "cofinancing_sida": True if call.source == Call.Source.ICLD else None,
        "cofinancing_note": _cofinancing_note(call),
    }
    project = project_services.project_create(author=user, data=data)
    CallIdea.objects.create(call=call, project=project)
    interest_mark(
        user=user, call=call, mark=CallInterest.Mark.INTERESTED, department=project.department
    )
    return project


# --- Reminders ---------------------------------------------------------------------------------


def _threshold(days_left: int, thresholds: list[int]) -> int | None:
    """The smallest reminder threshold that days_left has reached (7 beats 30)."""
    reached = [t for t in thresholds if 0 <= days_left <= t]
    return min(reached) if reached else None


def funding_send_reminders(*, today: datetime.date | None = None) -> int:
    """Remind interested departments 30 and 7 days before each deadline of a call.

    Once per call, deadline, threshold and department (a unique row is claimed before the mail
    goes, and the notification goes through the portal's notifications, mailed by the worker).
    A day the beat missed is caught up the next day, and a 30-day reminder is not sent
    late once the 7-day one is due."""
    today = today or timezone.localdate()
    thresholds = sorted(set(settings.FUNDING_REMINDER_DAYS))
    horizon = today + datetime.timedelta(days=max(thresholds))
    interests = (
        CallInterest.objects.filter(mark=CallInterest.Mark.INTERESTED, call__closes_on__gte=today)
        .filter(Q(call__deadline__lte=horizon) | Q(call__deadline_second__lte=horizon))
        .select_related("call", "department")
        .order_by("pk")
    )
    sent = 0
    for interest in interests:
        call = interest.call
        for deadline in call.deadlines:
            threshold = _threshold((deadline - today).days, thresholds)
            if threshold is None:
                continue
            if _remind(interest=interest, deadline=deadline, threshold=threshold, today=today):
                sent += 1
    return sent


def _remind(
    *, interest: CallInterest, deadline: datetime.date, threshold: int, today: datetime.date
) -> bool:
    """Claim the (call, department, deadline, threshold) row, then notify the contacts."""
    recipients = list(department_contacts(department_id=interest.department_id))
    if not recipients:
        return False
    call = interest.call
    with transaction.atomic():
        try:
            with transaction.atomic():
                CallReminder.objects.create(
                    call=call,
                    department=interest.department,
                    deadline=deadline,
                    days_before=threshold,
                    sent_on=today,
                    recipients=", ".join(sorted(u.email for u in recipients)),
                )
        except IntegrityError:
            return False  # sent already (another run, or an earlier day)
        notify(
            kind="funding_deadline",
            recipients=recipients,
            path=reverse("funding:detail", args=[call.pk]),
            params={
                "title": call.title,
                "deadline": deadline,
                "days": (deadline - today).days,
                "department": interest.department.name,
            },
            reason=Reason.DEPARTMENT,
            key=f"funding-deadline:{call.pk}:{interest.department_id}:{deadline}:{threshold}",
        )
    return True
