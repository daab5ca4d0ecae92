"""Writes for plans, follow-up and the annual report job."""

from __future__ import annotations

import datetime
import logging
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from intl_portal.organisation import policy
from intl_portal.organisation.models import Department, Role, User

from .models import (
    REVISION_YEARS,
    ActionPlan,
    AnnualReport,
    DepartmentPlan,
    FollowUpPart,
    FollowUpReminder,
    FollowUpRound,
    Goal,
    GoalOutcome,
    PlanVersion,
    Strategy,
    report_upload_to,
)

logger = logging.getLogger(__name__)


class EditConflict(Exception):  # noqa: N818 - a domain outcome, not a programming error
    """Someone else saved the row since the form was opened; `current` is what they saved."""

    def __init__(self, current: Any) -> None:
        super().__init__("edit conflict")
        self.current = current


def _claim_version(instance: Any, expected: int | None) -> None:
    """Optimistic lock: bump the row's version only if it is still the one the form showed.

    A conditional UPDATE, so of two simultaneous saves exactly one wins; the winner's
    save() that follows writes the audit history.
    """
    model = type(instance)
    if expected is None:
        expected = instance.version
    claimed = model.objects.filter(pk=instance.pk, version=expected).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(model.objects.get(pk=instance.pk))
    instance.version = expected + 1


def _locked_error() -> ValidationError:
    return ValidationError(_("Planen är fastställd och kan inte ändras."))


@transaction.atomic
def plan_create(
    *, user: User, year: int, title: str = "", strategy: Strategy | None = None
) -> ActionPlan:
    if not policy.may_manage_registry(user):
        raise PermissionDenied
    if ActionPlan.objects.filter(year=year).exists():
        raise ValidationError(_("Det finns redan en handlingsplan för %(year)s.") % {"year": year})
    plan = ActionPlan(year=year, title=title, strategy=strategy)
    plan.full_clean()
    plan.save()
    return plan


def department_plan_for(*, plan: ActionPlan, department: Department) -> DepartmentPlan:
    """The department's part of the plan, created empty the first time it is needed."""
    department_plan, _created = DepartmentPlan.objects.get_or_create(
        plan=plan, department=department
    )
    return department_plan


@transaction.atomic
def goal_create(*, user: User, plan: ActionPlan, data: dict[str, Any]) -> Goal:
    """Add a goal; a contact's goal belongs to the contact's department plan."""
    if not policy.may_create_entry(user):
        raise PermissionDenied
    if plan.status == ActionPlan.Status.ADOPTED:
        raise _locked_error()
    data = dict(data)
    data.pop("version", None)
    projects = data.pop("projects", [])
    activities = data.pop("activities", [])
    if not policy.is_coordinator(user):
        data["department"] = user.department
    department_plan = None
    if data.get("department") is not None:
        department_plan = department_plan_for(plan=plan, department=data["department"])
    goal = Goal(plan=plan, **data)
    if not policy.may_edit_goal(user, goal, department_plan):
        raise ValidationError(
            _("Förvaltningsplanen är inskickad eller godkänd och kan inte ändras.")
        )
    goal.full_clean()
    goal.save()
    goal.projects.set(projects)
    goal.activities.set(activities)
    return goal


@transaction.atomic
def goal_update(*, user: User, goal: Goal, data: dict[str, Any], version: int) -> Goal:
    """Change a goal; refused with EditConflict when someone saved it in between."""
    department_plan = (
        DepartmentPlan.objects.filter(plan=goal.plan, department=goal.department).first()
        if goal.department_id
        else None
    )
    if not policy.may_edit_goal(user, goal, department_plan):
        if goal.plan.status == ActionPlan.Status.ADOPTED:
            raise _locked_error()
        raise PermissionDenied
    data = dict(data)
    data.pop("version", None)
    projects = data.pop("projects", None)
    activities = data.pop("activities", None)
    if not policy.is_coordinator(user):
        data.pop("department", None)
    _claim_version(goal, version)
    for field, value in data.items():
        setattr(goal, field, value)
    if goal.department is not None:
        department_plan_for(plan=goal.plan, department=goal.department)
    goal.full_clean()
    goal.save()
    if projects is not None:
        goal.projects.set(projects)
    if activities is not None:
        goal.activities.set(activities)
    return goal


