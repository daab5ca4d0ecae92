"""The figures of the report's chapters that are each one data function and one template.

Each function takes the year and returns the chapter's context (under the chapter's key) and,
under "word", the same content as plain blocks for the Word copy: ("text", str),
("table", caption, header, rows, numeric columns) and ("chart", chart). See sections.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from intl_portal.lib.charts import Bar, bar_chart
from intl_portal.lib.formats import number
from intl_portal.organisation.models import SustainableDevelopmentGoal
from partners import selectors as partner_selectors
from partners.map import partner_map
from projects import selectors as project_selectors
from projects.models import Project
from projects.travel import travel_figures

from ..models import ActionPlan
from ..selectors import plan_goals

# The projects the report counts as the year's (its "Årets projekt" chapter): granted, ongoing
# or completed during the year.
FUNDED_PHASES = (Project.Phase.GRANTED, Project.Phase.ONGOING, Project.Phase.COMPLETED)
SDG_COLOUR = "#1f5f8b"


@dataclass(frozen=True)
class SdgRow:
    sdg: SustainableDevelopmentGoal
    projects: int
    goals: int


@dataclass(frozen=True)
class DepartmentRow:
    name: str
    co2e: str  # "12,5 kg CO₂e", or "uppgift saknas" when no trip of it has a known emission
    trips: int
    unknown: int


def missing() -> str:
    return _("uppgift saknas")


def chart(chart_id: str, title: str, bars: list[Bar], unit: str) -> dict[str, Any]:
    """A bar chart with the text that holds every value (under the chart and as its /Alt)."""
    suffix = f" {unit}" if unit else ""
    values = "; ".join(f"{bar.label}: {number(bar.value)}{suffix}" for bar in bars)
    values = f"{values}." if values else ""
    return {
        "id": chart_id,
        "title": title,
        "svg": bar_chart(chart_id=chart_id, title=title, bars=bars, unit=unit) if bars else "",
        "bars": bars,
        "unit": unit,
        "formatter": None,
        "values_text": values,
        "alt": f"{title}. " + (values or _("Inga uppgifter för året.")),
    }


def agenda2030(*, year: int) -> dict[str, Any]:
    """Projects of the year and goals of the year's plan per global goal (Agenda 2030)."""
    projects = list(
        project_selectors.projects_of_year(year)
        .filter(phase__in=FUNDED_PHASES)
        .prefetch_related("sdgs")
    )
    project_counts = Counter(goal.number for project in projects for goal in project.sdgs.all())
    plan = ActionPlan.objects.filter(year=year).first()
    goals = list(plan_goals(plan=plan).prefetch_related("sdgs")) if plan else []
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
    untagged = sum(1 for project in projects if not project.sdgs.all())
    intro = _(
        "Antal av årets projekt och av handlingsplanens mål som bidrar till vart och ett av "
        "FN:s globala mål för hållbar utveckling. Ett projekt eller mål kan bidra till flera."
    )
    word: list[tuple[Any, ...]] = [("text", intro)]
    word += [("chart", c) for c in charts]
    word.append(
        (
            "table",
            _("Bidrag per globalt mål"),
            [_("Globalt mål"), _("Projekt"), _("Mål")],
            [[str(r.sdg), number(r.projects), number(r.goals)] for r in rows],
            (1, 2),
        )
    )
    return {
        "rows": rows,
        "charts": charts,
        "intro": intro,
        "untagged": untagged,
        "project_count": len(projects),
        "goal_count": len(goals),
        "word": word,
    }


def partner_cities(*, year: int) -> dict[str, Any]:
    """The map of the partner cities of the report's year, with its text alternative."""
    places = partner_map(partner_selectors.map_places(public=False, year=year))
    word: list[tuple[Any, ...]] = [("text", places.description if places.has_places else "")]
    if places.has_places:
        word.append(
            (
                "table",
                _("Orterna på kartan, per land"),
                [_("Land"), _("Orter")],
                [[country, ", ".join(names)] for country, names in places.by_country],
                (),
            )
        )
    else:
        word = [("text", _("Inga partnerorter med koordinater."))]
    return {"map": places, "word": word}


def travel_climate(*, year: int) -> dict[str, Any]:
    """The year's travel: CO₂e of the trips whose emissions are known, the share of activities
    met digitally, and both per department; what is not known is said, never shown as 0."""
    figures = travel_figures(year=year)

    def kg(value: Decimal, known: int) -> str:
        return f"{number(value, decimals=1)} kg CO₂e" if known else missing()

    total = kg(figures.kg, figures.known)
    share = f"{figures.digital_share} %" if figures.digital_share is not None else missing()
    departments = [
        DepartmentRow(d.name, kg(d.kg, d.trips), d.trips, d.unknown) for d in figures.departments
    ]
    rows = [
        (_("Utsläpp från årets resor"), total),
        (_("Andel aktiviteter som hölls digitalt"), share),
        (_("Resor med känt utsläpp"), number(figures.known)),
        (_("Resor där uppgift saknas"), number(figures.unknown)),
    ]
    word: list[tuple[Any, ...]] = [
        ("table", _("Året i siffror"), [_("Uppgift"), _("Värde")], [list(r) for r in rows], (1,)),
        (
            "table",
            _("Per förvaltning"),
            [_("Förvaltning"), _("Utsläpp"), _("Resor med känt utsläpp"), _("Uppgift saknas")],
            [[d.name, d.co2e, number(d.trips), number(d.unknown)] for d in departments],
            (1, 2, 3),
        ),
    ]
    return {
        "figures": figures,
        "rows": rows,
        "departments": departments,
        "has_data": figures.has_data,
        "word": word if figures.has_data else [("text", _("Inga resor registrerade för året."))],
    }
