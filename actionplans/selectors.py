"""Reads for plans, follow-up and reports, query-count safe."""

from __future__ import annotations

import datetime
from itertools import groupby
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from intl_portal.organisation.models import Municipality
from partners.models import NetworkMembership, Partnership
from projects.models import Project

from .models import ActionPlan, AnnualReport, Goal


def plan_goals(*, plan: ActionPlan) -> QuerySet[Goal]:
    return (
        plan.goals.select_related("focus_area", "department", "outcome")
        .prefetch_related(Prefetch("projects", queryset=Project.objects.only("pk", "title")))
        .order_by("focus_area__name", "department__name", "pk")
    )


def goals_by_focus_area(goals: QuerySet[Goal]) -> list[tuple[Any, list[Goal]]]:
    return [(area, list(items)) for area, items in groupby(goals, key=lambda g: g.focus_area)]


def plan_figures() -> dict[str, Any]:
    latest = ActionPlan.objects.annotate(
        goal_count=Count("goals"),
        reported_count=Count("goals", filter=Q(goals__outcome__isnull=False)),
    ).first()
    return {"latest_plan": latest}


def published_reports() -> QuerySet[AnnualReport]:
    return (
        AnnualReport.objects.filter(state=AnnualReport.State.DONE, published_at__isnull=False)
        .exclude(pdf="")
        .order_by("-year", "-version")
    )


def projects_of_year(year: int) -> QuerySet[Project]:
    """Approved projects running at some point during the year."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        Project.objects.filter(status=Project.Status.APPROVED)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=last))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .select_related("department", "programme")
        .prefetch_related("partners")
        .order_by("department__name", "title")
    )


def report_data(*, year: int) -> dict[str, Any]:
    """Everything the annual report shows for one year."""
    plan = ActionPlan.objects.filter(year=year).first()
    goals = list(plan_goals(plan=plan)) if plan else []
    projects = list(projects_of_year(year))
    return {
        "year": year,
        "municipality": Municipality.current(),
        "plan": plan,
        "goal_groups": goals_by_focus_area(goals),  # type: ignore[arg-type]
        "goal_count": len(goals),
        "reported_count": sum(1 for g in goals if hasattr(g, "outcome")),
        "projects": projects,
        "partnerships": list(
            Partnership.objects.exclude(status=Partnership.Status.ENDED)
            .select_related("partner", "department")
            .order_by("kind", "partner__name")
        ),
        "memberships": list(
            NetworkMembership.objects.filter(is_active=True).order_by("scope", "name")
        ),
    }
