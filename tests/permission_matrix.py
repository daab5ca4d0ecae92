"""The permission matrix: what every URL of the portal answers to every role, GET and POST.

`tests/test_permission_matrix.py` walks the project's URL resolver and fails when a URL
pattern has no row here, when a row names a URL that no longer exists, and when a page
answers a role differently from this table. A new page therefore cannot be added without
deciding, here, who may use it.

The policy the table encodes (intl_portal/organisation/policy.py):

* coordinators do everything;
* department contacts create entries, edit their own department's unlocked entries (drafts
  and returned projects) and report outcomes for their own department's goals;
* council members read only: every write is 403;
* anonymous users see only the public pages (/, /public/..., /accessibility/, /health/,
  login, set_language); every other page redirects them to the login page.

A view that accepts only one method answers the other with 405 *before* it checks who is
asking (`require_GET`/`require_POST` sit outside `login_required`). That tells an anonymous
visitor nothing but that the URL exists, so it is recorded as "method", not "login".

Every row names an object setup (see SETUPS in the test module): the objects the URL's
arguments point at, built fresh for each test from factories. A URL may have several rows
with different setups, e.g. a draft and an approved project. POST requests carry one field no
form knows (see POST_DATA in the test module), so that a form is bound and an allowed role
gets "bad" (400) rather than the blank form again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from tests.organisation.setups import SETTINGS_KINDS

# --- Outcomes -------------------------------------------------------------------------------

OK: Final = "ok"  # 2xx, or a redirect that is not to a login page
LOGIN: Final = "login"  # 302 to the portal's login page (settings.LOGIN_URL)
ADMIN_LOGIN: Final = "admin-login"  # 302 to the admin's login page
BAD: Final = "bad"  # 400: the role may post here, the (empty) form is invalid
FORBIDDEN: Final = "forbidden"  # 403
NOTFOUND: Final = "notfound"  # 404
METHOD: Final = "method"  # 405

OUTCOMES: Final = frozenset({OK, LOGIN, ADMIN_LOGIN, BAD, FORBIDDEN, NOTFOUND, METHOD})

ROLES: Final = ("anonymous", "contact", "other_contact", "council", "coordinator")
METHODS: Final = ("GET", "POST")

Expected = tuple[str, str]  # (GET, POST)


@dataclass(frozen=True)
class Row:
    """One URL name with one object setup, and the outcome for each role: (GET, POST)."""

    url: str
    setup: str
    anonymous: Expected
    contact: Expected  # contact of the department that owns the objects
    other_contact: Expected  # contact of another department
    council: Expected
    coordinator: Expected

    def expected(self, role: str, method: str) -> str:
        return getattr(self, role)[METHODS.index(method)]


# Shorthands for the most common rows.
PUBLIC_PAGE: Final = {role: (OK, METHOD) for role in ROLES}
INTERNAL_PAGE: Final = {"anonymous": (LOGIN, METHOD)} | {role: (OK, METHOD) for role in ROLES[1:]}
# Forms only coordinators use (GET and POST); a GET-only page and a POST-only action of theirs.
COORDINATOR_FORM: Final = {
    "anonymous": (LOGIN, LOGIN),
    "contact": (FORBIDDEN, FORBIDDEN),
    "other_contact": (FORBIDDEN, FORBIDDEN),
    "council": (FORBIDDEN, FORBIDDEN),
    "coordinator": (OK, BAD),
}
COORDINATOR_PAGE: Final = {
    "anonymous": (LOGIN, METHOD),
    "contact": (FORBIDDEN, METHOD),
    "other_contact": (FORBIDDEN, METHOD),
    "council": (FORBIDDEN, METHOD),
    "coordinator": (OK, METHOD),
}
COORDINATOR_POST: Final = {
    "anonymous": (METHOD, LOGIN),
    "contact": (METHOD, FORBIDDEN),
    "other_contact": (METHOD, FORBIDDEN),
    "council": (METHOD, FORBIDDEN),
    "coordinator": (METHOD, BAD),
}
# Creating an entry: every department contact and the coordinator.
CREATE_FORM: Final = {
    "anonymous": (LOGIN, LOGIN),
    "contact": (OK, BAD),
    "other_contact": (OK, BAD),
    "council": (FORBIDDEN, FORBIDDEN),
    "coordinator": (OK, BAD),
}
# Editing an entry of the owning department (world.own_department).
OWN_DEPARTMENT_FORM: Final = {
    "anonymous": (LOGIN, LOGIN),
    "contact": (OK, BAD),
    "other_contact": (FORBIDDEN, FORBIDDEN),
    "council": (FORBIDDEN, FORBIDDEN),
    "coordinator": (OK, BAD),
}


MATRIX: Final[tuple[Row, ...]] = (
    # --- Public pages and machinery --------------------------------------------------------
    Row("public-home", "none", **PUBLIC_PAGE),
    Row("widget", "none", **PUBLIC_PAGE),
    Row("widget-fragment", "none", **PUBLIC_PAGE),
    Row("widget-css", "none", **PUBLIC_PAGE),
    Row("widget-code", "none", **COORDINATOR_PAGE),
    Row("projects:emission-factors", "none", **INTERNAL_PAGE),
    Row("projects:emission-factor-edit", "emission_factor", **COORDINATOR_FORM),
    # The statement's report form: anyone may post; an empty report is refused (400).
    Row("accessibility", "none", **{role: (OK, BAD) for role in ROLES}),
    Row("accessibility-reports", "none", **COORDINATOR_PAGE),
    # Audit history and restore: coordinators only (tests/organisation/test_history.py).
    Row("history", "project_history", **COORDINATOR_PAGE),
    Row(
        "history-restore",
        "project_history_restore",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    # Calendar feeds are recorded but never browsable (their history holds the secret link).
    Row(
        "history",
        "feed_history",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    # A history row of another project: nothing to restore here.
    Row(
        "history-restore",
        "history_of_another_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, NOTFOUND),
    ),
    Row(
        "accessibility-report-handled",
        "accessibility_report",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row("health", "none", **PUBLIC_PAGE),
    Row(
        "login",
        "none",
        # Signed-in users are sent on to the dashboard; a bound, empty login form is 200.
        anonymous=(OK, OK),
        contact=(OK, OK),
        other_contact=(OK, OK),
        council=(OK, OK),
        coordinator=(OK, OK),
    ),
    Row(
        "logout",
        "none",
        # POST only (Django 5); it then redirects to the public home page.
        anonymous=(METHOD, OK),
        contact=(METHOD, OK),
        other_contact=(METHOD, OK),
        council=(METHOD, OK),
        coordinator=(METHOD, OK),
    ),
    Row(
        "set_language",
        "none",
        anonymous=(OK, OK),
        contact=(OK, OK),
        other_contact=(OK, OK),
        council=(OK, OK),
        coordinator=(OK, OK),
    ),
    # --- Issue 13: signing in, passwords, single sign-on, the settings area ------------------
    # The header's logo is public; 404 until one is uploaded.
    Row("municipality-logo", "municipality_logo", **PUBLIC_PAGE),
    Row("municipality-logo", "none", **{role: (NOTFOUND, METHOD) for role in ROLES}),
    # "Forgot your password" from the login page: anyone; an empty address is refused (400).
    Row("password_reset", "none", **{role: (OK, BAD) for role in ROLES}),
    Row("password_reset_done", "none", **PUBLIC_PAGE),
    # A link that is not valid shows "the link no longer works" (200), never a form.
    Row("password_reset_confirm", "bad_password_link", **{role: (OK, OK) for role in ROLES}),
    Row("sign-in-refused", "none", **PUBLIC_PAGE),
    # Single sign-on is not configured in the matrix: its two URLs do not exist (404).
    Row("oidc_authentication_init", "none", **{role: (NOTFOUND, METHOD) for role in ROLES}),
    Row("oidc_authentication_callback", "none", **{role: (NOTFOUND, METHOD) for role in ROLES}),
    Row("settings:index", "none", **COORDINATOR_PAGE),
    Row("settings:municipality", "none", **COORDINATOR_FORM),
    Row("settings:user-list", "none", **COORDINATOR_PAGE),
    Row("settings:user-invite", "none", **COORDINATOR_FORM),
    Row("settings:user-edit", "invited_user", **COORDINATOR_FORM),
    # Account actions redirect back to the user's page with a message.
    *(
        Row(
            f"settings:{action}",
            setup,
            anonymous=(METHOD, LOGIN),
            contact=(METHOD, FORBIDDEN),
            other_contact=(METHOD, FORBIDDEN),
            council=(METHOD, FORBIDDEN),
            coordinator=(METHOD, OK),
        )
        for action, setup in (
            ("user-deactivate", "invited_user"),
            ("user-reactivate", "inactive_user"),
            ("user-reinvite", "invited_user"),
            ("user-password-reset", "invited_user"),
        )
    ),
    Row("settings:rate-import", "none", **COORDINATOR_FORM),
    *(
        row
        for kind in SETTINGS_KINDS
        for row in (
            Row("settings:kind-list", f"kind_{kind}", **COORDINATOR_PAGE),
            Row("settings:kind-create", f"kind_{kind}", **COORDINATOR_FORM),
            Row("settings:kind-edit", f"kind_{kind}_object", **COORDINATOR_FORM),
        )
    ),
    Row(
        "settings:kind-list",
        "unknown_kind",
        **(COORDINATOR_PAGE | {"coordinator": (NOTFOUND, METHOD)}),
    ),
    Row(
        "settings:kind-edit",
        "unknown_kind_object",
        **(COORDINATOR_FORM | {"coordinator": (NOTFOUND, NOTFOUND)}),
    ),
    Row("public_projects:public-list", "none", **PUBLIC_PAGE),
    Row("public_projects:public-detail", "public_project", **PUBLIC_PAGE),
    # Approved, not published.
    Row(
        "public_projects:public-detail",
        "approved_project",
        anonymous=(NOTFOUND, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    # Marked for the website, never approved.
    Row(
        "public_projects:public-detail",
        "published_draft_project",
        anonymous=(NOTFOUND, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    Row("public_reports:public-report-list", "none", **PUBLIC_PAGE),
    Row("public_reports:public-report-download", "published_report", **PUBLIC_PAGE),
    Row(
        "public_reports:public-report-download",
        "unpublished_report",
        anonymous=(NOTFOUND, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    Row(
        "public_reports:public-report-download",
        "published_report_without_file",
        anonymous=(NOTFOUND, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    # --- Internal pages every signed-in role reads -----------------------------------------
    Row("dashboard", "none", **INTERNAL_PAGE),
    # One search over everything; the public one finds published items only.
    Row("search", "none", **INTERNAL_PAGE),
    Row("todo-count", "none", **INTERNAL_PAGE),
    Row("public-search", "none", **PUBLIC_PAGE),
    # Everyone signed in chooses their own mail; an empty form is refused (400).
    Row(
        "notifications:preferences",
        "none",
        anonymous=(LOGIN, LOGIN),
        **{role: (OK, BAD) for role in ROLES[1:]},
    ),
    Row("partners:registry", "none", **INTERNAL_PAGE),
    Row("projects:list", "none", **INTERNAL_PAGE),
    Row("actionplans:list", "none", **INTERNAL_PAGE),
    # Council members read adopted plans only.
    Row(
        "actionplans:detail",
        "plan",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(OK, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row("actionplans:detail", "adopted_plan", **INTERNAL_PAGE),
    Row("reports:report-list", "none", **INTERNAL_PAGE),
    # --- The project bank ------------------------------------------------------------------
    Row(
        "projects:create",
        "none",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
        other_contact=(OK, BAD),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # Drafts: the owning department and coordinators.
    Row(
        "projects:detail",
        "draft_project",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row("projects:detail", "approved_project", **INTERNAL_PAGE),
    # Sent in, not yet approved: still the department's and the coordinator's only.
    Row(
        "projects:detail",
        "submitted_project",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row(
        "projects:edit",
        "draft_project",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # Returned projects are open to the department again.
    Row(
        "projects:edit",
        "returned_project",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # Locked for the department.
    # Approved: the department's edit becomes a proposed change for the coordinator to review.
    Row(
        "projects:edit",
        "approved_project",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # Submitted: locked for the department while the coordinator reviews it.
    Row(
        "projects:edit",
        "submitted_project",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    Row(
        "projects:submit",
        "draft_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, OK),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    # Locked: the department cannot resubmit; the project's review table has no submit step
    # from "submitted", so the coordinator's POST is refused with 403 too (issue 27: a refused
    # step never answers with a redirect that looks like success).
    Row(
        "projects:submit",
        "submitted_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, FORBIDDEN),
    ),
    Row(
        "projects:approve",
        "submitted_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    # Publishing is the coordinator's; a button on the project's page (issue 15).
    Row(
        "projects:publish",
        "approved_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "projects:unpublish",
        "approved_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "projects:return",
        "submitted_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),  # without a comment: refused, shown as a message
    ),
    # --- Project bank: exports, proposed changes, attachments (issue 4) ---------------------
    # The Excel import writes many departments' projects: the coordinator's work.
    Row("projects:import", "none", **COORDINATOR_FORM),
    # Without a previewed upload there is nothing to confirm: 400.
    Row("projects:import-confirm", "none", **COORDINATOR_POST),
    Row(
        "projects:import-cancel",
        "none",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row("projects:export-csv", "none", **INTERNAL_PAGE),
    Row("projects:export-xlsx", "none", **INTERNAL_PAGE),
    Row(
        "projects:revision-approve",
        "project_with_pending_change",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "projects:revision-return",
        "project_with_pending_change",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),  # without a comment: refused, shown as a message
    ),
    # No change waits for review: nothing to approve or return.
    Row(
        "projects:revision-approve",
        "approved_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, NOTFOUND),
    ),
    Row(
        "projects:revision-return",
        "approved_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, NOTFOUND),
    ),
    Row(
        "projects:attachment-upload",
        "draft_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, BAD),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, BAD),
    ),
    # Locked for the department once approved.
    Row(
        "projects:attachment-upload",
        "approved_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, BAD),
    ),
    # A draft's attachment: only the department and the coordinator.
    Row(
        "projects:attachment-download",
        "draft_attachment",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row("projects:attachment-download", "approved_attachment", **INTERNAL_PAGE),
    # Another project's attachment under a project everyone may see: 404, never the file.
    Row(
        "projects:attachment-download",
        "attachment_of_another_project",
        anonymous=(LOGIN, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    Row(
        "projects:attachment-delete",
        "draft_attachment",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, OK),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "projects:attachment-delete",
        "approved_attachment",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "projects:attachment-delete",
        "attachment_of_another_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, NOTFOUND),
        other_contact=(METHOD, NOTFOUND),
        council=(METHOD, NOTFOUND),
        coordinator=(METHOD, NOTFOUND),
    ),
    # --- Activities ------------------------------------------------------------------------
    Row("projects:activity-list", "none", **INTERNAL_PAGE),
    Row(
        "projects:activity-create",
        "none",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
        other_contact=(OK, BAD),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    Row(
        "projects:activity-detail",
        "draft_activity",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row("projects:activity-detail", "approved_activity", **INTERNAL_PAGE),
    Row(
        "projects:activity-detail",
        "submitted_activity",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row(
        "projects:activity-edit",
        "draft_activity",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    Row(
        "projects:activity-edit",
        "approved_activity",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    Row(
        "projects:activity-submit",
        "draft_activity",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, OK),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "projects:activity-approve",
        "submitted_activity",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "projects:activity-return",
        "submitted_activity",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    # --- Calendar, iCal feed and open data -------------------------------------------------
    Row("calendar", "none", **INTERNAL_PAGE),
    Row(
        "calendar-feed-link",
        "none",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, OK),
        other_contact=(METHOD, OK),
        council=(METHOD, OK),
        coordinator=(METHOD, OK),
    ),
    # The secret link is the credential: calendar clients cannot sign in.
    Row("calendar-feed", "feed_token", **PUBLIC_PAGE),
    Row(
        "calendar-feed",
        "unknown_feed_token",
        anonymous=(NOTFOUND, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    # The owner's account is closed: the link stops working.
    Row(
        "calendar-feed",
        "inactive_feed_token",
        anonymous=(NOTFOUND, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    # --- Action plans and follow-up --------------------------------------------------------
    Row(
        "actionplans:create",
        "none",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # A contact's goal belongs to the contact's department.
    Row(
        "actionplans:goal-create",
        "plan",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
        other_contact=(OK, BAD),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # No follow-up round is open: only the coordinator reports. An empty post on a goal
    # without an outcome is the form saved as opened: nothing recorded, a redirect (OK).
    Row(
        "actionplans:goal-outcome",
        "own_goal",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, OK),
    ),
    Row(
        "actionplans:goal-outcome",
        "own_goal_open_round",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, OK),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, OK),
    ),
    # --- Issue 5: goals, department plans, the municipal plan, follow-up, documents ---------
    Row(
        "actionplans:goal-edit",
        "own_goal",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # A municipal goal (no department): the coordinator's.
    Row(
        "actionplans:goal-edit",
        "municipal_goal",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # Adopted: locked for everyone; a change is a revision, then a new version.
    Row(
        "actionplans:goal-edit",
        "own_goal_adopted_plan",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(FORBIDDEN, FORBIDDEN),
    ),
    Row(
        "actionplans:department-plan",
        "own_department_plan",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(OK, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    # Council members read the department plans of an adopted plan.
    Row("actionplans:department-plan", "adopted_department_plan", **INTERNAL_PAGE),
    # A department with no plan that year: 404, whatever the year's other plans.
    Row(
        "actionplans:department-plan",
        "department_without_plan",
        anonymous=(LOGIN, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    Row(
        "actionplans:department-plan-edit",
        "own_department_plan",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # Sent in: locked for the department while the coordinator reviews it.
    Row(
        "actionplans:department-plan-edit",
        "submitted_department_plan",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    Row(
        "actionplans:department-plan-edit",
        "department_without_plan",
        anonymous=(LOGIN, LOGIN),
        contact=(NOTFOUND, NOTFOUND),
        other_contact=(NOTFOUND, NOTFOUND),
        council=(NOTFOUND, NOTFOUND),
        coordinator=(NOTFOUND, NOTFOUND),
    ),
    Row(
        "actionplans:department-plan-submit",
        "own_department_plan",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, OK),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "actionplans:department-plan-submit",
        "department_without_plan",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, NOTFOUND),
        other_contact=(METHOD, NOTFOUND),
        council=(METHOD, NOTFOUND),
        coordinator=(METHOD, NOTFOUND),
    ),
    Row(
        "actionplans:department-plan-return",
        "submitted_department_plan",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, BAD),
    ),
    Row(
        "actionplans:department-plan-accept",
        "submitted_department_plan",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "actionplans:propose",
        "plan",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "actionplans:adopt",
        "plan",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    Row(
        "actionplans:revise",
        "adopted_plan",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    Row("actionplans:versions", "adopted_plan", **INTERNAL_PAGE),
    Row("actionplans:version", "plan_version", **INTERNAL_PAGE),
    # A plan not yet adopted: council members are refused its versions and comparisons too.
    Row(
        "actionplans:versions",
        "plan",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(OK, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    # A version number the plan does not have.
    Row(
        "actionplans:version",
        "missing_plan_version",
        anonymous=(LOGIN, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    Row(
        "actionplans:compare",
        "plan",
        anonymous=(LOGIN, METHOD),
        contact=(BAD, METHOD),
        other_contact=(BAD, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(BAD, METHOD),
    ),
    # Without ?old=&new= the comparison form is invalid: 400 with the form again.
    Row(
        "actionplans:compare",
        "adopted_plan",
        anonymous=(LOGIN, METHOD),
        contact=(BAD, METHOD),
        other_contact=(BAD, METHOD),
        council=(BAD, METHOD),
        coordinator=(BAD, METHOD),
    ),
    Row(
        "actionplans:copy-forward",
        "plan",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    Row(
        "actionplans:traceability",
        "plan",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(OK, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row("actionplans:traceability", "adopted_plan", **INTERNAL_PAGE),
    Row(
        "actionplans:round-open",
        "adopted_plan",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # Council members read closed rounds only.
    Row(
        "actionplans:board",
        "open_round",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(OK, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row("actionplans:board", "closed_round", **INTERNAL_PAGE),
    # The coordinator may ask; a round with parts not accepted stays open (message, redirect).
    Row(
        "actionplans:round-close",
        "open_round",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "actionplans:part",
        "own_part",
        anonymous=(LOGIN, METHOD),
        contact=(OK, METHOD),
        other_contact=(OK, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row("actionplans:part", "closed_part", **INTERNAL_PAGE),
    # A department without a part in the year's round: 404.
    Row(
        "actionplans:part",
        "department_without_part",
        anonymous=(LOGIN, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    # Goals without outcomes: refused with a message and a redirect for those who may.
    Row(
        "actionplans:part-ready",
        "own_part",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, OK),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "actionplans:part-ready",
        "department_without_part",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, NOTFOUND),
        other_contact=(METHOD, NOTFOUND),
        council=(METHOD, NOTFOUND),
        coordinator=(METHOD, NOTFOUND),
    ),
    Row(
        "actionplans:part-return",
        "ready_part",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, BAD),
    ),
    Row(
        "actionplans:part-accept",
        "ready_part",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row("actionplans:strategy-list", "none", **INTERNAL_PAGE),
    Row("actionplans:strategy", "strategy", **INTERNAL_PAGE),
    Row(
        "actionplans:strategy-create",
        "none",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    Row(
        "actionplans:strategy-edit",
        "strategy",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # No department: the coordinator's.
    Row(
        "actionplans:goal-outcome",
        "municipal_goal",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, OK),
    ),
    # --- Annual reports --------------------------------------------------------------------
    Row(
        "reports:report-request",
        "none",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, BAD),
    ),
    # The report as a web page: coordinators and council members.
    Row(
        "reports:report-preview",
        "plan",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(OK, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row(
        "reports:report-status",
        "unpublished_report",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row(
        "reports:report-retry",
        "failed_report",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "reports:report-publish",
        "unpublished_report",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    # Finished, not yet published.
    Row(
        "reports:report-download",
        "unpublished_report",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row("reports:report-download", "published_report", **INTERNAL_PAGE),
    # The Word copy: a working file for coordinators only, published or not.
    Row(
        "reports:report-download-word",
        "unpublished_report",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row(
        "reports:report-download-word",
        "published_report",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row(
        "reports:report-download-word",
        "published_report_without_file",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(FORBIDDEN, METHOD),
    ),
    # Failed: nothing finished to download, not even for the coordinator.
    Row(
        "reports:report-download",
        "failed_report",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(FORBIDDEN, METHOD),
    ),
    # Without a PDF a report is not done, published or not.
    Row(
        "reports:report-download",
        "published_report_without_file",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(FORBIDDEN, METHOD),
    ),
    # --- Partners, partnerships, networks (partners app) -----------------------------------
    # Coordinators change agreements, memberships and analyses; contacts create and edit
    # their own department's department-level contacts; council members read.
    Row("partners:partnership-list", "none", **INTERNAL_PAGE),
    Row("partners:partner-list", "none", **INTERNAL_PAGE),
    Row("partners:partner-detail", "partner", **INTERNAL_PAGE),
    Row("partners:meeting-list", "none", **INTERNAL_PAGE),
    Row("partners:membership-list", "none", **INTERNAL_PAGE),
    Row("partners:membership-detail", "membership", **INTERNAL_PAGE),
    Row("partners:selection-list", "none", **INTERNAL_PAGE),
    Row("partners:selection-detail", "selection_analysis", **INTERNAL_PAGE),
    Row("partners:partnership-detail", "twinning_partnership", **INTERNAL_PAGE),
    Row("partners:partnership-detail", "department_contact", **INTERNAL_PAGE),
    Row("partners:document-download", "document", **INTERNAL_PAGE),
    Row("partners:partnership-export", "export_csv", **INTERNAL_PAGE),
    Row("partners:partnership-export", "export_xlsx", **INTERNAL_PAGE),
    Row("partners:membership-export", "export_xlsx", **INTERNAL_PAGE),
    Row("partners:partnership-create", "none", **CREATE_FORM),
    Row("partners:partner-create", "none", **CREATE_FORM),
    Row("partners:partner-edit", "partner", **COORDINATOR_FORM),
    # An agreement: the coordinator's alone.
    Row("partners:partnership-edit", "twinning_partnership", **COORDINATOR_FORM),
    Row("partners:evaluation-create", "twinning_partnership", **COORDINATOR_FORM),
    Row("partners:contact-create", "twinning_partnership", **COORDINATOR_FORM),
    Row("partners:political-contact-create", "twinning_partnership", **COORDINATOR_FORM),
    Row("partners:document-create", "twinning_partnership", **COORDINATOR_FORM),
    # A department-level contact: the owning department too.
    Row("partners:partnership-edit", "department_contact", **OWN_DEPARTMENT_FORM),
    Row("partners:evaluation-create", "department_contact", **OWN_DEPARTMENT_FORM),
    Row("partners:contact-create", "department_contact", **OWN_DEPARTMENT_FORM),
    Row("partners:political-contact-create", "department_contact", **OWN_DEPARTMENT_FORM),
    Row("partners:document-create", "department_contact", **OWN_DEPARTMENT_FORM),
    Row("partners:contact-edit", "contact_person_of_department_contact", **OWN_DEPARTMENT_FORM),
    Row("partners:contact-edit", "contact_person_of_twinning", **COORDINATOR_FORM),
    Row(
        "partners:contact-delete",
        "contact_person_of_department_contact",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, OK),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    # A person at a twin town: the coordinator's alone.
    Row(
        "partners:contact-delete",
        "contact_person_of_twinning",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row("partners:meeting-create", "none", **COORDINATOR_FORM),
    Row("partners:meeting-edit", "meeting", **COORDINATOR_FORM),
    Row("partners:membership-create", "none", **COORDINATOR_FORM),
    Row("partners:membership-edit", "membership", **COORDINATOR_FORM),
    # Handing over a relationship: coordinators, and its current owner (here the contact).
    Row("partners:partnership-handover", "twinning_partnership", **COORDINATOR_FORM),
    Row("partners:partnership-handover", "partnership_owned_by_contact", **OWN_DEPARTMENT_FORM),
    Row("partners:membership-handover", "membership", **COORDINATOR_FORM),
    Row("partners:membership-handover", "membership_owned_by_contact", **OWN_DEPARTMENT_FORM),
    Row("partners:analysis-create", "membership", **COORDINATOR_FORM),
    Row("partners:analysis-edit", "benefit_analysis", **COORDINATOR_FORM),
    # Representatives (here the contact) report on their own network.
    Row(
        "partners:report-create",
        "membership_with_representative",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
        other_contact=(FORBIDDEN, FORBIDDEN),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    # Representing one network gives no right to report on another.
    Row(
        "partners:report-create",
        "membership_of_another_representative",
        anonymous=(LOGIN, LOGIN),
        contact=(FORBIDDEN, FORBIDDEN),
        other_contact=(OK, BAD),
        council=(FORBIDDEN, FORBIDDEN),
        coordinator=(OK, BAD),
    ),
    Row("partners:selection-create", "none", **COORDINATOR_FORM),
    Row("partners:selection-edit", "selection_analysis", **COORDINATOR_FORM),
    Row("partners:partnership-import", "none", **COORDINATOR_FORM),
    # Without a previewed upload there is nothing to confirm: 400.
    Row("partners:partnership-import-confirm", "none", **COORDINATOR_POST),
    Row(
        "partners:partnership-import-cancel",
        "none",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row("partners:proposal-list", "none", **COORDINATOR_PAGE),
    Row("partners:proposal-detail", "proposal", **COORDINATOR_FORM),
    Row("partners:personal-data", "none", **COORDINATOR_PAGE),
    # Without a name or address to look for: 400.
    Row(
        "partners:personal-data-export",
        "none",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(BAD, METHOD),
    ),
    Row("partners:personal-data-erase", "none", **COORDINATOR_POST),
    # Public: the published partnerships, open data and the proposal form.
    Row("public_partnerships:public-list", "none", **PUBLIC_PAGE),
    Row("public_partnerships:proposal-thanks", "none", **PUBLIC_PAGE),
    Row(
        "public_partnerships:proposal-create",
        "fresh_proposal_limit",
        anonymous=(OK, BAD),
        contact=(OK, BAD),
        other_contact=(OK, BAD),
        council=(OK, BAD),
        coordinator=(OK, BAD),
    ),
    # --- Open data (/open/): public, read-only ---------------------------------------------
    Row("open_data:index", "none", **PUBLIC_PAGE),
    Row("open_data:datapackage", "none", **PUBLIC_PAGE),
    Row("open_data:catalog-jsonld", "none", **PUBLIC_PAGE),
    Row("open_data:catalog-rdf", "none", **PUBLIC_PAGE),
    *(
        Row("open_data:dataset", f"open_{name}_{fmt}", **PUBLIC_PAGE)
        for name in ("projects", "partnerships", "memberships", "activities", "reports")
        for fmt in ("json", "csv")
    ),
    Row(
        "open_data:dataset",
        "open_unknown_dataset",
        anonymous=(NOTFOUND, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    # --- Funding radar (funding app): every role reads; contacts mark and start ideas; ----------
    # coordinators enter, import and edit calls and the matching keywords.
    Row("funding:radar", "none", **INTERNAL_PAGE),
    Row("funding:figures", "none", **INTERNAL_PAGE),
    Row("funding:detail", "call", **INTERNAL_PAGE),
    Row(
        "funding:detail",
        "missing_call",
        anonymous=(LOGIN, METHOD),
        contact=(NOTFOUND, METHOD),
        other_contact=(NOTFOUND, METHOD),
        council=(NOTFOUND, METHOD),
        coordinator=(NOTFOUND, METHOD),
    ),
    Row("funding:create", "none", **COORDINATOR_FORM),
    Row("funding:edit", "call", **COORDINATOR_FORM),
    # The probe posts no mark: 400 for whoever may mark.
    Row(
        "funding:mark",
        "call",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, BAD),
        other_contact=(METHOD, BAD),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, BAD),
    ),
    # A contact's idea is their department's; the coordinator must name a department.
    Row(
        "funding:idea",
        "call",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, OK),
        other_contact=(METHOD, OK),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, BAD),
    ),
    Row("funding:import", "none", **COORDINATOR_FORM),
    Row("funding:import-confirm", "none", **COORDINATOR_POST),
    Row(
        "funding:import-cancel",
        "none",
        **(COORDINATOR_POST | {"coordinator": (METHOD, OK)}),
    ),
    Row("funding:import-template", "template_xlsx", **COORDINATOR_PAGE),
    Row(
        "funding:import-template",
        "template_unknown",
        **(COORDINATOR_PAGE | {"coordinator": (NOTFOUND, METHOD)}),
    ),
    Row("funding:keywords", "none", **COORDINATOR_PAGE),
    # Empty keywords are allowed (a focus area may have none): the probe saves.
    Row(
        "funding:keywords-area",
        "focus_area",
        **(COORDINATOR_FORM | {"coordinator": (OK, OK)}),
    ),
    Row(
        "funding:keywords-goal",
        "current_goal",
        **(COORDINATOR_FORM | {"coordinator": (OK, OK)}),
    ),
    # --- Django admin: explicit rows beside the prefix rule below --------------------------
    # The admin login form itself (no role here is staff).
    Row(
        "admin:login",
        "none",
        anonymous=(OK, OK),
        contact=(OK, OK),
        other_contact=(OK, OK),
        council=(OK, OK),
        coordinator=(OK, OK),
    ),
    # Django sends users without admin access to the admin index.
    Row(
        "admin:logout",
        "none",
        anonymous=(OK, OK),
        contact=(OK, OK),
        other_contact=(OK, OK),
        council=(OK, OK),
        coordinator=(OK, OK),
    ),
)

# Every other URL in the `admin:` namespace: no role of the portal is staff, not even the
# coordinator (the admin is for superusers), so every method ends at the admin login.
ADMIN_NAMESPACE: Final = "admin"
ADMIN_PREFIX_RULE: Final = Row(
    "admin:*",
    "none",
    anonymous=(ADMIN_LOGIN, ADMIN_LOGIN),
    contact=(ADMIN_LOGIN, ADMIN_LOGIN),
    other_contact=(ADMIN_LOGIN, ADMIN_LOGIN),
    council=(ADMIN_LOGIN, ADMIN_LOGIN),
    coordinator=(ADMIN_LOGIN, ADMIN_LOGIN),
)
