"""What the annual report shows for one year: one set of queries for the PDF and the web page.

The query count does not grow with the number of projects, goals or activities: everything is
fetched with select_related/prefetch_related and summed in Python.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from decimal import Decimal
from itertools import groupby
from typing import Any

from django.db.models import Prefetch, Q
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from intl_portal.lib.charts import Bar, bar_chart
from intl_portal.lib.formats import money, number
from intl_portal.lib.text import markdown_to_safe_html
from intl_portal.organisation.models import Municipality
from partners import selectors as partner_selectors
from partners.models import (
    BenefitAnalysis,
    NetworkMembership,
    Partnership,
    PartnershipEvaluation,
    TwinTownMeeting,
)
from projects.models import Activity, ExchangeRate, Project

from ..models import ActionPlan, GoalOutcome
from ..selectors import plan_goals, projects_of_year

FUNDED_PHASES = {Project.Phase.GRANTED, Project.Phase.ONGOING, Project.Phase.COMPLETED}
STATUS_ORDER = [*GoalOutcome.Status.values, ""]
STATUS_COLOURS = {
    "achieved": "#1e6b3a",
    "partly": "#9a6a00",
    "not_achieved": "#a4262c",
    "not_started": "#5a6470",
    "not_measured": "#7a5a99",
    "": "#9aa3ad",
}
TREND_SIGNS = {"better": "↑", "same": "→", "worse": "↓"}


def _sek_rates(year: int) -> dict[str, Decimal]:
    """SEK per unit for each currency: the report year's rate, else the latest before it."""
    rates: dict[str, Decimal] = {"SEK": Decimal(1)}
    for rate in ExchangeRate.objects.filter(year__lte=year).order_by("year"):
        rates[rate.currency] = rate.sek_per_unit
    if len(rates) == 1:  # no rate up to the year: take the earliest one there is
        for rate in ExchangeRate.objects.order_by("-year"):
            rates.setdefault(rate.currency, rate.sek_per_unit)
    return rates


def _sek(value: Decimal | None, rate: Decimal | None) -> Decimal | None:
    if value is None or rate is None:
        return None
    return value * rate


def _projects(year: int) -> list[Project]:
    rates = _sek_rates(year)
    projects = list(projects_of_year(year).prefetch_related("indicators", "partners", "networks"))
    for project in projects:
        rate = rates.get(project.currency)
        project.grant_sek = _sek(project.grant_amount, rate)  # type: ignore[attr-defined]
        project.own_sek = _sek(project.own_contribution, rate)  # type: ignore[attr-defined]
        project.in_kind_sek = _sek(project.own_contribution_in_kind, rate)  # type: ignore[attr-defined]
        project.budget_sek = _sek(project.budget_total, rate)  # type: ignore[attr-defined]
        project.countries = sorted(  # type: ignore[attr-defined]
            {str(partner.country.name) for partner in project.partners.all() if partner.country}
        )
    return projects


def _sum(values: Any) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def _figures(
    year: int,
    projects: list[Project],
    partnerships: list[Partnership],
    memberships: list[NetworkMembership],
    activities: list[Activity],
) -> dict[str, Any]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    funded = [p for p in projects if p.phase in FUNDED_PHASES]
    grant = _sum(p.grant_sek for p in funded)  # type: ignore[attr-defined]
    own = _sum(p.own_sek for p in funded) + _sum(p.in_kind_sek for p in funded)  # type: ignore[attr-defined]
    kinds = Counter(a.kind for a in activities)
    dormant = [p for p in partnerships if p.dormancy_flag or p.status == Partnership.Status.DORMANT]  # type: ignore[attr-defined]
    return {
        "projects_active": len(projects),
        "projects_started": sum(
            1 for p in projects if p.start_date and first <= p.start_date <= last
        ),
        "projects_completed": sum(1 for p in projects if p.end_date and p.end_date <= last),
        "grant_sek": grant,
        "own_sek": own,
        "grant_per_krona": (grant / own) if own else None,
        "partnerships_active": len(partnerships) - len(dormant),
        "partnerships_dormant": len(dormant),
        "memberships": len(memberships),
        "membership_fees": _sum(m.yearly_fee_sek for m in memberships),
        "study_visits": kinds[Activity.Kind.STUDY_VISIT],
        "hosted_visits": kinds[Activity.Kind.HOSTED_VISIT] + kinds[Activity.Kind.INTERN],
        "conferences": kinds[Activity.Kind.CONFERENCE],
        "events": kinds[Activity.Kind.EVENT],
        "women": sum(p.participants_women or 0 for p in projects),
        "men": sum(p.participants_men or 0 for p in projects),
        "other": sum(p.participants_other or 0 for p in projects),
        "young": sum(p.participants_young or 0 for p in projects),
        "activity_participants": sum(a.participants or 0 for a in activities),
    }


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


