"""The one permission policy: views, templates and tests all ask this module.

Rules are phrased on duck-typed entries so that this module, at the bottom of the dependency
chain, never imports the apps above it. An *entry* is any object with `department_id` and
`is_locked` (approved, submitted or adopted entries are locked for department contacts).
"""

from __future__ import annotations

from typing import Any, Protocol, TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from . import workflow
from .models import Role, User

# Whoever asks: a signed-in user, or the anonymous visitor of a public page.
Viewer: TypeAlias = User | AnonymousUser

# The state in which projects and activities are in the bank for everyone to read (the
# column visible_entries_q filters on).
APPROVED = "approved"


class DepartmentEntry(Protocol):
    """A project, an activity, a goal: it belongs to a department and may be locked."""

    @property
    def department_id(self) -> int | None: ...

    @property
    def is_locked(self) -> bool: ...


class ReviewedEntry(Protocol):
    """Anything the coordinator reviews; its kind's table is registered in workflow.py."""

    @property
    def status(self) -> str: ...


class Partnership(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def department_id(self) -> int | None: ...


class Plan(Protocol):
    @property
    def status(self) -> str: ...


class DepartmentPlan(DepartmentEntry, Protocol):
    @property
    def status(self) -> str: ...

    @property
    def plan(self) -> Plan: ...


class Goal(Protocol):
    @property
    def department_id(self) -> int | None: ...

    @property
    def plan(self) -> Plan: ...


class Round(Protocol):
    @property
    def is_open(self) -> bool: ...


class Part(DepartmentEntry, Protocol):
    @property
    def status(self) -> str: ...

    @property
    def round(self) -> Round: ...


class Report(Protocol):
    @property
    def is_done(self) -> bool: ...

    @property
    def is_published(self) -> bool: ...


def _member(user: Viewer) -> User | None:
    """The user as a signed-in portal user, or None for an anonymous visitor."""
    return user if isinstance(user, User) and user.is_authenticated else None


def is_coordinator(user: Viewer) -> bool:
    member = _member(user)
    return member is not None and (member.is_superuser or member.role == Role.COORDINATOR)


def coordinators_q() -> Q:
    """The users `is_coordinator` says yes to, as a query (who gets a coordinator's mail)."""
    return Q(is_superuser=True) | Q(role=Role.COORDINATOR)


def is_contact(user: Viewer) -> bool:
    member = _member(user)
    return member is not None and not member.is_superuser and member.role == Role.CONTACT


def _department_id(user: Viewer) -> int | None:
    member = _member(user)
    return member.department_id if member is not None else None


def may_view_internal(user: Viewer) -> bool:
    """Every signed-in role reads the internal registries and dashboards (not an account
    that has not been given a role yet)."""
    member = _member(user)
    return (
        member is not None
        and member.is_active
        and (member.is_superuser or member.role != Role.NONE)
    )


def may_manage_settings(user: Viewer) -> bool:
    """The settings area (municipality, organisation, reference data, users): coordinators."""
    return is_coordinator(user)


def may_create_entry(user: Viewer) -> bool:
    """Coordinators and department contacts create projects, visits and goals."""
    return is_coordinator(user) or (is_contact(user) and _department_id(user) is not None)


def may_edit_entry(user: Viewer, entry: DepartmentEntry) -> bool:
    """Coordinators edit everything; contacts their own department's unlocked entries."""
    if is_coordinator(user):
        return True
    return is_contact(user) and entry.department_id == _department_id(user) and not entry.is_locked


def may_see_entry(user: Viewer, entry: Any) -> bool:
    """Approved entries are visible to all signed-in users; drafts to their department.

    visible_entries_q is the same rule as a filter; tests hold the two together.
    """
    if is_coordinator(user):
        return True
    if not may_view_internal(user):
        return False
    if getattr(entry, "is_approved", False):
        return True
    return is_contact(user) and entry.department_id == _department_id(user)


def visible_entries_q(user: Viewer) -> Q:
    """may_see_entry as a filter on the `status` and `department_id` columns that projects,
    activities and the bank's running totals share."""
    if is_coordinator(user):
        return Q()
    if not may_view_internal(user):
        return Q(pk__in=[])
    if is_contact(user):
        return Q(status=APPROVED) | Q(department_id=_department_id(user))
    return Q(status=APPROVED)


# --- The review workflow -------------------------------------------------------------------
# Who may send in, approve and return each reviewed kind, and from which states, is written in
# the kind's table (projects/workflow.py, actionplans/workflow.py); these answer from it. The
# tables name who may act with the predicates below.


def reviewer(user: Viewer, entry: object) -> bool:
    """Approving and returning what was sent in: the coordinator's work."""
    return is_coordinator(user)


def entry_editor(user: Viewer, entry: DepartmentEntry) -> bool:
    """Whoever may edit a project or an activity sends it in."""
    return may_edit_entry(user, entry)


def department_contact(user: Viewer, entry: DepartmentEntry) -> bool:
    """A contact of the entry's own department, whatever state the entry is in."""
    return is_contact(user) and entry.department_id == _department_id(user)


def round_reviewer(user: Viewer, part: Part) -> bool:
    """The coordinator reviews a department's follow-up while its round is open."""
    return is_coordinator(user) and part.round.is_open


def may_submit(user: Viewer, entry: ReviewedEntry) -> bool:
    """Send in (a project, an activity, a department plan) or mark ready (a follow-up part)."""
    return workflow.may_take(user, entry, "submit")


def may_approve(user: Viewer, entry: ReviewedEntry) -> bool:
    """Approve (accept) what has been sent in."""
    return workflow.may_take(user, entry, "approve")


def may_return(user: Viewer, entry: ReviewedEntry) -> bool:
    """Send back to the department with a comment."""
    return workflow.may_take(user, entry, "return")


def may_publish(user: Viewer, entry: Any) -> bool:
    """Publish on the website or take down: the coordinator, and only what is approved."""
    return is_coordinator(user) and bool(entry.is_approved)


def may_propose_change(user: Viewer, entry: Any) -> bool:
    """Contacts propose changes to their department's approved entries; the coordinator reviews."""
    return (
        is_contact(user)
        and entry.department_id == _department_id(user)
        and bool(getattr(entry, "is_approved", False))
    )


def may_manage_attachments(user: Viewer, entry: DepartmentEntry) -> bool:
    """Whoever may edit an entry adds and removes its attachments."""
    return may_edit_entry(user, entry)


def may_download_attachment(user: Viewer, entry: Any) -> bool:
    """An attachment is exactly as visible as the entry it belongs to."""
    return may_see_entry(user, entry)


def may_import_projects(user: Viewer) -> bool:
    """Bulk import writes many departments' entries: the coordinator's work."""
    return is_coordinator(user)


def may_use_calendar_feed(user: Viewer) -> bool:
    """Every active signed-in role may subscribe to the activity calendar."""
    return may_view_internal(user)


def may_report_outcome(user: Viewer, goal: Goal, part: Part | None = None) -> bool:
    """Coordinators always; contacts for their own department's goals, and only while the
    department's part of an open follow-up round (`part`) is not sent in or accepted."""
    if is_coordinator(user):
        return True
    return (
        is_contact(user)
        and goal.department_id == _department_id(user)
        and part is not None
        and part.department_id == goal.department_id
        and not part.is_locked
    )


# --- Action plans, department plans and follow-up -------------------------------------------
# Plans, department plans and follow-up parts are duck-typed: a plan has `status`; a
# department plan and a follow-up part have `department_id` and `is_locked`; a round has
# `is_open`.

PLAN_DRAFT, PLAN_PROPOSED, PLAN_ADOPTED = "draft", "proposed", "adopted"


def may_view_plan(user: Viewer, plan: Plan) -> bool:
    """Coordinators and contacts read every plan; council members adopted plans only."""
    if is_coordinator(user) or is_contact(user):
        return True
    return may_view_internal(user) and plan.status == PLAN_ADOPTED


def may_edit_department_plan(user: Viewer, department_plan: DepartmentPlan) -> bool:
    """Coordinators until the plan is adopted; contacts their own open department plan."""
    if is_coordinator(user):
        return department_plan.plan.status != PLAN_ADOPTED
    return (
        is_contact(user)
        and department_plan.department_id == _department_id(user)
        and not department_plan.is_locked
    )


def may_edit_goal(user: Viewer, goal: Goal, department_plan: DepartmentPlan | None = None) -> bool:
    """A goal is edited with its department plan; municipal goals by coordinators only."""
    if is_coordinator(user):
        return goal.plan.status != PLAN_ADOPTED
    if not is_contact(user) or goal.department_id != _department_id(user):
        return False
    if department_plan is None:  # created with the department's first goal
        return goal.plan.status == PLAN_DRAFT
    return goal.department_id == department_plan.department_id and may_edit_department_plan(
        user, department_plan
    )


def may_view_round(user: Viewer, followup_round: Round) -> bool:
    """Coordinators and contacts follow the round; council members read closed rounds."""
    if is_coordinator(user) or is_contact(user):
        return True
    return may_view_internal(user) and not followup_round.is_open


def may_edit_followup_part(user: Viewer, part: Part) -> bool:
    """Report and mark ready: coordinators while the round is open; contacts their own
    department's part while it is open and not sent in."""
    if is_coordinator(user):
        return part.round.is_open
    return is_contact(user) and part.department_id == _department_id(user) and not part.is_locked


def may_add_goal(user: Viewer, plan: Plan) -> bool:
    """Goals are added while the plan is a draft, by coordinators and department contacts."""
    return may_create_entry(user) and plan.status == PLAN_DRAFT


def may_propose_plan(user: Viewer, plan: Plan) -> bool:
    """The coordinator lays a draft plan before the council as a proposal."""
    return is_coordinator(user) and plan.status == PLAN_DRAFT


def may_adopt_plan(user: Viewer, plan: Plan) -> bool:
    """The coordinator records the council's decision on a proposed plan."""
    return is_coordinator(user) and plan.status == PLAN_PROPOSED


def may_revise_plan(user: Viewer, plan: Plan) -> bool:
    """An adopted plan is changed only as a new version, opened by the coordinator."""
    return is_coordinator(user) and plan.status == PLAN_ADOPTED


def may_open_followup(user: Viewer, plan: Plan, followup_round: Round | None = None) -> bool:
    """The coordinator opens the follow-up of an adopted plan, once."""
    return is_coordinator(user) and plan.status == PLAN_ADOPTED and followup_round is None


def may_close_round(user: Viewer, followup_round: Round) -> bool:
    """The coordinator closes an open round (the service refuses while parts wait)."""
    return is_coordinator(user) and followup_round.is_open


def may_review(user: Viewer) -> bool:
    """Approving, returning, adopting, publishing: the coordinator's work."""
    return is_coordinator(user)


def may_manage_registry(user: Viewer) -> bool:
    """Agreements, memberships, plans and reports are changed by coordinators only."""
    return is_coordinator(user)


def may_download_report(user: Viewer, report: Report) -> bool:
    """Coordinators download every finished version; others only published ones."""
    if not report.is_done:
        return False
    if is_coordinator(user):
        return True
    return may_view_internal(user) and report.is_published


def may_download_report_word(user: Viewer, report: Any) -> bool:
    """The Word copy is a working file for coordinators; the PDF is the published record."""
    return bool(report.is_done and report.docx) and is_coordinator(user)


def reports_for(user: Viewer) -> Q:
    """The annual report jobs a user sees listed: coordinators every job, others the finished
    and published versions (as a filter on the report table's columns)."""
    if is_coordinator(user):
        return Q()
    return published_reports_q()


def published_reports_q() -> Q:
    """What everyone, the public included, sees of the reports: finished, published files."""
    return Q(state="done", published_at__isnull=False) & ~Q(pdf="")


def may_preview_report(user: Viewer) -> bool:
    """The annual report as a web page, from current data: coordinators and council members."""
    if is_coordinator(user):
        return True
    member = _member(user)
    return may_view_internal(user) and member is not None and member.role == Role.COUNCIL


# --- Partners, networks and their analyses (partners app) --------------------------------
# A partnership is duck-typed: `kind` ("department" for a department-level contact) and
# `department_id`.

DEPARTMENT_CONTACT_KIND = "department"


def may_create_partnership(user: Viewer) -> bool:
    """Coordinators register any partnership; contacts their department-level contacts."""
    return may_create_entry(user)


def may_edit_partnership(user: Viewer, partnership: Partnership) -> bool:
    """Coordinators change agreements; a contact edits own department-level contacts only."""
    if is_coordinator(user):
        return True
    return (
        is_contact(user)
        and partnership.kind == DEPARTMENT_CONTACT_KIND
        and partnership.department_id == _department_id(user)
    )


def may_create_partner(user: Viewer) -> bool:
    """A contact may register the organisation abroad behind a new department contact."""
    return may_create_entry(user)


def may_edit_partner(user: Viewer) -> bool:
    """A partner may be shared by several departments' partnerships: coordinators only."""
    return is_coordinator(user)


def may_evaluate_partnership(user: Viewer, partnership: Partnership) -> bool:
    """Whoever may edit a partnership records its evaluations."""
    return may_edit_partnership(user, partnership)


def may_manage_networks(user: Viewer) -> bool:
    """Memberships, benefit analyses, meetings and selection analyses: coordinators only."""
    return is_coordinator(user)


def may_report_for_network(user: Viewer, *, is_representative: bool) -> bool:
    """Coordinators and the membership's own representatives log activity reports."""
    return is_coordinator(user) or bool(may_view_internal(user) and is_representative)


def may_see_personal_data(user: Viewer) -> bool:
    """Contact persons are shown to signed-in users only, never on public pages."""
    return may_view_internal(user)


def may_handle_personal_data(user: Viewer) -> bool:
    """Exporting and erasing everything stored about a person: coordinators only."""
    return is_coordinator(user)


def may_handle_proposals(user: Viewer) -> bool:
    """Proposals for new twin towns are stored for the coordinator."""
    return is_coordinator(user)


# --- Funding radar (funding app) -----------------------------------------------------------


def may_view_calls(user: Viewer) -> bool:
    """Every signed-in role reads the funding radar."""
    return may_view_internal(user)


def may_manage_calls(user: Viewer) -> bool:
    """Importing, entering and editing calls, and the matching keywords: coordinators."""
    return is_coordinator(user)


def may_mark_call(user: Viewer) -> bool:
    """Contacts mark calls for their department; coordinators for any department."""
    return is_coordinator(user) or (is_contact(user) and _department_id(user) is not None)


def may_start_idea(user: Viewer) -> bool:
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
