"""Reads of the project bank, query-count safe."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear

from intl_portal.organisation import policy
from partners.models import TwinTownMeeting

from .models import Activity, Attachment, ExchangeRate, Indicator, Project, ProjectRevision

SEK = DecimalField(max_digits=20, decimal_places=2)


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
    # A submitted project, or an approved one whose proposed change waits for review.
    pending_change = Exists(
        ProjectRevision.objects.filter(
            project=OuterRef("pk"), status=ProjectRevision.Status.PENDING
        )
    )
    to_review = Q(status=Project.Status.SUBMITTED) | Q(pending_change)
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


def _sek_rate() -> Any:
    """SEK per unit of the project's currency: the start year's rate, else the latest one."""
    rates = ExchangeRate.objects.filter(currency=OuterRef("currency"))
    same_year = rates.filter(year=ExtractYear(OuterRef("start_date")))
    return Case(
        When(currency="SEK", then=Value(Decimal(1), output_field=SEK)),
        default=Coalesce(
            Subquery(same_year.values("sek_per_unit")[:1], output_field=SEK),
            Subquery(rates.order_by("-year").values("sek_per_unit")[:1], output_field=SEK),
        ),
        output_field=SEK,
    )


def bank_figures(qs: QuerySet[Project]) -> dict[str, Any]:
    """Key figures over a filtered list, in SEK by the yearly exchange-rate table: one query."""
    figures = (
        qs.order_by()
        .annotate(sek_rate=_sek_rate())
        .aggregate(
            count=Count("pk"),
            grant=Sum(F("grant_amount") * F("sek_rate"), output_field=SEK),
            own=Sum(F("own_contribution") * F("sek_rate"), output_field=SEK),
            in_kind=Sum(F("own_contribution_in_kind") * F("sek_rate"), output_field=SEK),
            total=Sum(F("budget_total") * F("sek_rate"), output_field=SEK),
        )
    )
    return {k: (v or 0) if k == "count" else round(v or Decimal(0)) for k, v in figures.items()}


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