# --- Department plans -----------------------------------------------------------------------


@transaction.atomic
def department_plan_update(
    *,
    user: User,
    department_plan: DepartmentPlan,
    activities: str,
    budget: Decimal | None,
    version: int,
) -> DepartmentPlan:
    if not policy.may_edit_department_plan(user, department_plan):
        raise PermissionDenied
    _claim_version(department_plan, version)
    department_plan.activities, department_plan.budget = activities, budget
    department_plan.full_clean()
    department_plan.save()
    return department_plan


def _transition(
    instance: Any, *, allowed_from: set[str], to: str, message: str, **fields: Any
) -> Any:
    """Move a row from one status to another under a row lock; refuse other starting points."""
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    if locked.status not in allowed_from:
        raise ValidationError(message)
    locked.status = to
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def department_plan_submit(*, user: User, department_plan: DepartmentPlan) -> DepartmentPlan:
    """The department sends its plan to the coordinator."""
    if not policy.may_edit_department_plan(user, department_plan):
        raise PermissionDenied
    if not department_plan.plan.goals.filter(department=department_plan.department).exists():
        raise ValidationError(_("Lägg till minst ett mål innan planen skickas in."))
    status = DepartmentPlan.Status
    return _transition(
        department_plan,
        allowed_from={status.DRAFT, status.RETURNED},
        to=status.SUBMITTED,
        message=_("Planen är redan inskickad."),
        submitted_at=timezone.now(),
    )


@transaction.atomic
def department_plan_return(
    *, user: User, department_plan: DepartmentPlan, comment: str
) -> DepartmentPlan:
    if not policy.may_review(user):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Skriv en kommentar som säger vad som ska kompletteras."))
    status = DepartmentPlan.Status
    return _transition(
        department_plan,
        allowed_from={status.SUBMITTED, status.ACCEPTED},
        to=status.RETURNED,
        message=_("Bara inskickade planer kan återsändas."),
        review_comment=comment.strip(),
        reviewed_at=timezone.now(),
    )


@transaction.atomic
def department_plan_accept(*, user: User, department_plan: DepartmentPlan) -> DepartmentPlan:
    if not policy.may_review(user):
        raise PermissionDenied
    status = DepartmentPlan.Status
    return _transition(
        department_plan,
        allowed_from={status.SUBMITTED},
        to=status.ACCEPTED,
        message=_("Bara inskickade planer kan godkännas."),
        reviewed_at=timezone.now(),
    )


# --- The municipal plan: propose, adopt, revise, copy forward -------------------------------


def _unaccepted_departments(plan: ActionPlan) -> list[str]:
    with_goals = set(plan.goals.exclude(department=None).values_list("department_id", flat=True))
    accepted = set(
        plan.department_plans.filter(status=DepartmentPlan.Status.ACCEPTED).values_list(
            "department_id", flat=True
        )
    )
    return sorted(
        Department.objects.filter(pk__in=with_goals - accepted).values_list("name", flat=True)
    )


