"""The one permission policy: views, templates and tests all ask this module.

Rules are phrased on duck-typed entries so that this module, at the bottom of the dependency
chain, never imports the apps above it. An *entry* is any object with `department_id` and
`is_locked` (approved, submitted or adopted entries are locked for department contacts).
"""

from __future__ import annotations

from typing import Any, Protocol

from .models import Role


class DepartmentEntry(Protocol):
    department_id: int | None

    @property
    def is_locked(self) -> bool: ...


def is_coordinator(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.COORDINATOR))


def is_contact(user: Any) -> bool:
    return bool(user.is_authenticated and not user.is_superuser and user.role == Role.CONTACT)


def may_view_internal(user: Any) -> bool:
    """Every signed-in role reads the internal registries and dashboards."""
    return bool(user.is_authenticated and user.is_active)


def may_create_entry(user: Any) -> bool:
    """Coordinators and department contacts create projects, visits and goals."""
    return is_coordinator(user) or (is_contact(user) and user.department_id is not None)


def may_edit_entry(user: Any, entry: DepartmentEntry) -> bool:
    """Coordinators edit everything; contacts their own department's unlocked entries."""
    if is_coordinator(user):
        return True
    return is_contact(user) and entry.department_id == user.department_id and not entry.is_locked


def may_see_entry(user: Any, entry: Any) -> bool:
    """Approved entries are visible to all signed-in users; drafts to their department."""
    if is_coordinator(user):
        return True
    if not may_view_internal(user):
        return False
    if getattr(entry, "is_approved", False):
        return True
    return is_contact(user) and entry.department_id == user.department_id


def may_report_outcome(user: Any, goal: DepartmentEntry) -> bool:
    """Coordinators, and contacts for their own department's goals."""
    if is_coordinator(user):
        return True
    return is_contact(user) and goal.department_id == user.department_id


def may_review(user: Any) -> bool:
    """Approving, returning, adopting, publishing: the coordinator's work."""
    return is_coordinator(user)


def may_manage_registry(user: Any) -> bool:
    """Agreements, memberships, plans and reports are changed by coordinators only."""
    return is_coordinator(user)


def may_download_report(user: Any, report: Any) -> bool:
    """Coordinators download every finished version; others only published ones."""
    if not report.is_done:
        return False
    if is_coordinator(user):
        return True
    return may_view_internal(user) and report.is_published
