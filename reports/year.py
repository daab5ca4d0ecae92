"""The year an annual report is about, read once: its plan and goals, projects, activities,
partnerships, memberships and agreements. Every chapter's data function takes this one object.

The query count does not grow with the number of projects, goals or activities: everything is
fetched with select_related/prefetch_related and summed in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.models import ActionPlan, FollowUpPart, Goal, GoalOutcome
from actionplans.selectors import plan_goals
from intl_portal.organisation.models import Municipality
from partners import selectors as partner_selectors
from partners.models import NetworkMembership, Partnership
from projects import selectors as project_selectors
from projects.models import Activity, Project

# Projects of the year: granted, ongoing or completed during it. Applications and rejected or
# withdrawn projects are listed apart and never counted as grants; ideas are not in the report.
FUNDED_PHASES = {Project.Phase.GRANTED, Project.Phase.ONGOING, Project.Phase.COMPLETED}
NOT_GRANTED_PHASES = {Project.Phase.REJECTED, Project.Phase.CANCELLED}
TREND_SIGNS = {"better": "↑", "same": "→", "worse": "↓"}
ABBREVIATIONS = {"KF": gettext_lazy("kommunfullmäktige"), "KS": gettext_lazy("kommunstyrelsen")}


@dataclass(frozen=True)
class ReportYear:
    """What the report knows of its year; each chapter picks its figures from it."""

    year: int
    municipality: Municipality
    plan: ActionPlan | None
    goals: list[Goal]  # the plan's, in its order, each with its status word and trend
    everything: list[Project]  # approved projects of the year in every phase, in kronor
    activities: list[Activity]  # approved activities starting in the year
    partnerships: list[Partnership]
    memberships: list[NetworkMembership]
    agreements: list[Partnership]  # each with its `decision_label`
    plan_decision_label: str
    # The web preview for a reader who may not see the plan: no goal of it anywhere.
    plan_hidden: bool = False

    @property
    def projects(self) -> list[Project]:
        """The year's projects: granted, ongoing or completed."""
        return [p for p in self.everything if p.phase in FUNDED_PHASES]

    @property
    def applications(self) -> list[Project]:
        return [p for p in self.everything if p.phase == Project.Phase.APPLICATION]

    @property
    def not_granted(self) -> list[Project]:
        return [p for p in self.everything if p.phase in NOT_GRANTED_PHASES]

    def without_plan(self) -> ReportYear:
        """The same year with the plan and its goals left out."""
        return replace(self, plan=None, goals=[], plan_hidden=True)


def natural_key(text: Any) -> tuple[Any, ...]:
    """Sort key that reads numbers as numbers: "Förvaltning 9" before "Förvaltning 10"."""
    parts = re.split(r"(\d+)", str(text or "").casefold())
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts)


def report_year(*, year: int) -> ReportYear:
    """Read the year once, for every chapter of its report."""
    plan = ActionPlan.objects.filter(year=year).select_related("strategy", "followup_round").first()
    goals = (
        list(plan_goals(plan=plan).select_related("carried_from__outcome").prefetch_related("sdgs"))
        if plan
        else []
    )
    goals.sort(key=lambda g: (natural_key(g.focus_area), natural_key(g.department), g.pk))
    _annotate_goals(goals, year)
    everything = sorted(
        _projects(year), key=lambda p: (natural_key(p.department), natural_key(p.title))
    )
    partnerships = partner_selectors.report_partnerships(year=year)
    memberships = partner_selectors.report_memberships(year=year)
    # Natural order within each kind and scope: "Förvaltning 9" before "Förvaltning 10".
    partnerships.sort(key=lambda p: (p.kind, natural_key(p.partner.name), p.pk))
    memberships.sort(key=lambda m: (m.scope, natural_key(m.name), m.pk))
    agreements = partner_selectors.agreements(year=year)
    agreements.sort(key=lambda p: (natural_key(p.partner.name), p.pk))
    return ReportYear(
        year=year,
        municipality=Municipality.current(),
        plan=plan,
        goals=goals,
        everything=everything,
        activities=project_selectors.activities_of_year(year),
        partnerships=partnerships,
        memberships=memberships,
        agreements=agreements,
        plan_decision_label=_written_out_first(plan, agreements),
    )