@transaction.atomic
def plan_propose(*, user: User, plan: ActionPlan) -> ActionPlan:
    """Draft → proposed: compiled from accepted department plans and municipal goals."""
    if not policy.may_review(user):
        raise PermissionDenied
    if not plan.goals.exists():
        raise ValidationError(_("Planen har inga mål ännu."))
    missing = _unaccepted_departments(plan)
    if missing:
        raise ValidationError(
            _("Förvaltningsplanerna måste godkännas först: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    return _transition(
        plan,
        allowed_from={ActionPlan.Status.DRAFT},
        to=ActionPlan.Status.PROPOSED,
        message=_("Bara en plan som är utkast kan föreslås."),
    )


@transaction.atomic
def plan_return_to_draft(*, user: User, plan: ActionPlan) -> ActionPlan:
    if not policy.may_review(user):
        raise PermissionDenied
    return _transition(
        plan,
        allowed_from={ActionPlan.Status.PROPOSED},
        to=ActionPlan.Status.DRAFT,
        message=_("Bara en föreslagen plan kan gå tillbaka till utkast."),
    )


@transaction.atomic
def plan_adopt(
    *,
    user: User,
    plan: ActionPlan,
    decision_body: str,
    decision_date: datetime.date,
    decision_paragraph: str,
    decision_case_number: str,
) -> PlanVersion:
    """Proposed → adopted: record the decision and freeze the plan as a new version."""
    from .selectors import plan_snapshot

    if not policy.may_review(user):
        raise PermissionDenied
    decision = {
        "decision_body": decision_body.strip(),
        "decision_date": decision_date,
        "decision_paragraph": decision_paragraph.strip(),
        "decision_case_number": decision_case_number.strip(),
    }
    if not all(decision.values()):
        raise ValidationError(_("Ange beslutande organ, datum, paragraf och diarienummer."))
    previous = plan.versions.aggregate(n=Max("number"))["n"] or 0
    reason = plan.revision_reason or str(_("Första fastställda versionen."))
    adopted = _transition(
        plan,
        allowed_from={ActionPlan.Status.PROPOSED},
        to=ActionPlan.Status.ADOPTED,
        message=_("Bara en föreslagen plan kan fastställas."),
        revision_reason="",
        **decision,
    )
    return PlanVersion.objects.create(
        plan=adopted,
        number=previous + 1,
        reason=reason,
        snapshot=plan_snapshot(plan=adopted),
        created_by=user,
        **decision,
    )


@transaction.atomic
def plan_revise(*, user: User, plan: ActionPlan, reason: str) -> ActionPlan:
    """Open an adopted plan for a change; the change becomes the next version when adopted."""
    if not policy.may_review(user):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Skriv varför planen ändras."))
    return _transition(
        plan,
        allowed_from={ActionPlan.Status.ADOPTED},
        to=ActionPlan.Status.DRAFT,
        message=_("Bara en fastställd plan kan ändras till en ny version."),
        revision_reason=reason.strip(),
    )


GOAL_COPY_FIELDS = (
    "focus_area_id",
    "department_id",
    "description",
    "indicator",
    "unit",
    "baseline",
    "target",
)


@transaction.atomic
def plan_copy_forward(
    *, user: User, plan: ActionPlan, year: int, title: str = "", carry_over: bool
) -> ActionPlan:
    """Start a new year's plan from this one, optionally carrying over goals not achieved."""
    new_plan = plan_create(user=user, year=year, title=title, strategy=plan.strategy)
    if not carry_over:
        return new_plan
    goals = (
        plan.goals.exclude(outcome__status=GoalOutcome.Status.ACHIEVED)
        .select_related("outcome")
        .prefetch_related("projects", "activities")
    )
    for goal in goals:
        copy = Goal.objects.create(
            plan=new_plan,
            carried_from=goal,
            **{field: getattr(goal, field) for field in GOAL_COPY_FIELDS},
        )
        copy.projects.set(goal.projects.all())
        copy.activities.set(goal.activities.all())
        if goal.department_id:
            department_plan_for(plan=new_plan, department=goal.department)
    return new_plan


# --- Follow-up ------------------------------------------------------------------------------


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
        FollowUpPart.objects.create(round=followup_round, department_id=department_id)
    return followup_round


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
    version: int | None = None,
) -> GoalOutcome:
    """Record (or correct) the follow-up of a goal. `version` is the one the form showed
    (0 for a new outcome); None skips the check."""
    part = followup_part_for(goal=goal)
    if not policy.may_report_outcome(user, goal, part):
        raise PermissionDenied
    if value is None and status not in OUTCOME_STATUSES_WITHOUT_VALUE:
        raise ValidationError(_("Ange utfallet, eller välj status Inte mätt."))
    outcome = GoalOutcome.objects.filter(goal=goal).first()
    if outcome is None:
        if version:
            raise EditConflict(None)
        outcome = GoalOutcome(goal=goal)
    elif version is not None:
        _claim_version(outcome, version)
    else:
        outcome.version += 1
    outcome.value, outcome.status, outcome.comment = value, status, comment
    outcome.trend = trend
    outcome.reported_by = user
    outcome.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            outcome.save()
    except IntegrityError as exc:  # someone created it at the same moment
        raise EditConflict(GoalOutcome.objects.get(goal=goal)) from exc
    if part is not None and part.status == FollowUpPart.Status.NOT_STARTED:
        part.status = FollowUpPart.Status.IN_PROGRESS
        part.save()
    return outcome


