"""Reads of the project bank, query-count safe."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from intl_portal.organisation import policy

from .models import Project


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
    counts = Project.objects.aggregate(
        in_bank=Count("pk", filter=Q(status=Project.Status.APPROVED)),
        awaiting_review=Count("pk", filter=Q(status=Project.Status.SUBMITTED)),
        ongoing=Count("pk", filter=Q(status=Project.Status.APPROVED, phase=Project.Phase.ONGOING)),
    )
    awaiting = (
        Project.objects.filter(status=Project.Status.SUBMITTED).select_related("department")[:10]
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