def _charts(projects: list[Project], goals: list[Any]) -> list[dict[str, Any]]:
    by_programme: dict[str, Decimal] = defaultdict(Decimal)
    for p in projects:
        if p.phase in FUNDED_PHASES and p.grant_sek:  # type: ignore[attr-defined]
            by_programme[str(p.programme) if p.programme_id else _("Övrigt")] += p.grant_sek  # type: ignore[attr-defined]
    by_department = Counter(str(p.department) for p in projects)
    statuses = Counter(g.outcome.status if hasattr(g, "outcome") else "" for g in goals)
    labels = dict(GoalOutcome.Status.choices)
    labels[""] = _("Ej rapporterat")
    charts = [
        (
            "chart-funding",
            _("Beviljat bidrag per finansieringsprogram"),
            [Bar(k, v) for k, v in sorted(by_programme.items(), key=lambda kv: -kv[1])],
            money,
            "",
        ),
        (
            "chart-departments",
            _("Projekt per förvaltning"),
            [Bar(k, v) for k, v in sorted(by_department.items(), key=lambda kv: (-kv[1], kv[0]))],
            None,
            _("projekt"),
        ),
        (
            "chart-goals",
            _("Mål efter status"),
            [
                Bar(str(labels[s]), statuses[s], STATUS_COLOURS[s])
                for s in STATUS_ORDER
                if statuses[s]
            ],
            None,
            _("mål"),
        ),
    ]
    result = []
    for chart_id, title, bars, formatter, unit in charts:
        kwargs: dict[str, Any] = {"formatter": formatter} if formatter else {}
        svg = bar_chart(chart_id=chart_id, title=str(title), bars=bars, unit=str(unit), **kwargs)
        fmt = formatter or number
        suffix = f" {unit}" if unit else ""
        values = "; ".join(f"{bar.label}: {fmt(bar.value)}{suffix}" for bar in bars)
        values = f"{values}." if values else ""
        result.append(
            {
                "id": chart_id,
                "title": title,
                "svg": svg,
                "bars": bars,
                "unit": unit,
                "formatter": formatter,
                # Every value with its unit: the text under the chart and the figure's /Alt.
                "values_text": values,
                "alt": f"{title}. {values or _('Inga uppgifter för året.')}",
            }
        )
    return result


def report_summary_html(text: str) -> SafeString:
    """The coordinator's Markdown, sanitised; links become plain text in a printed report."""
    return markdown_to_safe_html(text, links=False)


def report_data(*, year: int) -> dict[str, Any]:
    """Everything the annual report shows for one year."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    plan = ActionPlan.objects.filter(year=year).select_related("strategy", "followup_round").first()
    goals = list(plan_goals(plan=plan)) if plan else []
    projects = _projects(year)
    cutoff = partner_selectors.dormancy_cutoff(today=min(datetime.date.today(), last))
    evaluations = PartnershipEvaluation.objects.order_by("-date")
    partnerships = list(
        partner_selectors.with_dormancy(
            Partnership.objects.exclude(status=Partnership.Status.ENDED), cutoff=cutoff
        )
        .select_related("partner", "department")
        .prefetch_related(Prefetch("evaluations", queryset=evaluations))
        .order_by("kind", "partner__name")
    )
    for p in partnerships:
        p.latest_evaluation = next(iter(p.evaluations.all()), None)  # type: ignore[attr-defined]
    memberships = list(
        NetworkMembership.objects.filter(is_active=True)
        .prefetch_related(
            "representatives",
            Prefetch(
                "analyses",
                queryset=BenefitAnalysis.objects.filter(year__lte=year).order_by("-year"),
            ),
        )
        .order_by("scope", "name")
    )
    for m in memberships:
        m.latest_analysis = next(iter(m.analyses.all()), None)  # type: ignore[attr-defined]
    activities = list(
        Activity.objects.filter(status=Activity.Status.APPROVED, start_date__range=(first, last))
        .select_related("department", "project")
        .order_by("kind", "start_date", "pk")
    )
    activity_groups = [
        {"kind": kind, "label": label, "items": [a for a in activities if a.kind == kind]}
        for kind, label in Activity.Kind.choices
    ]
    agreements = list(
        Partnership.objects.filter(
            Q(kind__in=[Partnership.Kind.TWINNING, Partnership.Kind.COOPERATION])
            | ~Q(decision_body="")
        )
        .select_related("partner")
        .order_by("partner__name", "pk")
    )
    return {
        "year": year,
        "municipality": Municipality.current(),
        "plan": plan,
        "goal_groups": _goal_groups(goals),
        "goal_count": len(goals),
        "reported_count": sum(1 for g in goals if hasattr(g, "outcome")),
        "projects": projects,
        "partnerships": partnerships,
        "meetings": list(
            TwinTownMeeting.objects.filter(year__range=(year - 1, year + 1))
            .select_related("host")
            .order_by("year")
        ),
        "memberships": memberships,
        "activity_groups": activity_groups,
        "activities": activities,
        "agreements": agreements,
        "figures": _figures(year, projects, partnerships, memberships, activities),
        "charts": _charts(projects, goals),
        "trend_signs": TREND_SIGNS,
    }
