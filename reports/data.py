"""What the annual report shows for one year: one set of queries for the PDF and the web page.

The query count does not grow with the number of projects, goals or activities: everything is
fetched with select_related/prefetch_related and summed in Python.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from decimal import Decimal
from itertools import groupby
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.models import ActionPlan, FollowUpPart, GoalOutcome
from actionplans.selectors import plan_goals
from funding import selectors as funding_selectors
from intl_portal.lib.charts import Bar, bar_chart
from intl_portal.lib.formats import money, number
from intl_portal.lib.text import markdown_to_safe_html
from intl_portal.organisation.models import Municipality
from partners import selectors as partner_selectors
from partners.models import (
    NetworkMembership,
    Partnership,
)
from projects import selectors as project_selectors
from projects.models import Activity, Project

# Projects of the year: granted, ongoing or completed during it. Applications and rejected or
# withdrawn projects are listed apart and never counted as grants; ideas are not in the report.
FUNDED_PHASES = {Project.Phase.GRANTED, Project.Phase.ONGOING, Project.Phase.COMPLETED}
NOT_GRANTED_PHASES = {Project.Phase.REJECTED, Project.Phase.CANCELLED}
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
TREND_SIGNS = {"better": "↑", "same": "→", "worse": "↓"}


def _projects(year: int) -> list[Project]:
    rates = project_selectors.sek_rates()
    projects = list(
        project_selectors.projects_of_year(year).prefetch_related(
            "indicators", "partners", "networks"
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


def _sum(values: Any) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def natural_key(text: Any) -> tuple[Any, ...]:
    """Sort key that reads numbers as numbers: "Förvaltning 9" before "Förvaltning 10"."""
    parts = re.split(r"(\d+)", str(text or "").casefold())
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts)


ABBREVIATIONS = {"KF": gettext_lazy("kommunfullmäktige"), "KS": gettext_lazy("kommunstyrelsen")}


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


def missing_text() -> str:
    return str(_("uppgift saknas"))


def _total_text(values: list[Any], fmt: Any, *, noun: str) -> str:
    """A sum that says how many values it lacks; "uppgift saknas" when it has none."""
    known = [v for v in values if v is not None]
    if not known:
        return missing_text()
    text = fmt(sum(known, Decimal(0)) if isinstance(known[0], Decimal) else sum(known))
    lacking = len(values) - len(known)
    if lacking:
        text += " " + _("(uppgift saknas för %(n)s av %(total)s %(noun)s)") % {
            "n": lacking,
            "total": len(values),
            "noun": noun,
        }
    return text


def key_figures(
    figures: dict[str, Any], projects: list[Any], memberships: list[Any]
) -> list[tuple[str, str]]:
    """The summary's key figures as label and formatted text, for the PDF and the Word copy."""
    per_krona = figures["grant_per_krona"]
    noun_projects = str(_("projekt"))
    participants = [
        _total_text([getattr(p, field) for p in projects], number, noun=noun_projects)
        for field in ("participants_women", "participants_men", "participants_other")
    ]
    return [
        (
            _("Projekt under året (beviljade, pågående, avslutade)"),
            number(figures["projects_active"]),
        ),
        (_("– varav startade under året"), number(figures["projects_started"])),
        (_("– varav avslutade under året"), number(figures["projects_completed"])),
        (_("Ansökningar under året"), number(figures["applications"])),
        (_("Avslag och avbrutna under året"), number(figures["not_granted"])),
        (
            _("Beviljat externt bidrag"),
            _total_text([p.grant_sek for p in projects], money, noun=noun_projects),
        ),
        (
            _("Egen insats (kontant och i tid)"),
            _total_text([p.own_total_sek for p in projects], money, noun=noun_projects),
        ),
        (
            _("Beviljade kronor per krona egen insats"),
            number(per_krona, decimals=2) if per_krona is not None else missing_text(),
        ),
        (_("Aktiva vänorter och samarbeten"), number(figures["partnerships_active"])),
        (_("Vilande vänorter och samarbeten"), number(figures["partnerships_dormant"])),
        (_("Medlemskap i nätverk"), number(figures["memberships"])),
        (
            _("Medlemsavgifter per år"),
            _total_text([m.yearly_fee_sek for m in memberships], money, noun=str(_("nätverk"))),
        ),
        (_("Studiebesök (utresor)"), number(figures["study_visits"])),
        (_("Mottagna besök och praktikanter"), number(figures["hosted_visits"])),
        (_("Projektdeltagare: kvinnor"), participants[0]),
        (_("Projektdeltagare: män"), participants[1]),
        (_("Projektdeltagare: annat"), participants[2]),
        (
            _("– varav unga (13–30 år)"),
            _total_text([p.participants_young for p in projects], number, noun=noun_projects),
        ),
        (
            _("Deltagare i aktiviteter"),
            figures["activity_participants_text"],
        ),
    ]


