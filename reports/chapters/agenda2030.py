"""The year's contribution to Agenda 2030: projects and plan goals per global goal."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from intl_portal.lib.charts import Bar
from intl_portal.lib.formats import number
from intl_portal.organisation.models import SustainableDevelopmentGoal

from ..blocks import Block, Figure, Table, Text
from ..year import ReportYear
from .common import chart

SDG_COLOUR = "#1f5f8b"


@dataclass(frozen=True)
class SdgRow:
    sdg: SustainableDevelopmentGoal
    projects: int
    goals: int


def agenda2030(year: ReportYear) -> dict[str, Any]:
    """Projects of the year and goals of the year's plan per global goal (Agenda 2030)."""
    projects, goals = year.projects, year.goals
    project_counts = Counter(goal.number for project in projects for goal in project.sdgs.all())
    goal_counts = Counter(sdg.number for goal in goals for sdg in goal.sdgs.all())
    rows = [
        SdgRow(sdg, project_counts[sdg.number], goal_counts[sdg.number])
        for sdg in SustainableDevelopmentGoal.objects.all()
        if project_counts[sdg.number] or goal_counts[sdg.number]
    ]
    charts = [
        chart(
            "chart-sdg-projects",
            _("Projekt per globalt mål"),
            [Bar(str(r.sdg), r.projects, SDG_COLOUR) for r in rows if r.projects],
            _("projekt"),
        ),
        chart(
            "chart-sdg-goals",
            _("Mål i handlingsplanen per globalt mål"),
            [Bar(str(r.sdg), r.goals, SDG_COLOUR) for r in rows if r.goals],
            _("mål"),
        ),
    ]
    return {
        "rows": rows,
        "charts": charts,
        "intro": _(
            "Antal av årets projekt och av handlingsplanens mål som bidrar till vart och ett av "
            "FN:s globala mål för hållbar utveckling. Ett projekt eller mål kan bidra till flera."
        ),
        "untagged": sum(1 for project in projects if not project.sdgs.all()),
        "project_count": len(projects),
        "goal_count": len(goals),
    }


def agenda2030_word(chapter: dict[str, Any]) -> list[Block]:
    rows = [[str(r.sdg), number(r.projects), number(r.goals)] for r in chapter["rows"]]
    return [
        Text(chapter["intro"]),
        *(Figure(c) for c in chapter["charts"]),
        Table(_("Bidrag per globalt mål"), [_("Globalt mål"), _("Projekt"), _("Mål")], rows,
              numeric=(1, 2)),
    ]  # fmt: skip
