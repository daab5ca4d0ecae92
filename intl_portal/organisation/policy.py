"""The one permission policy: views, templates and tests all ask this module.

Rules are phrased on duck-typed entries so that this module, at the bottom of the dependency
chain, never imports the apps above it. An *entry* is any object with `department_id` and
`is_locked` (approved, submitted or adopted entries are locked for department contacts).
"""

from __future__ import annotations

from typing import Any, Protocol

from django.db.models import Q

from .models import Role


class DepartmentEntry(Protocol):
    department_id: int | None

    @property
    def is_locked(self) -> bool: ...


def is_coordinator(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.COORDINATOR))


def coordinators_q() -> Q:
    """The users `is_coordinator` says yes to, as a query (who gets a coordinator's mail)."""
    return Q(is_superuser=True) | Q(role=Role.COORDINATOR)


def is_contact(user: Any) -> bool:
    return bool(user.is_authenticated and not user.is_superuser and user.role == Role.CONTACT)


def may_view_internal(user: Any) -> bool:
    """Every signed-in role reads the internal registries and dashboards (not an account
    that has not been given a role yet)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or getattr(user, "role", None) != Role.NONE)
    )


def may_manage_settings(user: Any) -> bool:
    """The settings area (municipality, organisation, reference data, users): coordinators."""
    return is_coordinator(user)


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


def may_propose_change(user: Any, entry: Any) -> bool:
    """Contacts propose changes to their department's approved entries; the coordinator reviews."""
    return (
        is_contact(user)
        and entry.department_id == user.department_id
        and bool(getattr(entry, "is_approved", False))
    )


def may_manage_attachments(user: Any, entry: DepartmentEntry) -> bool:
    """Whoever may edit an entry adds and removes its attachments."""
    return may_edit_entry(user, entry)


def may_download_attachment(user: Any, entry: Any) -> bool:
    """An attachment is exactly as visible as the entry it belongs to."""
    return may_see_entry(user, entry)


def may_import_projects(user: Any) -> bool:
    """Bulk import writes many departments' entries: the coordinator's work."""
    return is_coordinator(user)


def may_use_calendar_feed(user: Any) -> bool:
    """Every active signed-in role may subscribe to the activity calendar."""
    return may_view_internal(user)


def may_report_outcome(user: Any, goal: DepartmentEntry, part: Any = None) -> bool:
    """Coordinators always; contacts for their own department's goals, and only while the
    department's part of an open follow-up round (`part`) is not sent in or accepted."""
    if is_coordinator(user):
        return True
    return (
        is_contact(user)
        and goal.department_id == user.department_id
        and part is not None
        and part.department_id == goal.department_id
        and not part.is_locked
    )


# --- Action plans, department plans and follow-up -------------------------------------------
# Plans, department plans and follow-up parts are duck-typed: a plan has `status`; a
# department plan and a follow-up part have `department_id` and `is_locked`; a round has
# `is_open`.

PLAN_ADOPTED = "adopted"


def may_view_plan(user: Any, plan: Any) -> bool:
    """Coordinators and contacts read every plan; council members adopted plans only."""
    if is_coordinator(user) or is_contact(user):
        return True
    return may_view_internal(user) and plan.status == PLAN_ADOPTED


def may_edit_department_plan(user: Any, department_plan: Any) -> bool:
    """Coordinators until the plan is adopted; contacts their own open department plan."""
    if is_coordinator(user):
        return department_plan.plan.status != PLAN_ADOPTED
    return (
        is_contact(user)
        and department_plan.department_id == user.department_id
        and not department_plan.is_locked
    )


def may_edit_goal(user: Any, goal: Any, department_plan: Any = None) -> bool:
    """A goal is edited with its department plan; municipal goals by coordinators only."""
    if is_coordinator(user):
        return goal.plan.status != PLAN_ADOPTED
    if not is_contact(user) or goal.department_id != user.department_id:
        return False
    if department_plan is None:  # created with the department's first goal
        return goal.plan.status == "draft"
    return goal.department_id == department_plan.department_id and may_edit_department_plan(
        user, department_plan
    )


def may_view_round(user: Any, followup_round: Any) -> bool:
    """Coordinators and contacts follow the round; council members read closed rounds."""
    if is_coordinator(user) or is_contact(user):
        return True
    return may_view_internal(user) and not followup_round.is_open


