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


MATRIX: Final[tuple[Row, ...]] = (
    # --- Public pages and machinery --------------------------------------------------------
    Row("public-home", "none", **PUBLIC_PAGE),
    Row("accessibility", "none", **PUBLIC_PAGE),
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
    Row("partners:registry", "none", **INTERNAL_PAGE),
    Row("projects:list", "none", **INTERNAL_PAGE),
    Row("actionplans:list", "none", **INTERNAL_PAGE),
    Row("actionplans:detail", "plan", **INTERNAL_PAGE),
    Row("actionplans:report-list", "none", **INTERNAL_PAGE),
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
    Row(
        "projects:edit",
        "approved_project",
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
    # Locked: the department cannot resubmit.
    Row(
        "projects:submit",
        "submitted_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),  # refused by the workflow, shown as a message
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
    Row(
        "projects:return",
        "submitted_project",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),  # without a comment: refused, shown as a message
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
    Row(
        "actionplans:goal-outcome",
        "own_goal",
        anonymous=(LOGIN, LOGIN),
        contact=(OK, BAD),
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
        coordinator=(OK, BAD),
    ),
    # --- Annual reports --------------------------------------------------------------------
    Row(
        "actionplans:report-request",
        "none",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, BAD),
    ),
    Row(
        "actionplans:report-status",
        "unpublished_report",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row(
        "actionplans:report-retry",
        "failed_report",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    Row(
        "actionplans:report-publish",
        "unpublished_report",
        anonymous=(METHOD, LOGIN),
        contact=(METHOD, FORBIDDEN),
        other_contact=(METHOD, FORBIDDEN),
        council=(METHOD, FORBIDDEN),
        coordinator=(METHOD, OK),
    ),
    # Finished, not yet published.
    Row(
        "actionplans:report-download",
        "unpublished_report",
        anonymous=(LOGIN, METHOD),
        contact=(FORBIDDEN, METHOD),
        other_contact=(FORBIDDEN, METHOD),
        council=(FORBIDDEN, METHOD),
        coordinator=(OK, METHOD),
    ),
    Row("actionplans:report-download", "published_report", **INTERNAL_PAGE),
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
