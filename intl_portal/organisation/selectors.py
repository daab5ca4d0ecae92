"""Reads in the organisation core: who is told about what."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from . import policy
from .models import Role, User


def coordinator_recipients() -> QuerySet[User]:
    """Everyone the policy treats as a coordinator (superusers too), active and with an e-mail."""
    return (
        User.objects.filter(policy.coordinators_q(), is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def department_contacts(*, department_id: int | None) -> QuerySet[User]:
    """The department's active contacts with an e-mail address."""
    if department_id is None:
        return User.objects.none()
    return (
        User.objects.filter(role=Role.CONTACT, is_active=True)
        .filter(Q(department_id=department_id))  # None: the contacts without a department
        .exclude(email="")
        .order_by("pk")
    )


def all_department_contacts() -> QuerySet[User]:
    """Every department's active contacts with an e-mail address."""
    return (
        User.objects.filter(role=Role.CONTACT, department__isnull=False, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def responsible_candidates() -> QuerySet[User]:
    """The people who may own a relationship or be its deputy, by name."""
    return User.objects.filter(is_active=True, role__in=policy.RESPONSIBLE_ROLES).order_by(
        "last_name", "first_name", "username"
    )
