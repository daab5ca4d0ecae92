"""The summary (the year in figures) and the charts chapter."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from actionplans.models import GoalOutcome
from intl_portal.lib.charts import Bar
from intl_portal.lib.formats import money, number
from partners.models import Partnership
from projects import selectors as project_selectors
from projects.models import Activity

from ..blocks import Block, Figure, Table, Text
from ..year import ReportYear, natural_key
from .common import chart, missing, total_text
from .plan import STATUS_COLOURS, STATUS_ORDER


def summary(year: ReportYear) -> dict[str, Any]:
    """The year in figures: projects, grants, partnerships, memberships, activities."""
    figures = _figures(year)
    return {"figures": figures, "key_figures": key_figures(figures, year)}


def summary_word(chapter: dict[str, Any]) -> list[Block]:
    return [
        Table(
            caption=_("Året i siffror"),
            header=[_("Nyckeltal"), _("Värde")],
            rows=[[str(label), str(value)] for label, value in chapter["key_figures"]],
            numeric=[1],
            widths_mm=[110, 60],
        ),
        Text(
            _(
                "Bidrag och egen insats avser projekt i faserna beviljat, pågående och avslutat, "
                "omräknade till kronor med årets växelkurs."
            )
        ),
    ]


def key_figures(figures: dict[str, Any], year: ReportYear) -> list[tuple[str, str]]:
    """The summary's key figures as label and formatted text, for the PDF and the Word copy."""
    projects, memberships = year.projects, year.memberships
    per_krona = figures["grant_per_krona"]
    noun_projects = str(_("projekt"))
    participants = [
        total_text([getattr(p, field) for p in projects], number, noun=noun_projects)
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
            total_text([p.grant_sek for p in projects], money, noun=noun_projects),  # type: ignore[attr-defined]
        ),
        (
            _("Egen insats (kontant och i tid)"),
            total_text([p.own_total_sek for p in projects], money, noun=noun_projects),  # type: ignore[attr-defined]
        ),
        (
            _("Beviljade kronor per krona egen insats"),
            number(per_krona, decimals=2) if per_krona is not None else missing(),
        ),
        (_("Aktiva vänorter och samarbeten"), number(figures["partnerships_active"])),
        (_("Vilande vänorter och samarbeten"), number(figures["partnerships_dormant"])),
        (_("Medlemskap i nätverk"), number(figures["memberships"])),
        (
            _("Medlemsavgifter per år"),
            total_text([m.yearly_fee_sek for m in memberships], money, noun=str(_("nätverk"))),
        ),
        (_("Studiebesök (utresor)"), number(figures["study_visits"])),
        (_("Mottagna besök och praktikanter"), number(figures["hosted_visits"])),
        (_("Projektdeltagare: kvinnor"), participants[0]),
        (_("Projektdeltagare: män"), participants[1]),
        (_("Projektdeltagare: annat"), participants[2]),
        (
            _("– varav unga (13–30 år)"),
            total_text([p.participants_young for p in projects], number, noun=noun_projects),
        ),
        (_("Deltagare i aktiviteter"), figures["activity_participants_text"]),
    ]


def _figures(year: ReportYear) -> dict[str, Any]:
    first, last = datetime.date(year.year, 1, 1), datetime.date(year.year, 12, 31)
    projects, partnerships, activities = year.projects, year.partnerships, year.activities
    grant, own = project_selectors.SekTotal(), project_selectors.SekTotal()
    for p in projects:
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
        "applications": len(year.applications),
        "not_granted": len(year.not_granted),
        "grant_sek": grant.value,
        "own_sek": own.value,
        "grant_per_krona": (grant.value / own.value) if own.value else None,
        "sek_note": project_selectors.sek_note(grant, own),
        "partnerships_active": len(partnerships) - len(dormant),
        "partnerships_dormant": len(dormant),
        "memberships": len(year.memberships),
        "study_visits": kinds[Activity.Kind.STUDY_VISIT],
        "hosted_visits": kinds[Activity.Kind.HOSTED_VISIT] + kinds[Activity.Kind.INTERN],
        "activity_participants_text": total_text(
            [a.participants for a in activities], number, noun=str(_("aktiviteter"))
        ),
    }


def charts(year: ReportYear) -> dict[str, Any]:
    """Grants per funding programme, projects per department and the plan's goals by status
    (left out for a reader who may not see the plan)."""
    projects, goals = year.projects, year.goals
    by_programme: dict[str, Decimal] = defaultdict(Decimal)
    for p in projects:
        if p.grant_sek:  # type: ignore[attr-defined]
            by_programme[str(p.programme) if p.programme_id else _("Övrigt")] += p.grant_sek  # type: ignore[attr-defined]
    by_department = Counter(str(p.department) for p in projects)
    statuses = Counter(g.outcome.status if hasattr(g, "outcome") else "" for g in goals)
    labels = {key: str(label) for key, label in GoalOutcome.Status.choices}
    labels[""] = _("Ej rapporterat")
    result = [
        chart(
            "chart-funding",
            _("Beviljat bidrag per finansieringsprogram"),
            [Bar(k, v) for k, v in sorted(by_programme.items(), key=lambda kv: -kv[1])],
            formatter=money,
        ),
        chart(
            "chart-departments",
            _("Projekt per förvaltning"),
            [
                Bar(k, v)
                for k, v in sorted(
                    by_department.items(), key=lambda kv: (-kv[1], natural_key(kv[0]))
                )
            ],
            _("projekt"),
        ),
    ]
    if not year.plan_hidden:
        bars = [
            Bar(str(labels[s]), statuses[s], STATUS_COLOURS[s]) for s in STATUS_ORDER if statuses[s]
        ]
        result.append(chart("chart-goals", _("Mål efter status"), bars, _("mål")))
    return {"charts": result}


def charts_word(chapter: dict[str, Any]) -> list[Block]:
    # Each chart under a heading of its own, its values as text (docx_parts.chart).
    return [Figure(c) for c in chapter["charts"]]