def _figures(
    year: int,
    projects: list[Project],
    partnerships: list[Partnership],
    memberships: list[NetworkMembership],
    activities: list[Activity],
) -> dict[str, Any]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    funded = projects  # only funded phases reach here (see report_data)
    grant, own = project_selectors.SekTotal(), project_selectors.SekTotal()
    for p in funded:
        grant.add(p.grant_sek_amount)  # type: ignore[attr-defined]
        own.add(p.own_sek_amount)  # type: ignore[attr-defined]
        own.add(p.in_kind_sek_amount)  # type: ignore[attr-defined]
    kinds = Counter(a.kind for a in activities)
    dormant = [p for p in partnerships if p.dormancy_flag or p.status == Partnership.Status.DORMANT]  # type: ignore[attr-defined]
    return {
        "projects_active": len(projects),
        "projects_started": sum(
            1 for p in projects if p.start_date and first <= p.start_date <= last
        ),
        "projects_completed": sum(1 for p in projects if p.end_date and p.end_date <= last),
        "grant_sek": grant.value,
        "own_sek": own.value,
        "grant_per_krona": (grant.value / own.value) if own.value else None,
        "sek_note": project_selectors.sek_note(grant, own),
        "partnerships_active": len(partnerships) - len(dormant),
        "partnerships_dormant": len(dormant),
        "memberships": len(memberships),
        "membership_fees": _sum(m.yearly_fee_sek for m in memberships),
        "study_visits": kinds[Activity.Kind.STUDY_VISIT],
        "hosted_visits": kinds[Activity.Kind.HOSTED_VISIT] + kinds[Activity.Kind.INTERN],
        "conferences": kinds[Activity.Kind.CONFERENCE],
        "events": kinds[Activity.Kind.EVENT],
        # Sums of what is known; key_figures() says how many values are missing.
        "women": sum(p.participants_women or 0 for p in projects),
        "men": sum(p.participants_men or 0 for p in projects),
        "other": sum(p.participants_other or 0 for p in projects),
        "young": sum(p.participants_young or 0 for p in projects),
        "activity_participants": sum(a.participants or 0 for a in activities),
        "activity_participants_text": _total_text(
            [a.participants for a in activities], number, noun=str(_("aktiviteter"))
        ),
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
    labels = {key: str(label) for key, label in GoalOutcome.Status.choices}
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
            [
                Bar(k, v)
                for k, v in sorted(
                    by_department.items(), key=lambda kv: (-kv[1], natural_key(kv[0]))
                )
            ],
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
                "alt": f"{title}. " + (values or _("Inga uppgifter för året.")),
            }
        )
    return result


def status_legend() -> list[dict[str, str]]:
    """Every goal status with its own word and colour, "Ej rapporterat" included."""
    labels = {key: str(label) for key, label in GoalOutcome.Status.choices}
    labels[""] = str(_("Ej rapporterat"))
    return [
        {"key": key or "none", "label": labels[key], "colour": STATUS_COLOURS[key]}
        for key in STATUS_ORDER
    ]


def _direction(goal: Any) -> int:
    """+1 when a higher value is better (target at or above the baseline), else -1."""
    if goal.baseline is not None and goal.target is not None and goal.target < goal.baseline:
        return -1
    return 1


def _previous_outcomes(goals: list[Any], year: int) -> dict[tuple[Any, ...], Any]:
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
                    by_key = _previous_outcomes(goals, year)
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


def report_summary_html(text: str) -> SafeString:
    """The coordinator's Markdown, sanitised; links become plain text in a printed report."""
    return markdown_to_safe_html(text, links=False)


def _unreported(plan: ActionPlan | None) -> list[FollowUpPart]:
    """The departments whose part the coordinator closed as "ej rapporterat", with the reason."""
    if plan is None:
        return []
    parts = FollowUpPart.objects.filter(
        round__plan=plan, status=FollowUpPart.Status.NOT_REPORTED
    ).select_related("department")
    return sorted(parts, key=lambda part: natural_key(part.department))


def report_data(*, year: int) -> dict[str, Any]:
    """Everything the annual report shows for one year."""
    plan = ActionPlan.objects.filter(year=year).select_related("strategy", "followup_round").first()
    goals = list(plan_goals(plan=plan).select_related("carried_from__outcome")) if plan else []
    goals.sort(key=lambda g: (natural_key(g.focus_area), natural_key(g.department), g.pk))
    _annotate_goals(goals, year)
    everything = sorted(
        _projects(year), key=lambda p: (natural_key(p.department), natural_key(p.title))
    )
    projects = [p for p in everything if p.phase in FUNDED_PHASES]
    applications = [p for p in everything if p.phase == Project.Phase.APPLICATION]
    not_granted = [p for p in everything if p.phase in NOT_GRANTED_PHASES]
    partnerships = partner_selectors.report_partnerships(year=year)
    memberships = partner_selectors.report_memberships(year=year)
    # Natural order within each kind and scope: "Förvaltning 9" before "Förvaltning 10".
    partnerships.sort(key=lambda p: (p.kind, natural_key(p.partner.name), p.pk))
    memberships.sort(key=lambda m: (m.scope, natural_key(m.name), m.pk))
    activities = project_selectors.activities_of_year(year)
    activity_groups = [
        {"kind": kind, "label": label, "items": [a for a in activities if a.kind == kind]}
        for kind, label in Activity.Kind.choices
    ]
    agreements = partner_selectors.agreements(year=year)
    agreements.sort(key=lambda p: (natural_key(p.partner.name), p.pk))
    plan_decision_label = _written_out_first(plan, agreements)
    figures = _figures(year, projects, partnerships, memberships, activities)
    figures["applications"] = len(applications)
    figures["not_granted"] = len(not_granted)
    return {
        "year": year,
        "municipality": Municipality.current(),
        "plan": plan,
        "plan_decision_label": plan_decision_label,
        "goal_groups": _goal_groups(goals),
        "unreported": _unreported(plan),
        "goal_count": len(goals),
        "reported_count": sum(1 for g in goals if hasattr(g, "outcome")),
        "projects": projects,
        "applications": applications,
        "not_granted": not_granted,
        "status_legend": status_legend(),
        "funding": funding_selectors.funding_figures(year=year),
        "partnerships": partnerships,
        "meetings": partner_selectors.meetings_around(year=year),
        "memberships": memberships,
        "activity_groups": activity_groups,
        "activities": activities,
        "agreements": agreements,
        "figures": figures,
        "key_figures": key_figures(figures, projects, memberships),
        "charts": _charts(projects, goals),
        "trend_signs": TREND_SIGNS,
    }
