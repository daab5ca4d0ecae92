"""Reads for plans, follow-up and reports, query-count safe."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intl_portal.organisation import policy
from projects.models import Activity, Project
from projects.selectors import CalendarItem, projects_of_year

from .models import (
    ActionPlan,
    DepartmentPlan,
    FollowUpPart,
    FollowUpRound,
    Goal,
    PlanVersion,
    Strategy,
    status_css,
)


def readable_plans(*, user: Any) -> QuerySet[ActionPlan]:
    """The plans a user may read: council members see adopted plans only."""
    plans = ActionPlan.objects.all()
    if policy.is_coordinator(user) or policy.is_contact(user):
        return plans
    return plans.filter(status=ActionPlan.Status.ADOPTED)


def plans_for(*, user: Any) -> QuerySet[ActionPlan]:
    """The plans a user may read, with their round and goal count, for the list of plans."""
    return (
        readable_plans(user=user)
        .select_related("followup_round")
        .annotate(goal_count=Count("goals", distinct=True))
    )


def plan_goals(*, plan: ActionPlan) -> QuerySet[Goal]:
    return (
        plan.goals.select_related("focus_area", "department", "outcome")
        .prefetch_related(
            Prefetch("projects", queryset=Project.objects.only("pk", "title")),
            Prefetch("activities", queryset=Activity.objects.only("pk", "title")),
        )
        .order_by("focus_area__name", "department__name", "pk")
    )


@dataclass(frozen=True)
class Area:
    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class GoalRow:
    """A goal as the plan page lists it. The page lists every goal of the plan, and reading
    them as plain values costs a fraction of building four model instances per goal."""

    pk: int
    plan: ActionPlan  # what the policy asks about, with department_id
    focus_area: Area
    department_id: int | None
    department: str  # empty for a municipal goal
    description: str
    indicator: str
    target: Decimal
    unit: str
    outcome_status: str | None  # None: not reported
    outcome_value: Decimal | None
    sdgs: tuple[int, ...] = ()  # the numbers of the global goals (Agenda 2030) it serves

    @property
    def outcome_css(self) -> str:
        return status_css(self.outcome_status or "")


def plan_goal_rows(*, plan: ActionPlan) -> list[GoalRow]:
    """The plan's goals with their outcomes, in the plan page's order, in two queries (the
    second: the global goals each serves)."""
    sdgs: dict[int, list[int]] = {}
    for goal_id, number in (
        Goal.sdgs.through.objects.filter(goal__plan=plan)
        .order_by("sustainabledevelopmentgoal__number")
        .values_list("goal_id", "sustainabledevelopmentgoal__number")
    ):
        sdgs.setdefault(goal_id, []).append(number)
    values = plan.goals.order_by("focus_area__name", "department__name", "pk").values(
        "pk",
        "department_id",
        "description",
        "indicator",
        "target",
        "unit",
        area_id=F("focus_area_id"),
        area_name=F("focus_area__name"),
        department_name=F("department__name"),
        outcome_status=F("outcome__status"),
        outcome_value=F("outcome__value"),
    )
    return [
        GoalRow(
            pk=row["pk"],
            plan=plan,
            focus_area=Area(row["area_id"], row["area_name"]),
            department_id=row["department_id"],
            department=row["department_name"] or "",
            description=row["description"],
            indicator=row["indicator"],
            target=row["target"],
            unit=row["unit"],
            outcome_status=row["outcome_status"],
            outcome_value=row["outcome_value"],
            sdgs=tuple(sdgs.get(row["pk"], ())),
        )
        for row in values
    ]


def goals_by_focus_area(goals: Iterable[Any]) -> list[tuple[Any, list[Any]]]:
    return [(area, list(items)) for area, items in groupby(goals, key=lambda g: g.focus_area)]


def department_plans(*, plan: ActionPlan, goals: Iterable[GoalRow]) -> list[DepartmentPlan]:
    """The plan's department plans, each with how many of the plan's `goals` it holds."""
    counts = Counter(goal.department_id for goal in goals)
    department_plans = list(plan.department_plans.select_related("department", "plan"))
    for department_plan in department_plans:
        department_plan.goal_count = counts[department_plan.department_id]  # type: ignore[attr-defined]
    return department_plans


def department_plan_goals(*, department_plan: DepartmentPlan) -> QuerySet[Goal]:
    return plan_goals(plan=department_plan.plan).filter(department=department_plan.department)


def plan_snapshot(*, plan: ActionPlan) -> dict[str, Any]:
    """The plan as adopted, in plain JSON: what a version shows and what compare reads."""
    goals = plan_goals(plan=plan)
    return {
        "year": plan.year,
        "title": str(plan),
        "strategy": str(plan.strategy) if plan.strategy_id else "",
        "department_plans": [
            {
                "department": dp.department.name,
                "activities": dp.activities,
                "budget": str(dp.budget) if dp.budget is not None else "",
            }
            for dp in plan.department_plans.select_related("department")
        ],
        "goals": [
            {
                "id": goal.pk,
                "focus_area": goal.focus_area.name,
                "department": goal.department.name if goal.department else "",
                "description": goal.description,
                "indicator": goal.indicator,
                "unit": goal.unit,
                "baseline": _num(goal.baseline),
                "target": _num(goal.target),
                "projects": sorted(p.title for p in goal.projects.all()),
            }
            for goal in goals
        ],
    }


def _num(value: Any) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


GOAL_FIELDS = [
    ("focus_area", _("Fokusområde")),
    ("department", _("Ansvarig förvaltning")),
    ("description", _("Mål")),
    ("indicator", _("Indikator")),
    ("unit", _("Enhet")),
    ("baseline", _("Utgångsvärde")),
    ("target", _("Målvärde")),
    ("projects", _("Kopplade projekt")),
]


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def versions_compare(*, old: PlanVersion, new: PlanVersion) -> dict[str, Any]:
    """What changed between two versions: plan fields, department plans and goal by goal."""
    a, b = old.snapshot, new.snapshot
    plan_changes = [
        (label, _show(a.get(key, "")), _show(b.get(key, "")))
        for key, label in [("title", _("Titel")), ("strategy", _("Styrdokument"))]
        if a.get(key, "") != b.get(key, "")
    ]
    for key, label in [
        ("decision_body", _("Beslutande organ")),
        ("decision_date", _("Beslutsdatum")),
        ("decision_paragraph", _("Paragraf")),
        ("decision_case_number", _("Diarienummer")),
    ]:
        if getattr(old, key) != getattr(new, key):
            plan_changes.append((label, str(getattr(old, key)), str(getattr(new, key))))
    old_dps = {d["department"]: d for d in a.get("department_plans", [])}
    new_dps = {d["department"]: d for d in b.get("department_plans", [])}
    department_changes = []
    for name in sorted(set(old_dps) | set(new_dps)):
        before, after = old_dps.get(name, {}), new_dps.get(name, {})
        for key, label in [("activities", _("Planerade aktiviteter")), ("budget", _("Budget"))]:
            if before.get(key, "") != after.get(key, ""):
                department_changes.append(
                    (name, label, before.get(key, "") or "–", after.get(key, "") or "–")
                )
    old_goals = {g["id"]: g for g in a.get("goals", [])}
    new_goals = {g["id"]: g for g in b.get("goals", [])}
    changed, added, removed = [], [], []
    for goal_id, goal in new_goals.items():
        if goal_id not in old_goals:
            added.append(goal)
            continue
        before = old_goals[goal_id]
        fields = [
            (label, _show(before.get(key, "")), _show(goal.get(key, "")))
            for key, label in GOAL_FIELDS
            if before.get(key, "") != goal.get(key, "")
        ]
        if fields:
            changed.append({"goal": goal, "fields": fields})
    removed = [goal for goal_id, goal in old_goals.items() if goal_id not in new_goals]
    return {
        "plan_changes": plan_changes,
        "department_changes": department_changes,
        "changed": changed,
        "added": added,
        "removed": removed,
        "unchanged_count": len(old_goals.keys() & new_goals.keys()) - len(changed),
    }


def followup_parts(*, followup_round: FollowUpRound) -> list[FollowUpPart]:
    """The progress board: every part with how many of its goals are reported.

    The counts come from one grouped query over the plan's goals (a subquery per part and
    count scanned the goals thirty times); no goals, or none reported, is None.
    """
    counts = {
        row["department_id"]: row
        for row in Goal.objects.filter(plan_id=followup_round.plan_id)
        .order_by()
        .values("department_id")
        .annotate(
            goal_count=Count("pk"), reported_count=Count("pk", filter=Q(outcome__isnull=False))
        )
    }
    parts = list(followup_round.parts.select_related("department", "round__plan"))
    for part in parts:
        row: Mapping[str, Any] = counts.get(part.department_id, {})
        part.goal_count = row.get("goal_count")  # type: ignore[attr-defined]
        part.reported_count = row.get("reported_count") or None  # type: ignore[attr-defined]
    return parts


def board_summary(parts: list[FollowUpPart]) -> list[tuple[str, str, int]]:
    counts: dict[tuple[str, str], int] = {}
    for part in parts:
        counts[part.board_state] = counts.get(part.board_state, 0) + 1
    return [(status_css(key), label, n) for (key, label), n in sorted(counts.items())]


def part_goals(*, part: FollowUpPart) -> QuerySet[Goal]:
    return plan_goals(plan=part.round.plan).filter(department_id=part.department_id)


def traceability(*, plan: ActionPlan) -> dict[str, Any]:
    """Goals with no linked project or activity, and the year's projects linked to no goal."""
    goals = (
        plan.goals.filter(projects__isnull=True, activities__isnull=True)
        .select_related("focus_area", "department")
        .order_by("department__name", "pk")
    )
    projects = projects_of_year(plan.year).exclude(goals__plan=plan).distinct()
    return {"goals_without_projects": list(goals), "projects_without_goals": list(projects)}