def _projects(year: int) -> list[Project]:
    rates = project_selectors.sek_rates()
    projects = list(
        project_selectors.projects_of_year(year).prefetch_related(
            "indicators", "partners", "networks", "sdgs"
        )
    )
    for project in projects:
        # The one conversion, at the project's start year's rate, as in the project bank.
        start = project.start_date.year if project.start_date else None
        for name, amount in (
            ("grant", project.grant_amount),
            ("own", project.own_contribution),
            ("in_kind", project.own_contribution_in_kind),
            ("budget", project.budget_total),
        ):
            sek = rates.convert(amount, project.currency, start)
            setattr(project, f"{name}_sek_amount", sek)
            setattr(project, f"{name}_sek", sek.value)
        own = [v for v in (project.own_sek, project.in_kind_sek) if v is not None]  # type: ignore[attr-defined]
        project.own_total_sek = sum(own, Decimal(0)) if own else None  # type: ignore[attr-defined]
        # CountryField gives a Country (an untyped library): its name is read as Any.
        names = {str(getattr(p.country, "name", "")) for p in project.partners.all() if p.country}
        project.countries = sorted(names)  # type: ignore[attr-defined]
    return projects


def _written_out_first(plan: Any, agreements: list[Any]) -> str:
    """Decision bodies written out the first time ("kommunstyrelsen (KS)"), then abbreviated.

    The plan's decision comes first in the report, then the agreements appendix; returns the
    plan's label and sets each agreement's `decision_label`.
    """
    seen: set[str] = set()

    def label(body: str, display: str) -> str:
        if body in ABBREVIATIONS and body not in seen:
            seen.add(body)
            return f"{ABBREVIATIONS[body]} ({body})"
        return body if body in ABBREVIATIONS else display

    plan_label = label(plan.decision_body, plan.decision_body) if plan else ""
    for agreement in agreements:
        body = agreement.decision_body
        agreement.decision_label = (
            label(body, str(agreement.get_decision_body_display())) if body else ""
        )
    return plan_label


def _direction(goal: Any) -> int:
    """+1 when a higher value is better (target at or above the baseline), else -1."""
    if goal.baseline is not None and goal.target is not None and goal.target < goal.baseline:
        return -1
    return 1


def _previous_outcomes(year: int) -> dict[tuple[Any, ...], Any]:
    """Last year's outcomes by (department, focus area, indicator), for goals not carried."""
    previous = GoalOutcome.objects.filter(goal__plan__year=year - 1).select_related("goal")
    return {
        (o.goal.department_id, o.goal.focus_area_id, o.goal.indicator.strip().lower()): o
        for o in previous
    }


def _annotate_goals(goals: list[Any], year: int) -> None:
    """Each goal's status word and its trend: the department's, or computed from last year.

    A computed trend compares this year's outcome with the previous year's outcome of the
    same goal (the goal it was carried from, else the same department, area and indicator)
    and is marked as computed.
    """
    labels = {key: str(label) for key, label in GoalOutcome.Status.choices}
    trend_labels = {key: str(label) for key, label in GoalOutcome.Trend.choices}
    by_key: dict[tuple[Any, ...], Any] | None = None
    for goal in goals:
        outcome = goal.outcome if hasattr(goal, "outcome") else None
        goal.status_key = outcome.status if outcome else "none"
        goal.status_word = labels[outcome.status] if outcome else str(_("Ej rapporterat"))
        goal.trend = None
        if outcome is None:
            continue
        if outcome.trend:
            goal.trend = {"key": outcome.trend, "computed": False}
        elif outcome.value is not None:
            before = None
            carried = goal.carried_from
            if carried is not None and hasattr(carried, "outcome"):
                before = carried.outcome
            else:
                if by_key is None:
                    by_key = _previous_outcomes(year)
                key = (goal.department_id, goal.focus_area_id, goal.indicator.strip().lower())
                before = by_key.get(key)
            if before is not None and before.value is not None:
                change = (outcome.value - before.value) * _direction(goal)
                trend = "better" if change > 0 else "worse" if change < 0 else "same"
                goal.trend = {"key": trend, "computed": True}
        if goal.trend:
            goal.trend["sign"] = TREND_SIGNS[goal.trend["key"]]
            goal.trend["label"] = trend_labels[goal.trend["key"]]
            word = f"{goal.trend['sign']} {goal.trend['label']}"
            computed = _("beräknad")
            goal.trend_word = f"{word} ({computed})" if goal.trend["computed"] else word


def unreported(plan: ActionPlan | None) -> list[FollowUpPart]:
    """The departments whose part the coordinator closed as "ej rapporterat", with the reason."""
    if plan is None:
        return []
    parts = FollowUpPart.objects.filter(
        round__plan=plan, status=FollowUpPart.Status.NOT_REPORTED
    ).select_related("department")
    return sorted(parts, key=lambda part: natural_key(part.department))
