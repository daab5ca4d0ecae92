"""Follow-up of the action plan: the plan's goals by focus area and department, with each
goal's outcome, status and trend."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.utils.translation import gettext as _

from actionplans.models import GoalOutcome
from intl_portal.lib.formats import number

from ..blocks import Block, Heading, Table, Text
from ..year import ReportYear, unreported
from .common import missing

STATUS_ORDER = [*GoalOutcome.Status.values, ""]
# Each status has its own colour and word (colour is never the only carrier).
STATUS_COLOURS = {
    "achieved": "#1e6b3a",
    "partly": "#9a6a00",
    "not_achieved": "#a4262c",
    "not_started": "#5a6470",
    "not_measured": "#7a5a99",
    "": "#1f5f8b",
}


def plan(year: ReportYear) -> dict[str, Any]:
    goals = year.goals
    return {
        "year": year.year,
        "plan": year.plan,
        "plan_decision_label": year.plan_decision_label,
        "goal_groups": _goal_groups(goals),
        "unreported": unreported(year.plan),
        "goal_count": len(goals),
        "reported_count": sum(1 for g in goals if hasattr(g, "outcome")),
        "status_legend": status_legend(),
    }


def focus_areas(chapter: dict[str, Any]) -> list[tuple[str, Any]]:
    """The plan's focus areas, listed under the chapter in the PDF's contents."""
    return [(f"area-{n}", group["area"]) for n, group in enumerate(chapter["goal_groups"], 1)]


def status_legend() -> list[dict[str, str]]:
    """Every goal status with its own word and colour, "Ej rapporterat" included."""
    labels = {key: str(label) for key, label in GoalOutcome.Status.choices}
    labels[""] = str(_("Ej rapporterat"))
    return [
        {"key": key or "none", "label": labels[key], "colour": STATUS_COLOURS[key]}
        for key in STATUS_ORDER
    ]


def _goal_groups(goals: list[Any]) -> list[dict[str, Any]]:
    """Focus area → department → goals, in the plan's order."""
    groups = []
    for area, area_goals in groupby(goals, key=lambda g: g.focus_area):
        departments = [
            {"department": dept, "goals": list(items)}
            for dept, items in groupby(list(area_goals), key=lambda g: g.department)
        ]
        groups.append({"area": area, "departments": departments})
    return groups


def plan_word(chapter: dict[str, Any]) -> list[Block]:
    plan = chapter["plan"]
    if not plan:
        none = _("Ingen handlingsplan är upprättad för %(year)s.") % {"year": chapter["year"]}
        return [Text(none)]
    blocks: list[Block] = [
        Text(
            _("%(plan)s: %(goals)s mål, varav %(reported)s uppföljda.")
            % {
                "plan": plan,
                "goals": number(chapter["goal_count"]),
                "reported": number(chapter["reported_count"]),
            }
        )
    ]
    legend = ", ".join(item["label"] for item in chapter["status_legend"])
    blocks.append(
        Text(
            _("Status anges i ord och färg:")
            + f" {legend}. "
            + _(
                "Trend: ↑ bättre, → oförändrad, ↓ sämre än föregående år; (beräknad) när "
                "förvaltningen inte angett trend och den räknats fram ur föregående års utfall "
                "för samma mål."
            )
        )
    )
    header = [_("Mål och analys"), _("Indikator"), _("Målvärde"), _("Utfall"), _("Status"),
              _("Trend")]  # fmt: skip
    for group in chapter["goal_groups"]:
        blocks.append(Heading(str(group["area"])))
        for dept in group["departments"]:
            rows = [
                [
                    _goal_text(goal),
                    str(goal.indicator),
                    _with_unit(number(goal.target, decimals=2), goal.unit),
                    _outcome_text(goal),
                    str(goal.status_word),
                    str(getattr(goal, "trend_word", "") or "–"),
                ]
                for goal in dept["goals"]
            ]
            caption = str(dept["department"] or _("Kommungemensamma mål"))
            blocks.append(Table(caption, header, rows, numeric=[2, 3]))
    return blocks


def _with_unit(text: str, unit: str) -> str:
    return f"{text} {unit}" if unit and text != "–" else text


def _goal_text(goal: Any) -> str:
    comment = goal.outcome.comment if hasattr(goal, "outcome") else ""
    return f"{goal.description}\n{comment}" if comment else str(goal.description)


def _outcome_text(goal: Any) -> str:
    outcome = goal.outcome if hasattr(goal, "outcome") else None
    if outcome is None or outcome.value is None:
        return missing()
    return _with_unit(number(outcome.value, decimals=2), goal.unit)
