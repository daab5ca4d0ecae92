"""Every URL of the portal, for every role, GET and POST, against tests/permission_matrix.py."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.http import HttpResponseBase
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from actionplans.models import (
    ActionPlan,
    AnnualReport,
    DepartmentPlan,
    FollowUpPart,
    FollowUpRound,
    PlanVersion,
)
from intl_portal.organisation.models import AccessibilityReport, Role
from projects.models import Attachment, CalendarFeed, EmissionFactor, Project, ProjectRevision
from tests import factories
from tests.conftest import World
from tests.funding.setups import FUNDING_SETUPS
from tests.organisation.setups import ORGANISATION_SETUPS
from tests.partners.setups import PARTNER_SETUPS
from tests.permission_matrix import (
    ADMIN_LOGIN,
    ADMIN_NAMESPACE,
    ADMIN_PREFIX_RULE,
    BAD,
    FORBIDDEN,
    LOGIN,
    MATRIX,
    METHOD,
    METHODS,
    NOTFOUND,
    OK,
    OUTCOMES,
    ROLES,
    Row,
)

# One field no form of the portal knows: it binds every form (an empty POST would leave the
# `Form(request.POST or None)` forms unbound), without making any of them valid.
POST_DATA = {"permission-matrix-probe": "1"}

# --- Walking the URL resolver ---------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str  # namespaced, e.g. "projects:edit"; "" when the pattern has no name
    route: str  # the full route, for messages
    namespaces: tuple[str, ...]
    takes_arguments: bool


def _walk(
    resolver: URLResolver, route: str = "", namespaces: tuple[str, ...] = ()
) -> Iterator[Pattern]:
    for entry in resolver.url_patterns:
        full_route = route + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry, full_route, inner)
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else ""
            takes_arguments = entry.pattern.regex.groups > 0
            yield Pattern(name, full_route, namespaces, takes_arguments)


def project_patterns() -> list[Pattern]:
    return list(_walk(get_resolver()))


def _is_admin(pattern: Pattern) -> bool:
    return pattern.namespaces[:1] == (ADMIN_NAMESPACE,)


# --- Object setups: what a URL's arguments point at, fresh for every test -------------------

Setup = Callable[[World, pytest.FixtureRequest], dict[str, object]]


def _project(world: World, status: str, **extra: object) -> dict[str, object]:
    project = factories.ProjectFactory(
        department=world.own_department, created_by=world.contact, status=status, **extra
    )
    return {"pk": project.pk}


def _project_history(world: World, *, restore: bool) -> dict[str, object]:
    project = factories.ProjectFactory(department=world.own_department, title="Före")
    first = project.history.latest().history_id
    project.title = "Efter"
    project.save()
    kwargs: dict[str, object] = {"label": "projects.project", "pk": project.pk}
    return {**kwargs, "history_id": first} if restore else kwargs


def _report(request: pytest.FixtureRequest, *, published: bool) -> dict[str, object]:
    """A finished report with a small real file, stored under this test's own MEDIA_ROOT."""
    tmp_path: Path = request.getfixturevalue("tmp_path")
    django_settings: Any = request.getfixturevalue("settings")
    django_settings.MEDIA_ROOT = tmp_path / "media"
    report = AnnualReport.objects.create(
        year=2026,
        state=AnnualReport.State.DONE,
        version=1,
        pages=1,
        finished_at=timezone.now(),
        published_at=timezone.now() if published else None,
    )
    report.pdf.save("report.pdf", ContentFile(b"%PDF-1.4\n% permission matrix\n%%EOF\n"))
    report.docx.save("report.docx", ContentFile(b"PK\x03\x04 permission matrix"))
    return {"pk": report.pk}


def _published_report_without_file(
    world: World, request: pytest.FixtureRequest
) -> dict[str, object]:
    """A row a superuser could leave behind in the admin: published, done, no PDF."""
    report = AnnualReport.objects.create(
        year=2026,
        state=AnnualReport.State.DONE,
        version=1,
        finished_at=timezone.now(),
        published_at=timezone.now(),
    )
    return {"pk": report.pk}