def strategies() -> QuerySet[Strategy]:
    return Strategy.objects.prefetch_related("focus_areas", "working_methods").order_by(
        "-adopted_on", "title"
    )


def plan_figures() -> dict[str, Any]:
    """The dashboard's plan block: the current plan (the latest adopted one, so the dashboard
    moves on to 2027 when the 2027 plan is adopted), the plan in preparation after it, and
    every open follow-up round with its summary."""
    plans = ActionPlan.objects.annotate(
        goal_count=Count("goals"),
        reported_count=Count("goals", filter=Q(goals__outcome__isnull=False)),
    ).order_by("-year")
    current = plans.filter(status=ActionPlan.Status.ADOPTED).first() or plans.first()
    upcoming = (
        plans.filter(year__gt=current.year).exclude(status=ActionPlan.Status.ADOPTED).last()
        if current
        else None
    )
    rounds = list(
        FollowUpRound.objects.filter(status=FollowUpRound.Status.OPEN)
        .select_related("plan")
        .order_by("plan__year")
    )
    open_rounds = [
        {"round": r, "summary": board_summary(followup_parts(followup_round=r))} for r in rounds
    ]
    return {
        "latest_plan": current,
        "upcoming_plan": upcoming,
        "open_rounds": open_rounds,
    }


def current_plan_goals(*, year: int) -> QuerySet[Goal]:
    """The goals of the plan of `year`, or of the latest earlier plan when there is none."""
    plan = ActionPlan.objects.filter(year__lte=year).order_by("-year").first()
    if plan is None:
        return Goal.objects.none()
    return plan.goals.select_related("focus_area", "department").order_by("pk")