OUTCOME_STATUSES_WITHOUT_VALUE = {
    GoalOutcome.Status.NOT_MEASURED,
    GoalOutcome.Status.NOT_STARTED,
}


@transaction.atomic
def followup_part_mark_ready(*, user: User, part: FollowUpPart) -> FollowUpPart:
    """The department says its part is complete: every goal has an outcome."""
    if not policy.may_edit_followup_part(user, part):
        raise PermissionDenied
    missing = (
        Goal.objects.filter(plan_id=part.round.plan_id, department_id=part.department_id)
        .filter(outcome__isnull=True)
        .count()
    )
    if missing:
        raise ValidationError(
            _("%(n)s mål saknar uppföljning. Rapportera alla mål innan delen markeras klar.")
            % {"n": missing}
        )
    status = FollowUpPart.Status
    return _transition(
        part,
        allowed_from={status.NOT_STARTED, status.IN_PROGRESS, status.RETURNED},
        to=status.READY,
        message=_("Delen är redan markerad som klar."),
        ready_at=timezone.now(),
    )


@transaction.atomic
def followup_part_return(*, user: User, part: FollowUpPart, comment: str) -> FollowUpPart:
    if not policy.may_review(user):
        raise PermissionDenied
    if not part.round.is_open:
        raise ValidationError(_("Uppföljningen är stängd."))
    if not comment.strip():
        raise ValidationError(_("Skriv en kommentar som säger vad som ska kompletteras."))
    status = FollowUpPart.Status
    return _transition(
        part,
        allowed_from={status.READY, status.ACCEPTED},
        to=status.RETURNED,
        message=_("Bara delar som är klara kan återsändas."),
        review_comment=comment.strip(),
        reviewed_at=timezone.now(),
    )


@transaction.atomic
def followup_part_accept(*, user: User, part: FollowUpPart) -> FollowUpPart:
    if not policy.may_review(user):
        raise PermissionDenied
    if not part.round.is_open:
        raise ValidationError(_("Uppföljningen är stängd."))
    status = FollowUpPart.Status
    return _transition(
        part,
        allowed_from={status.READY},
        to=status.ACCEPTED,
        message=_("Bara delar som är markerade klara kan godkännas."),
        reviewed_at=timezone.now(),
    )