def _failed_report(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    report = AnnualReport.objects.create(
        year=2026, state=AnnualReport.State.FAILED, attempts=1, failure_reason="test"
    )
    return {"pk": report.pk}


def _plan(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    return {"year": factories.ActionPlanFactory(year=2026).year}


def _goal(department: object) -> dict[str, object]:
    return {"pk": factories.GoalFactory(plan__year=2026, department=department).pk}


# --- Issue 5: department plans, versions, follow-up rounds, governing documents ------------


def _adopted_plan(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    plan = factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.ADOPTED)
    goal = factories.GoalFactory(plan=plan, department=world.own_department)
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        reason="Första fastställda versionen.",
        snapshot={"title": str(plan), "goals": [{"id": goal.pk, "description": "Mål"}]},
        decision_body="KS",
        decision_date=datetime.date(2026, 2, 1),
        decision_paragraph="12",
        decision_case_number="KS 2026/1",
    )
    return {"year": plan.year}


def _department_plan(
    world: World, status: str, plan_status: str = ActionPlan.Status.DRAFT
) -> dict[str, object]:
    department_plan = factories.DepartmentPlanFactory(
        plan=factories.ActionPlanFactory(year=2026, status=plan_status),
        department=world.own_department,
        status=status,
    )
    factories.GoalFactory(plan=department_plan.plan, department=world.own_department)
    return {"year": 2026, "department": world.own_department.pk}


def _department_without_plan(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    """The year has the own department's plan; the URL names a department without one."""
    _department_plan(world, DepartmentPlan.Status.DRAFT)
    return {"year": 2026, "department": world.other_department.pk}


def _round(world: World, *, closed: bool = False, part_status: str = "") -> FollowUpPart:
    followup_round = factories.FollowUpRoundFactory(
        plan=factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.ADOPTED),
        status=FollowUpRound.Status.CLOSED if closed else FollowUpRound.Status.OPEN,
    )
    factories.GoalFactory(plan=followup_round.plan, department=world.own_department)
    return factories.FollowUpPartFactory(
        round=followup_round,
        department=world.own_department,
        status=part_status or FollowUpPart.Status.NOT_STARTED,
        ready_at=timezone.now() if part_status else None,
    )


def _part_kwargs(part: FollowUpPart) -> dict[str, object]:
    return {"year": part.round.plan.year, "department": part.department_id}


def _goal_in_open_round(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    part = _round(world)
    return {"pk": part.round.plan.goals.get().pk}


def _department_without_part(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    """The round has the own department's part; the URL names a department without one."""
    part = _round(world)
    return {"year": part.round.plan.year, "department": world.other_department.pk}


def _goal_of_adopted_plan(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    plan = factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.ADOPTED)
    return {"pk": factories.GoalFactory(plan=plan, department=world.own_department).pk}


def _project_attachment(
    world: World, request: pytest.FixtureRequest, status: str, department: object = None
) -> dict[str, object]:
    """A project with one real attachment under this test's own MEDIA_ROOT."""
    django_settings: Any = request.getfixturevalue("settings")
    django_settings.MEDIA_ROOT = request.getfixturevalue("tmp_path") / "media"
    project = factories.ProjectFactory(department=department or world.own_department, status=status)
    attachment = Attachment(project=project, original_name="beslut.pdf", kind="pdf", size=20)
    attachment.file.save("upload", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    attachment.save()
    return {"pk": project.pk, "attachment_pk": attachment.pk}


def _attachment_of_another_project(
    world: World, request: pytest.FixtureRequest
) -> dict[str, object]:
    """A project every role may see, with the id of another department's draft's attachment."""
    hidden = _project_attachment(world, request, Project.Status.DRAFT, world.other_department)
    shown = _project(world, Project.Status.APPROVED, approved_at=timezone.now())
    return {"pk": shown["pk"], "attachment_pk": hidden["attachment_pk"]}


def _pending_change(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    kwargs = _project(world, Project.Status.APPROVED, approved_at=timezone.now())
    ProjectRevision.objects.create(
        project_id=kwargs["pk"], data={"title": "Ny titel"}, created_by=world.contact
    )
    return kwargs


def _activity(world: World, status: str) -> dict[str, object]:
    activity = factories.ActivityFactory(department=world.own_department, status=status)
    return {"pk": activity.pk}


def _feed_token(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    return {"token": CalendarFeed.objects.create(user=world.contact).token}


def _inactive_feed_token(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    """The link of a contact whose account was closed: it must stop working."""
    user = factories.UserFactory(
        username="avslutad", role=Role.CONTACT, department=world.own_department, is_active=False
    )
    return {"token": CalendarFeed.objects.create(user=user).token}


def _feed_history(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    """A recorded model that is never browsable: its history holds the secret link."""
    return {
        "label": "projects.calendarfeed",
        "pk": CalendarFeed.objects.create(user=world.contact).pk,
    }


def _history_of_another_project(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    """Restore one project to a history row of another project."""
    kwargs = _project_history(world, restore=True)
    other = _project_history(world, restore=True)
    return {**kwargs, "history_id": other["history_id"]}


SETUPS: dict[str, Setup] = {
    **PARTNER_SETUPS,
    **FUNDING_SETUPS,
    **ORGANISATION_SETUPS,
    "none": lambda world, request: {},
    # The emission factors come from a data migration.
    "emission_factor": lambda world, request: {
        "pk": EmissionFactor.objects.get_or_create(
            mode="flight", defaults={"grams_per_km": 133, "source": "test", "year": 2024}
        )[0].pk
    },
    **{
        f"open_{name}_{fmt}": (
            lambda world, request, name=name, fmt=fmt: {"name": name, "fmt": fmt}
        )
        for name in ("projects", "partnerships", "memberships", "activities", "reports")
        for fmt in ("json", "csv")
    },
    "open_unknown_dataset": lambda world, request: {"name": "secrets", "fmt": "json"},
    "draft_project": lambda world, request: _project(world, Project.Status.DRAFT),
    "returned_project": lambda world, request: _project(
        world, Project.Status.RETURNED, review_comment="Komplettera budgeten."
    ),
    "submitted_project": lambda world, request: _project(
        world, Project.Status.SUBMITTED, submitted_at=timezone.now()
    ),
    "approved_project": lambda world, request: _project(
        world, Project.Status.APPROVED, approved_at=timezone.now()
    ),
    "public_project": lambda world, request: _project(
        world,
        Project.Status.APPROVED,
        approved_at=timezone.now(),
        is_published=True,
        phase=Project.Phase.ONGOING,
        start_date=datetime.date(2026, 1, 1),
    ),
    # Marked for the website, but never approved.
    "published_draft_project": lambda world, request: _project(
        world,
        Project.Status.DRAFT,
        is_published=True,
        phase=Project.Phase.ONGOING,
        start_date=datetime.date(2026, 1, 1),
    ),
    "project_with_pending_change": _pending_change,
    "draft_attachment": lambda world, request: _project_attachment(
        world, request, Project.Status.DRAFT
    ),
    "approved_attachment": lambda world, request: _project_attachment(
        world, request, Project.Status.APPROVED
    ),
    "attachment_of_another_project": _attachment_of_another_project,
    "draft_activity": lambda world, request: _activity(world, "draft"),
    "submitted_activity": lambda world, request: _activity(world, "submitted"),
    "approved_activity": lambda world, request: _activity(world, "approved"),
    "feed_token": _feed_token,
    "unknown_feed_token": lambda world, request: {"token": "no-such-link"},
    "inactive_feed_token": _inactive_feed_token,
    "plan": _plan,
    "adopted_plan": _adopted_plan,
    "plan_version": lambda world, request: {**_adopted_plan(world, request), "number": 1},
    "missing_plan_version": lambda world, request: {**_adopted_plan(world, request), "number": 2},
    "own_department_plan": lambda world, request: _department_plan(
        world, DepartmentPlan.Status.DRAFT
    ),
    "submitted_department_plan": lambda world, request: _department_plan(
        world, DepartmentPlan.Status.SUBMITTED
    ),
    "adopted_department_plan": lambda world, request: _department_plan(
        world, DepartmentPlan.Status.ACCEPTED, ActionPlan.Status.ADOPTED
    ),
    "department_without_plan": _department_without_plan,
    "open_round": lambda world, request: {"year": _round(world).round.plan.year},
    "closed_round": lambda world, request: {"year": _round(world, closed=True).round.plan.year},
    "own_part": lambda world, request: _part_kwargs(_round(world)),
    "closed_part": lambda world, request: _part_kwargs(
        _round(world, closed=True, part_status=FollowUpPart.Status.ACCEPTED)
    ),
    "ready_part": lambda world, request: _part_kwargs(
        _round(world, part_status=FollowUpPart.Status.READY)
    ),
    "own_goal_open_round": _goal_in_open_round,
    "department_without_part": _department_without_part,
    "own_goal_adopted_plan": _goal_of_adopted_plan,
    "strategy": lambda world, request: {"pk": factories.StrategyFactory().pk},
    "own_goal": lambda world, request: _goal(world.own_department),
    "municipal_goal": lambda world, request: _goal(None),
    "published_report": lambda world, request: _report(request, published=True),
    "unpublished_report": lambda world, request: _report(request, published=False),
    "published_report_without_file": _published_report_without_file,
    "failed_report": _failed_report,
    "project_history": lambda world, request: _project_history(world, restore=False),
    "project_history_restore": lambda world, request: _project_history(world, restore=True),
    "history_of_another_project": _history_of_another_project,
    "feed_history": _feed_history,
    "accessibility_report": lambda world, request: {
        "pk": AccessibilityReport.objects.create(description="Kontrasten är för låg").pk
    },
}


# --- Requests and outcomes ------------------------------------------------------------------


def outcome_of(response: HttpResponseBase) -> str:
    """Map a response onto the matrix vocabulary; anything else is reported as its status."""
    status = response.status_code
    # htmx partials send the browser to the login page with a header instead of a redirect.
    hx_redirect = response.headers.get("HX-Redirect", "")
    if hx_redirect and urlsplit(hx_redirect).path == resolve_url(settings.LOGIN_URL):
        return LOGIN
    if status in {301, 302, 303, 307, 308}:
        target = urlsplit(response["Location"]).path
        if target == resolve_url(settings.LOGIN_URL):
            return LOGIN
        if target == reverse("admin:login"):
            return ADMIN_LOGIN
        return OK
    if 200 <= status < 300:
        return OK
    named = {400: BAD, 403: FORBIDDEN, 404: NOTFOUND, 405: METHOD}
    return named.get(status, f"HTTP {status}")


def request_as(client: Client, world: World, role: str, method: str, url: str) -> str:
    if role != "anonymous":
        client.force_login(getattr(world, role))
    response = client.get(url) if method == "GET" else client.post(url, POST_DATA)
    # File downloads hold the file open until closed. Closing fires request_finished, whose
    # close_old_connections would close the database connection inside the test's
    # transaction: the test client disconnects it while it closes responses, and so do we.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return outcome_of(response)


def _matrix_rows() -> Iterator[pytest.ParameterSet]:
    setups_per_url = Counter(row.url for row in MATRIX)
    for row in MATRIX:
        setup = f"[{row.setup}]" if setups_per_url[row.url] > 1 else ""
        yield pytest.param(row, id=f"{row.url}{setup}")


def _admin_representative_urls() -> list[str]:
    """The admin URLs requested for every role: the index and every model's changelist.

    All other admin URLs sit behind the same `AdminSite.admin_view` check; the prefix rule
    covers them without requesting each one (login and logout have rows of their own).
    """
    return sorted(
        pattern.name
        for pattern in project_patterns()
        if _is_admin(pattern)
        and not pattern.takes_arguments
        and (pattern.name == "admin:index" or pattern.name.endswith("_changelist"))
    )


# --- The table itself -----------------------------------------------------------------------


def test_every_url_pattern_has_a_row_in_the_permission_matrix() -> None:
    covered = {row.url for row in MATRIX}
    missing = [
        f"{pattern.name or '<unnamed>'} ({pattern.route})"
        for pattern in project_patterns()
        if not _is_admin(pattern) and pattern.name not in covered
    ]
    assert not missing, (
        "URL patterns without a row in tests/permission_matrix.py (unnamed patterns need a "
        f"name first): {missing}"
    )


def test_no_two_url_patterns_share_a_name_outside_the_admin() -> None:
    names = Counter(p.name for p in project_patterns() if not _is_admin(p) and p.name)
    shared = sorted(name for name, count in names.items() if count > 1)
    assert not shared, f"only one pattern per name can be requested by reverse(): {shared}"


def test_permission_matrix_has_no_rows_for_urls_that_no_longer_exist() -> None:
    existing = {pattern.name for pattern in project_patterns() if pattern.name}
    stale = sorted({row.url for row in MATRIX} - existing)
    assert not stale, f"rows in tests/permission_matrix.py for URLs that are gone: {stale}"


def test_permission_matrix_rows_use_known_setups_and_outcomes() -> None:
    problems = []
    seen: set[tuple[str, str]] = set()
    for row in [*MATRIX, ADMIN_PREFIX_RULE]:
        if row.setup not in SETUPS:
            problems.append(f"{row.url}: unknown setup {row.setup!r}")
        if (row.url, row.setup) in seen:
            problems.append(f"{row.url}: two rows for setup {row.setup!r}")
        seen.add((row.url, row.setup))
        for role in ROLES:
            for method in METHODS:
                if row.expected(role, method) not in OUTCOMES:
                    problems.append(f"{row.url} {role} {method}: {row.expected(role, method)!r}")
    assert not problems, problems


def test_admin_index_and_every_model_changelist_are_requested() -> None:
    names = _admin_representative_urls()
    changelists = {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        for model in admin.site._registry
    }
    assert "admin:index" in names
    assert changelists <= set(names), changelists - set(names)


# --- The requests ---------------------------------------------------------------------------


@pytest.mark.parametrize("row", list(_matrix_rows()))
def test_url_answers_each_role_as_the_permission_matrix_says(
    row: Row, *, world: World, request: pytest.FixtureRequest
) -> None:
    """Every role, GET and POST, each request on the same rows as if it were the only one.

    The row's objects are made once; each request runs in a savepoint that is rolled back
    afterwards, so what one role's POST changes is gone before the next request (a test per
    request made the same objects ten times over, most of the suite's time).
    """
    url = reverse(row.url, kwargs=SETUPS[row.setup](world, request))
    wrong = []
    for role in ROLES:
        for method in METHODS:
            with transaction.atomic():
                outcome = request_as(Client(), world, role, method, url)
                transaction.set_rollback(True)
            if outcome != row.expected(role, method):
                wrong.append(f"{method} as {role}: {outcome}, not {row.expected(role, method)}")
    assert not wrong, f"{url} ({row.setup}): {wrong}"


@pytest.mark.parametrize("name", _admin_representative_urls())
def test_admin_url_sends_every_portal_role_to_the_admin_login(name: str, world: World) -> None:
    url = reverse(name)
    wrong = []
    for role in ROLES:
        for method in METHODS:
            with transaction.atomic():
                outcome = request_as(Client(), world, role, method, url)
                transaction.set_rollback(True)
            if outcome != ADMIN_PREFIX_RULE.expected(role, method):
                wrong.append(f"{method} as {role}: {outcome}")
    assert not wrong, f"{url}: {wrong}"