def plan_date_items(*, user: Any, first: datetime.date, last: datetime.date) -> list[CalendarItem]:
    """Calendar source (settings.CALENDAR_SOURCES): follow-up deadlines of the plans the user
    may read, and the dates by which strategies are due for revision."""
    items = []
    rounds = FollowUpRound.objects.filter(deadline__range=(first, last)).select_related("plan")
    for followup_round in rounds:
        # The board, where the item leads, is open to council members once the round closed.
        if not policy.may_view_round(user, followup_round):
            continue
        items.append(
            CalendarItem(
                date=followup_round.deadline,
                title=str(_("Uppföljning av handlingsplanen %(year)s"))
                % {"year": followup_round.plan.year},
                kind=str(_("Sista dag för uppföljning")),
                department="",
                url=reverse("actionplans:board", args=[followup_round.plan.year]),
                uid=f"followup-{followup_round.pk}",
                description="",
            )
        )
    if policy.may_view_internal(user):
        for strategy in Strategy.objects.filter(revision_due__range=(first, last)):
            items.append(
                CalendarItem(
                    date=strategy.revision_due,  # type: ignore[arg-type]  # in the range: not None
                    title=strategy.title,
                    kind=str(_("Strategin ska revideras")),
                    department="",
                    url=reverse("actionplans:strategy", args=[strategy.pk]),
                    uid=f"strategy-{strategy.pk}-revision",
                    description="",
                )
            )
    return items