def may_edit_followup_part(user: Any, part: Any) -> bool:
    """Report and mark ready: coordinators while the round is open; contacts their own
    department's part while it is open and not sent in."""
    if is_coordinator(user):
        return part.round.is_open
    return is_contact(user) and part.department_id == user.department_id and not part.is_locked


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


def may_download_report_word(user: Any, report: Any) -> bool:
    """The Word copy is a working file for coordinators; the PDF is the published record."""
    return bool(report.is_done and report.docx) and is_coordinator(user)


def may_preview_report(user: Any) -> bool:
    """The annual report as a web page, from current data: coordinators and council members."""
    if is_coordinator(user):
        return True
    return may_view_internal(user) and getattr(user, "role", None) == Role.COUNCIL


# --- Partners, networks and their analyses (partners app) --------------------------------
# A partnership is duck-typed: `kind` ("department" for a department-level contact) and
# `department_id`.

DEPARTMENT_CONTACT_KIND = "department"


def may_create_partnership(user: Any) -> bool:
    """Coordinators register any partnership; contacts their department-level contacts."""
    return may_create_entry(user)


def may_edit_partnership(user: Any, partnership: Any) -> bool:
    """Coordinators change agreements; a contact edits own department-level contacts only."""
    if is_coordinator(user):
        return True
    return (
        is_contact(user)
        and partnership.kind == DEPARTMENT_CONTACT_KIND
        and partnership.department_id == user.department_id
    )


def may_create_partner(user: Any) -> bool:
    """A contact may register the organisation abroad behind a new department contact."""
    return may_create_entry(user)


def may_edit_partner(user: Any) -> bool:
    """A partner may be shared by several departments' partnerships: coordinators only."""
    return is_coordinator(user)


def may_evaluate_partnership(user: Any, partnership: Any) -> bool:
    """Whoever may edit a partnership records its evaluations."""
    return may_edit_partnership(user, partnership)


def may_manage_networks(user: Any) -> bool:
    """Memberships, benefit analyses, meetings and selection analyses: coordinators only."""
    return is_coordinator(user)


def may_report_for_network(user: Any, *, is_representative: bool) -> bool:
    """Coordinators and the membership's own representatives log activity reports."""
    return is_coordinator(user) or bool(may_view_internal(user) and is_representative)


def may_see_personal_data(user: Any) -> bool:
    """Contact persons are shown to signed-in users only, never on public pages."""
    return may_view_internal(user)


def may_handle_personal_data(user: Any) -> bool:
    """Exporting and erasing everything stored about a person: coordinators only."""
    return is_coordinator(user)


def may_handle_proposals(user: Any) -> bool:
    """Proposals for new twin towns are stored for the coordinator."""
    return is_coordinator(user)


# --- Funding radar (funding app) -----------------------------------------------------------


def may_view_calls(user: Any) -> bool:
    """Every signed-in role reads the funding radar."""
    return may_view_internal(user)


def may_manage_calls(user: Any) -> bool:
    """Importing, entering and editing calls, and the matching keywords: coordinators."""
    return is_coordinator(user)


def may_mark_call(user: Any) -> bool:
    """Contacts mark calls for their department; coordinators for any department."""
    return is_coordinator(user) or (is_contact(user) and user.department_id is not None)


def may_start_idea(user: Any) -> bool:
    """Whoever may create a project may start one from a call."""
    return may_create_entry(user)


# --- Owner and deputy of a relationship (partners app) --------------------------------------

# Who may answer for a partnership or a network membership: people who act in the portal.
RESPONSIBLE_ROLES = (Role.COORDINATOR, Role.CONTACT)


def may_be_responsible(user: Any) -> bool:
    """An active coordinator or department contact may own a relationship or be its deputy."""
    return bool(user is not None and user.is_active and user.role in RESPONSIBLE_ROLES)


def may_hand_over(user: Any, relationship: Any) -> bool:
    """Coordinators hand over any relationship; its current owner hands over their own."""
    if is_coordinator(user):
        return True
    return bool(
        may_view_internal(user)
        and relationship.owner_id is not None
        and relationship.owner_id == user.pk
    )


def may_see_unowned_relationships(user: Any) -> bool:
    """The dashboard's list of relationships without an active owner is the coordinator's."""
    return is_coordinator(user)