@transaction.atomic
def followup_round_close(*, user: User, followup_round: FollowUpRound) -> FollowUpRound:
    if not policy.may_review(user):
        raise PermissionDenied
    waiting = followup_round.parts.exclude(status=FollowUpPart.Status.ACCEPTED).count()
    if waiting:
        raise ValidationError(
            _(
                "%(n)s förvaltningar är inte godkända ännu. Godkänn alla delar innan "
                "uppföljningen stängs."
            )
            % {"n": waiting}
        )
    return _transition(
        followup_round,
        allowed_from={FollowUpRound.Status.OPEN},
        to=FollowUpRound.Status.CLOSED,
        message=_("Uppföljningen är redan stängd."),
        closed_at=timezone.now(),
    )


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
        recipients = sorted(
            User.objects.filter(department_id=part.department_id, role=Role.CONTACT, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
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
                        recipients=", ".join(recipients),
                    )
            except IntegrityError:
                continue  # another beat run sent today's reminder already
            _send_reminder(part=part, recipients=recipients, today=today)
        sent += 1
    return sent


def _send_reminder(*, part: FollowUpPart, recipients: list[str], today: datetime.date) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        days_left = (part.round.deadline - today).days
        context = {
            "year": part.round.plan.year,
            "department": part.department.name,
            "deadline": part.round.deadline.isoformat(),
        }
        if days_left > 0:
            subject = _("Påminnelse: uppföljningen %(year)s ska vara klar %(deadline)s") % context
        else:
            subject = _("Påminnelse: i dag är sista dag för uppföljningen %(year)s") % context
        body = (
            _(
                "Hej!\n\n%(department)s har inte markerat sin del av uppföljningen av "
                "handlingsplanen %(year)s som klar. Sista dag är %(deadline)s.\n\n"
                "Rapportera utfall, status, trend och analys för varje mål och markera delen "
                "som klar i portalen.\n"
            )
            % context
        )
    send_mail(subject, body, None, recipients)


# --- Governing documents --------------------------------------------------------------------


def _default_revision_due(strategy: Strategy) -> None:
    if strategy.revision_due is None and strategy.adopted_on is not None:
        adopted = strategy.adopted_on
        try:
            strategy.revision_due = adopted.replace(year=adopted.year + REVISION_YEARS)
        except ValueError:  # 29 February
            strategy.revision_due = adopted.replace(year=adopted.year + REVISION_YEARS, day=28)


@transaction.atomic
def strategy_create(*, user: User, data: dict[str, Any]) -> Strategy:
    if not policy.may_manage_registry(user):
        raise PermissionDenied
    data = dict(data)
    data.pop("version", None)
    focus_areas = data.pop("focus_areas", [])
    working_methods = data.pop("working_methods", [])
    strategy = Strategy(**data)
    _default_revision_due(strategy)
    strategy.full_clean()
    strategy.save()
    strategy.focus_areas.set(focus_areas)
    strategy.working_methods.set(working_methods)
    return strategy


@transaction.atomic
def strategy_update(
    *, user: User, strategy: Strategy, data: dict[str, Any], version: int
) -> Strategy:
    if not policy.may_manage_registry(user):
        raise PermissionDenied
    data = dict(data)
    data.pop("version", None)
    focus_areas = data.pop("focus_areas", None)
    working_methods = data.pop("working_methods", None)
    _claim_version(strategy, version)
    for field, value in data.items():
        setattr(strategy, field, value)
    _default_revision_due(strategy)
    strategy.full_clean()
    strategy.save()
    if focus_areas is not None:
        strategy.focus_areas.set(focus_areas)
    if working_methods is not None:
        strategy.working_methods.set(working_methods)
    return strategy


# --- The annual report job ------------------------------------------------------------------


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
    running.update(
        state=AnnualReport.State.FAILED, failure_reason=reason, finished_at=timezone.now()
    )


def report_render(*, report_id: int, token: str = "") -> AnnualReport | None:
    """Claim, render and store one report. Returns None when the job was not ours to run."""
    from .report import render_report

    token = token or uuid.uuid4().hex
    if not report_claim(report_id=report_id, token=token):
        return None
    report = _report_number(report_id=report_id, token=token)
    if report is None:
        return None
    with translation.override(report.language or settings.LANGUAGE_CODE):
        pdf, pages = render_report(report=report)
    return _report_store(report_id=report_id, token=token, pdf=pdf, pages=pages)


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


def _report_store(*, report_id: int, token: str, pdf: bytes, pages: int) -> AnnualReport | None:
    """Save the file, then mark the numbered job done, if this claimant still holds it.

    The row only points at the file once it is completely written, so a half-written file
    is never offered for download; a render overtaken by a newer claim throws its file away,
    so a job never ends with two files or two versions.
    """
    report = AnnualReport.objects.get(pk=report_id)
    name = report.pdf.storage.save(report_upload_to(report, "report.pdf"), ContentFile(pdf))
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report_id)
        if (
            report.state != AnnualReport.State.RUNNING
            or report.claim_token != token
            or report.version is None
        ):
            report.pdf.storage.delete(name)
            return None
        report.pdf.name = name
        report.pages = pages
        report.state = AnnualReport.State.DONE
        report.finished_at = timezone.now()
        report.save()
        return report


def report_sweep() -> int:
    """Re-enqueue jobs the broker never received, and jobs whose worker died mid-render."""
    stale = timezone.now() - timedelta(minutes=2)
    reason = _gave_up_reason()
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
