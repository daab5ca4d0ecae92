"""Writes for the action plan: plans, goals, department plans and the plan's workflow."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from intl_portal.lib import concurrency
from intl_portal.lib.concurrency import Opened
from intl_portal.organisation import notices, policy
from intl_portal.organisation.models import Department, User
from intl_portal.organisation.transitions import step_take

from ..models import (
    ActionPlan,
    DepartmentPlan,
    Goal,
    GoalOutcome,
    PlanVersion,
    Strategy,
)
from ..selectors import plan_snapshot
from .common import transition


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
    sdgs = data.pop("sdgs", [])
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
    goal.sdgs.set(sdgs)
    return goal


@transaction.atomic
def goal_update(
    *, user: User, goal: Goal, data: dict[str, Any], opened: Opened | None = None
) -> Goal:
    """Change a goal (its projects, activities and SDGs) through the concurrency mechanism."""
    department_plan = (
        DepartmentPlan.objects.filter(plan=goal.plan, department=goal.department).first()
        if goal.department_id
        else None
    )
    if not policy.may_edit_goal(user, goal, department_plan):
        if goal.plan.status == ActionPlan.Status.ADOPTED:
            raise _locked_error()
        raise PermissionDenied
    data = {k: v for k, v in data.items() if k not in {"version", "opened"}}
    if not policy.is_coordinator(user):
        data.pop("department", None)

    def apply(current: Goal, changes: dict[str, Any]) -> Goal:
        department = changes.get("department", current.department)
        if department is not None:
            department_plan_for(plan=current.plan, department=department)
        return concurrency.apply_fields(current, changes, m2m=("projects", "activities", "sdgs"))

    return concurrency.update(goal, data=data, opened=opened, apply=apply)


# --- Department plans -----------------------------------------------------------------------


@transaction.atomic
def department_plan_update(
    *,
    user: User,
    department_plan: DepartmentPlan,
    activities: str,
    budget: Decimal | None,
    opened: Opened | None = None,
) -> DepartmentPlan:
    """Change a department's part of the plan through the concurrency mechanism."""
    if not policy.may_edit_department_plan(user, department_plan):
        raise PermissionDenied
    return concurrency.update(
        department_plan,
        data={"activities": activities, "budget": budget},
        opened=opened,
        apply=concurrency.apply_fields,
    )


def _has_goals(department_plan: DepartmentPlan) -> None:
    if not department_plan.plan.goals.filter(department=department_plan.department).exists():
        raise ValidationError(_("Lägg till minst ett mål innan planen skickas in."))


@transaction.atomic
def department_plan_submit(*, user: User, department_plan: DepartmentPlan) -> DepartmentPlan:
    """The department sends its plan to the coordinator."""
    return step_take(entry=department_plan, name="submit", user=user, check=_has_goals)


@transaction.atomic
def department_plan_return(
    *, user: User, department_plan: DepartmentPlan, comment: str
) -> DepartmentPlan:
    """Send a sent-in or accepted department plan back with a comment."""
    return step_take(entry=department_plan, name="return", user=user, comment=comment)


@transaction.atomic
def department_plan_accept(*, user: User, department_plan: DepartmentPlan) -> DepartmentPlan:
    """Accept a sent-in department plan into the municipal plan."""
    return step_take(entry=department_plan, name="approve", user=user)


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
    proposed = transition(
        plan,
        allowed_from={ActionPlan.Status.DRAFT},
        to=ActionPlan.Status.PROPOSED,
        message=_("Bara en plan som är utkast kan föreslås."),
    )
    _tell_about_plan(proposed, kind="plan_proposed", actor=user)
    return proposed


def _tell_about_plan(plan: ActionPlan, *, kind: str, actor: User) -> None:
    """Coordinators and every department with goals in the plan; council members too
    once it is adopted."""
    path = reverse("actionplans:detail", args=[plan.year])
    params = {"title": str(plan), "year": plan.year}
    notices.tell_coordinators(kind=kind, path=path, params=params, actor=actor)
    departments = Department.objects.filter(goals__plan=plan).distinct().order_by("pk")
    for department in departments:
        notices.tell_department(
            kind=kind,
            department_id=department.pk,
            path=path,
            params={**params, "department": department.name},
            actor=actor,
        )
    if kind == "plan_adopted":
        notices.tell_council(kind=kind, path=path, params=params, actor=actor)


@transaction.atomic
def plan_return_to_draft(*, user: User, plan: ActionPlan) -> ActionPlan:
    if not policy.may_review(user):
        raise PermissionDenied
    return transition(
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
    adopted = transition(
        plan,
        allowed_from={ActionPlan.Status.PROPOSED},
        to=ActionPlan.Status.ADOPTED,
        message=_("Bara en föreslagen plan kan fastställas."),
        revision_reason="",
        **decision,
    )
    version = PlanVersion.objects.create(
        plan=adopted,
        number=previous + 1,
        reason=reason,
        snapshot=plan_snapshot(plan=adopted),
        created_by=user,
        **decision,
    )
    _tell_about_plan(adopted, kind="plan_adopted", actor=user)
    return version


@transaction.atomic
def plan_revise(*, user: User, plan: ActionPlan, reason: str) -> ActionPlan:
    """Open an adopted plan for a change; the change becomes the next version when adopted."""
    if not policy.may_review(user):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Skriv varför planen ändras."))
    return transition(
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
        .prefetch_related("projects", "activities", "sdgs")
    )
    for goal in goals:
        copy = Goal.objects.create(
            plan=new_plan,
            carried_from=goal,
            **{field: getattr(goal, field) for field in GOAL_COPY_FIELDS},
        )
        copy.projects.set(goal.projects.all())
        copy.activities.set(goal.activities.all())
        copy.sdgs.set(goal.sdgs.all())
        if goal.department is not None:
            department_plan_for(plan=new_plan, department=goal.department)
    return new_plan
