"""Reads of the project bank, query-count safe."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal, localcontext
from functools import cache
from typing import Any

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)

from intl_portal.organisation import policy
from partners.models import TwinTownMeeting

from .models import Activity, Attachment, ExchangeRate, Indicator, Project, ProjectRevision


def visible_projects(*, user: Any) -> QuerySet[Project]:
    """Coordinators see all; others the bank plus their own department's entries."""
    qs = Project.objects.select_related("department", "programme")
    if policy.is_coordinator(user):
        return qs
    if policy.is_contact(user):
        return qs.filter(Q(status=Project.Status.APPROVED) | Q(department_id=user.department_id))
    return qs.filter(status=Project.Status.APPROVED)


def public_projects() -> QuerySet[Project]:
    """Approved, published projects that are granted or under way."""
    return (
        Project.objects.filter(
            status=Project.Status.APPROVED,
            is_published=True,
            phase__in=[Project.Phase.GRANTED, Project.Phase.ONGOING],
        )
        .select_related("department", "programme")
        .prefetch_related("partners")
        .order_by("title")
    )


def project_figures(*, user: Any) -> dict[str, Any]:
    # A submitted project, or an approved one whose proposed change waits for review. "Among
    # the projects with a pending change" is one hashed lookup per row, where a correlated
    # EXISTS ran its subquery for every project of the bank.
    pending = ProjectRevision.objects.filter(status=ProjectRevision.Status.PENDING)
    pending_change = Exists(pending.filter(project=OuterRef("pk")))
    to_review = Q(status=Project.Status.SUBMITTED) | Q(pk__in=pending.values("project_id"))
    counts = Project.objects.aggregate(
        in_bank=Count("pk", filter=Q(status=Project.Status.APPROVED)),
        awaiting_review=Count("pk", filter=to_review),
        ongoing=Count("pk", filter=Q(status=Project.Status.APPROVED, phase=Project.Phase.ONGOING)),
    )
    awaiting = (
        Project.objects.annotate(has_pending_change=pending_change)
        .filter(to_review)
        .select_related("department")[:10]
        if policy.may_review(user)
        else Project.objects.none()
    )
    own = (
        visible_projects(user=user)
        .filter(department_id=user.department_id)
        .exclude(status=Project.Status.APPROVED)[:10]
        if policy.is_contact(user)
        else Project.objects.none()
    )
    return {"project_counts": counts, "awaiting_review": awaiting, "own_drafts": own}


def _sek_rates() -> Callable[[str, datetime.date | None], Decimal | None]:
    """SEK per unit of a currency for a start date: the start year's rate, else the latest one.

    The table is read when a currency other than kronor first needs it.
    """

    @cache
    def table() -> dict[str, dict[int, Decimal]]:
        rates: dict[str, dict[int, Decimal]] = defaultdict(dict)
        for year, code, sek_per_unit in ExchangeRate.objects.values_list(
            "year", "currency", "sek_per_unit"
        ):
            rates[code][year] = sek_per_unit
        return rates

    def rate(currency: str, start: datetime.date | None) -> Decimal | None:
        if currency == "SEK":
            return Decimal(1)
        years = table().get(currency)
        if not years:
            return None
        return years[start.year] if start and start.year in years else years[max(years)]

    return rate


# The sums the bank shows (each a full pass over the list: no more than the page uses).
FIGURE_FIELDS = {
    "grant": "grant_amount",
    "own": "own_contribution",
    "in_kind": "own_contribution_in_kind",
}


def bank_figures(qs: QuerySet[Project]) -> dict[str, Any]:
    """Key figures over a filtered list, in SEK by the yearly exchange-rate table.

    The database sums the amounts per currency and start date (a rate subquery per project cost
    a quarter of a second at national scale); each sum is then converted at its rate, exactly.
    """
    groups = (
        qs.order_by()
        .values("currency", "start_date")
        .annotate(count=Count("pk"), **{key: Sum(field) for key, field in FIGURE_FIELDS.items()})
    )
    rate = _sek_rates()
    count = 0
    sums = dict.fromkeys(FIGURE_FIELDS, Decimal(0))
    with localcontext(prec=60):  # enough digits that no product or sum is rounded
        for group in groups:
            count += group["count"]
            sek = rate(group["currency"], group["start_date"])
            if sek is None:  # no rate for the currency: its amounts are left out, as before
                continue
            for key in FIGURE_FIELDS:
                if group[key] is not None:
                    sums[key] += group[key] * sek
    return {"count": count, **{key: round(value) for key, value in sums.items()}}


def project_detail(pk: int) -> Project:
    """One project with everything its page shows, in a fixed number of queries."""
    return (
        Project.objects.select_related("department", "programme", "created_by")
        .prefetch_related(
            "partners",
            "networks",
            "focus_areas",
            Prefetch("indicators", queryset=Indicator.objects.order_by("pk")),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("uploaded_by").order_by("pk"),
            ),
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("department").order_by("start_date"),
            ),
        )
        .get(pk=pk)
    )


def open_revision(project: Project) -> ProjectRevision | None:
    return (
        project.revisions.exclude(status=ProjectRevision.Status.APPROVED)
        .select_related("created_by")
        .first()
    )


def pending_revisions() -> QuerySet[ProjectRevision]:
    return ProjectRevision.objects.filter(status=ProjectRevision.Status.PENDING).select_related(
        "project", "project__department"
    )


def export_rows(qs: QuerySet[Project]) -> QuerySet[Project]:
    return qs.prefetch_related("partners", "networks", "focus_areas")


# --- Activities ------------------------------------------------------------------------------


def visible_activities(*, user: Any) -> QuerySet[Activity]:
    qs = Activity.objects.select_related("department", "project")
    if policy.is_coordinator(user):
        return qs
    if policy.is_contact(user):
        return qs.filter(Q(status=Activity.Status.APPROVED) | Q(department_id=user.department_id))
    return qs.filter(status=Activity.Status.APPROVED)


def calendar_entries(*, user: Any, first: datetime.date, last: datetime.date) -> dict[str, Any]:
    """Activities that touch the period, and the twin-town meetings of its years."""
    activities = (
        visible_activities(user=user)
        .filter(start_date__lte=last)
        .filter(Q(end_date__gte=first) | Q(end_date__isnull=True, start_date__gte=first))
        .order_by("start_date", "pk")
    )
    meetings = TwinTownMeeting.objects.filter(year__range=(first.year, last.year)).select_related(
        "host"
    )
    return {"activities": activities, "meetings": meetings}
