"""The dashboard's "Att göra": what waits for each role, with links that open, and counts."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan, AnnualReport, DepartmentPlan, FollowUpPart
from intl_portal.notifications.services import _bump_todo_generation
from partners.models import ContactPerson, Partnership, PartnershipEvaluation, TwinTownProposal
from portal.todo import todo_for
from projects import services as project_services
from projects.models import Activity, Project, ProjectRevision
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _keys(user: object) -> set[str]:
    return {g.key for g in todo_for(user).groups}


def _coordinators_world(world: World) -> None:
    dep = world.own_department
    factories.ProjectFactory(title="Inskickat", department=dep, status=Project.Status.SUBMITTED)
    approved = factories.ProjectFactory(department=dep, status=Project.Status.APPROVED)
    ProjectRevision.objects.create(
        project=approved, created_by=world.contact, status=ProjectRevision.Status.PENDING
    )
    factories.ActivityFactory(department=dep, status=Activity.Status.SUBMITTED)
    plan = factories.ActionPlanFactory(year=2026)
    factories.DepartmentPlanFactory(plan=plan, department=dep, status="submitted")
    factories.FollowUpPartFactory(department=dep, status=FollowUpPart.Status.READY)
    TwinTownProposal.objects.create(
        proposer_kind="resident",
        proposer_name="Eva",
        proposer_email="eva@example.org",
        town="Ringsted",
        country="DK",
        motivation="Vänskap",
    )
    factories.AnnualReportFactory(state=AnnualReport.State.FAILED, failure_reason="Trasig")
    factories.ProjectFactory(currency="EUR", start_date=datetime.date(2031, 1, 1), end_date=None)
    factories.StrategyFactory(revision_due=TODAY + datetime.timedelta(days=10))
    unevaluated = factories.PartnershipFactory(kind=Partnership.Kind.TWINNING)
    ContactPerson.objects.create(partnership=unevaluated, name="Anna", side="partner")
    factories.PartnershipFactory(kind=Partnership.Kind.TWINNING)  # no contact, no evaluation


ALL_COORDINATOR_GROUPS = {
    "projects_submitted",
    "changes_submitted",
    "activities_submitted",
    "exchange_rates",
    "department_plans_submitted",
    "parts_ready",
    "reports_failed",
    "strategies_due",
    "proposals",
    "twin_towns_unevaluated",
    "twin_towns_without_contact",
}


def test_the_coordinator_sees_everything_that_waits_and_every_link_opens(
    client: Client, world: World
) -> None:
    _coordinators_world(world)

    todo = todo_for(world.coordinator)

    assert {g.key for g in todo.groups} == ALL_COORDINATOR_GROUPS
    client.force_login(world.coordinator)
    for group in todo.groups:
        for item in group.items:
            assert client.get(item.url).status_code == 200, (group.key, item.url)
    rates = next(g for g in todo.groups if g.key == "exchange_rates")
    assert rates.items[0].title == "Kurs saknas för EUR 2031"


def test_a_twin_town_evaluated_lately_and_with_a_contact_is_not_listed(world: World) -> None:
    partnership = factories.PartnershipFactory(kind=Partnership.Kind.TWINNING)
    ContactPerson.objects.create(partnership=partnership, name="Anna", side="partner")
    PartnershipEvaluation.objects.create(
        partnership=partnership,
        date=TODAY - datetime.timedelta(days=300),
        benefit="Utbyten",
        conclusion="Fortsätt",
    )
    assert _keys(world.coordinator) == set()


def test_a_contact_sees_the_departments_returned_items_drafts_and_followup(
    world: World,
) -> None:
    own, other = world.own_department, world.other_department
    factories.ProjectFactory(department=own, status=Project.Status.RETURNED)
    factories.ProjectFactory(department=own, status=Project.Status.DRAFT)
    factories.ActivityFactory(department=own, status=Activity.Status.RETURNED)
    factories.ActivityFactory(department=own, status=Activity.Status.DRAFT)
    plan = factories.ActionPlanFactory(year=2026)
    DepartmentPlan.objects.create(plan=plan, department=own, status="returned")
    part = factories.FollowUpPartFactory(department=own)
    factories.ProjectFactory(department=other, status=Project.Status.RETURNED)

    todo = todo_for(world.contact)

    assert {g.key for g in todo.groups} == {
        "projects_returned",
        "activities_returned",
        "projects_draft",
        "activities_draft",
        "department_plans_returned",
        "parts_to_report",
    }
    parts = next(g for g in todo.groups if g.key == "parts_to_report")
    assert part.round.deadline.isoformat() in parts.items[0].detail
    assert _keys(world.other_contact) == {"projects_returned"}


def test_council_members_see_newly_published_reports(world: World) -> None:
    factories.AnnualReportFactory(
        state=AnnualReport.State.DONE,
        version=1,
        pdf="reports/2026/v1.pdf",
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    factories.AnnualReportFactory(
        year=2020,
        state=AnnualReport.State.DONE,
        version=1,
        pdf="reports/2020/v1.pdf",
        published_at=timezone.now() - datetime.timedelta(days=400),
    )
    todo = todo_for(world.council)
    assert [len(g.items) for g in todo.groups] == [1]


def test_the_dashboard_shows_the_list_and_the_navigation_counts_it(
    client: Client, world: World
) -> None:
    factories.ProjectFactory(
        title="Vänta på mig", department=world.own_department, status=Project.Status.SUBMITTED
    )
    client.force_login(world.coordinator)

    page = client.get(reverse("dashboard")).content.decode()
    assert "Att göra" in page and "Vänta på mig" in page
    nav = client.get(reverse("projects:list")).content.decode()
    assert f'data-hx-get="{reverse("todo-count")}"' in nav  # fetched after the page
    count = client.get(reverse("todo-count")).content.decode()
    assert '1<span class="visually-hidden"> att göra</span>' in count


def test_the_count_is_renewed_after_an_event(client: Client, world: World) -> None:
    project = factories.ProjectFactory(department=world.own_department, created_by=world.contact)
    client.force_login(world.coordinator)
    assert "att göra" not in client.get(reverse("todo-count")).content.decode()

    project_services.project_submit(project=project, user=world.contact)
    _bump_todo_generation()  # what the commit does (the test's transaction never commits)

    count = client.get(reverse("todo-count")).content.decode()
    assert '1<span class="visually-hidden"> att göra</span>' in count


def test_nobody_else_has_a_count_for_the_coordinators_work(client: Client, world: World) -> None:
    factories.ProjectFactory(department=world.own_department, status=Project.Status.SUBMITTED)
    client.force_login(world.council)
    assert client.get(reverse("todo-count")).content.decode().strip() == ""


def test_every_open_followup_round_shows(client: Client, world: World) -> None:
    for year in (2025, 2026):
        plan = factories.ActionPlanFactory(year=year, status=ActionPlan.Status.ADOPTED)
        factories.FollowUpRoundFactory(plan=plan)
    client.force_login(world.council)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Uppföljningen 2025" in page and "Uppföljningen 2026" in page


def test_the_full_list_reads_a_constant_number_of_queries(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    _coordinators_world(world)

    def count() -> int:
        cache.clear()  # the navigation's count is read afresh each time
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("dashboard")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for n in range(8):
        factories.ProjectFactory(department=world.own_department, status="submitted")
        factories.ActivityFactory(department=world.own_department, status="submitted")
        factories.PartnershipFactory(kind=Partnership.Kind.TWINNING)
        factories.StrategyFactory(revision_due=TODAY + datetime.timedelta(days=n))
        factories.ProjectFactory(
            currency="EUR", start_date=datetime.date(2040 + n, 1, 1), end_date=None
        )
    assert count() == few


def test_the_dashboard_shows_a_saved_change_at_once(world: World) -> None:
    """The dashboard is cached per user, and read afresh after any change saved in the portal."""
    project = factories.ProjectFactory(
        title="Nytt från förvaltningen", department=world.own_department, created_by=world.contact
    )
    coordinator, contact = Client(), Client()
    coordinator.force_login(world.coordinator)
    contact.force_login(world.contact)
    assert "Nytt från förvaltningen" not in coordinator.get(reverse("dashboard")).content.decode()

    response = contact.post(reverse("projects:submit", args=[project.pk]))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Project.Status.SUBMITTED

    page = coordinator.get(reverse("dashboard")).content.decode()
    assert "Nytt från förvaltningen" in page


def test_the_dashboard_is_read_once_while_nothing_changes(client: Client, world: World) -> None:
    _coordinators_world(world)
    client.force_login(world.coordinator)
    assert "Inskickat" in client.get(reverse("dashboard")).content.decode()
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(reverse("dashboard")).content.decode()
    assert "Inskickat" in again
    read = {q["sql"].split(" FROM ", 1)[1].split()[0] for q in ctx.captured_queries}
    assert '"projects_project"' not in read and '"actionplans_goal"' not in read


def test_the_count_without_a_session_sends_the_page_to_login_not_a_login_page(
    client: Client,
) -> None:
    """A redirect was followed by htmx and the whole login page, header and all, swapped into
    the menu: every id of the header twice on the page (pa11y F77, issue 33)."""
    response = client.get(
        reverse("todo-count"),
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/projects/?q=x"},
    )

    assert response.status_code == 204 and not response.content
    assert response["HX-Redirect"] == "/accounts/login/?next=%2Fprojects%2F%3Fq%3Dx"
