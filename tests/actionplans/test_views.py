"""The action plan pages: edit conflicts, bad input, and a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import (
    ActionPlan,
    DepartmentPlan,
    FollowUpPart,
    FollowUpRound,
    Goal,
    GoalOutcome,
    PlanVersion,
    Strategy,
)
from actionplans.selectors import plan_snapshot
from intl_portal.organisation.models import Department, User
from projects.models import Project
from tests import factories
from tests.conftest import World


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _outcome_post(version: int, **extra: str) -> dict[str, str]:
    data = {
        "value": "31",
        "status": "partly",
        "trend": "better",
        "comment": "Min analys som inte får försvinna.",
        "version": str(version),
    }
    data.update(extra)
    return data


def test_second_outcome_save_gets_409_with_typed_and_saved_values(world: World) -> None:
    goal = factories.GoalFactory(
        department=world.own_department, plan__status=ActionPlan.Status.ADOPTED
    )
    factories.FollowUpPartFactory(round__plan=goal.plan, department=world.own_department)
    url = reverse("actionplans:goal-outcome", args=[goal.pk])
    contact, coordinator = _client(world.contact), _client(world.coordinator)
    contact.get(url)
    coordinator.get(url)  # both opened the empty form (version 0)
    assert (
        coordinator.post(url, _outcome_post(0, value="44", comment="Samordnarens")).status_code
        == 302
    )

    response = contact.post(url, _outcome_post(0))

    assert response.status_code == 409
    html = response.content.decode()
    assert "ändrade samma uppgifter medan du skrev" in html
    assert "Min analys som inte får försvinna." in html  # what they typed is kept
    assert "Samordnarens" in html, html[html.find("<main") :]  # saved, shown for merging
    assert 'name="version" value="1"' in html
    assert GoalOutcome.objects.get(goal=goal).value == Decimal(44)
    # Saving the merged form now goes through.
    assert contact.post(url, _outcome_post(1)).status_code == 302
    assert GoalOutcome.objects.get(goal=goal).value == Decimal(31)


def test_second_goal_save_gets_409_and_keeps_the_typed_text(world: World) -> None:
    goal = factories.GoalFactory(department=world.own_department, plan__year=2026)
    url = reverse("actionplans:goal-edit", args=[goal.pk])
    data = {
        "focus_area": goal.focus_area_id,
        "department": world.own_department.pk,
        "description": "Min nya formulering",
        "indicator": "Antal",
        "unit": "st",
        "baseline": "1",
        "target": "5",
        "version": "1",
    }
    assert _client(world.coordinator).post(url, {**data, "description": "Först"}).status_code == 302

    response = _client(world.contact).post(url, data)

    assert response.status_code == 409
    assert "Min nya formulering" in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).description == "Först"


@pytest.mark.parametrize(
    ("value", "status", "message"),
    [
        ("", "achieved", "Ange utfallet, eller välj status Inte mätt."),
        ("tolv", "partly", "Fyll i ett tal."),
    ],
)
def test_bad_outcome_is_400_in_swedish_with_the_text_kept(
    world: World, value: str, status: str, message: str
) -> None:
    goal = factories.GoalFactory(department=None)
    response = _client(world.coordinator).post(
        reverse("actionplans:goal-outcome", args=[goal.pk]),
        _outcome_post(0, value=value, status=status),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Min analys som inte får försvinna." in html


def test_adopt_without_decision_is_400(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.PROPOSED)
    response = _client(world.coordinator).post(
        reverse("actionplans:adopt", args=[2026]), {"decision_body": "KS"}
    )
    assert response.status_code == 400
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.PROPOSED


def test_returning_a_part_without_comment_is_400(world: World) -> None:
    part = factories.FollowUpPartFactory(
        department=world.own_department, status=FollowUpPart.Status.READY
    )
    response = _client(world.coordinator).post(
        reverse("actionplans:part-return", args=[part.round.plan.year, world.own_department.pk]),
        {"comment": ""},
    )
    assert response.status_code == 400
    assert "Skriv en kommentar" in response.content.decode()


def test_council_sees_only_adopted_plans_in_the_list(world: World) -> None:
    factories.ActionPlanFactory(year=2025, status=ActionPlan.Status.ADOPTED)
    factories.ActionPlanFactory(year=2026)
    html = _client(world.council).get(reverse("actionplans:list")).content.decode()
    assert "/plans/2025/" in html and "/plans/2026/" not in html


def test_compare_shows_what_changed(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.ADOPTED)
    goal = factories.GoalFactory(plan=plan, description="Gammalt mål", target=10)
    decision = {
        "decision_body": "KS",
        "decision_date": datetime.date(2026, 2, 1),
        "decision_paragraph": "1",
        "decision_case_number": "KS 1",
    }
    PlanVersion.objects.create(
        plan=plan, number=1, reason="Första", snapshot=plan_snapshot(plan=plan), **decision
    )
    Goal.objects.filter(pk=goal.pk).update(target=12)
    factories.GoalFactory(plan=plan, description="Helt nytt mål")
    PlanVersion.objects.create(
        plan=plan, number=2, reason="Ändrat målvärde", snapshot=plan_snapshot(plan=plan), **decision
    )

    response = _client(world.council).get(
        reverse("actionplans:compare", args=[2026]), {"old": 1, "new": 2}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>10</del>" in html and "<ins>12</ins>" in html
    assert "Helt nytt mål" in html


# --- A fixed number of queries whatever the number of rows ----------------------------------


def _departments(n: int) -> list[Department]:
    committee = factories.CommitteeFactory()
    Department.objects.bulk_create(
        Department(name=f"Avdelning {i}", abbreviation=f"A{i}", committee=committee)
        for i in range(n)
    )
    return list(Department.objects.filter(name__startswith="Avdelning "))


def _big_plan(n: int) -> ActionPlan:
    plan = factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.ADOPTED)
    area = factories.FocusAreaFactory()
    departments = _departments(n)
    Goal.objects.bulk_create(
        Goal(
            plan=plan,
            focus_area=area,
            department=d,
            description=f"Mål {i}",
            indicator="Antal",
            target=10,
        )
        for i, d in enumerate(departments)
    )
    goals = list(plan.goals.all())
    GoalOutcome.objects.bulk_create(
        GoalOutcome(goal=g, value=5, status="partly") for g in goals[: n // 2]
    )
    project = factories.ProjectFactory(status=Project.Status.APPROVED)
    for goal in goals[:3]:
        goal.projects.add(project)
    factories.ProjectFactory.create_batch(3, status=Project.Status.APPROVED)
    DepartmentPlan.objects.bulk_create(
        DepartmentPlan(plan=plan, department=d, status="accepted") for d in departments
    )
    followup_round = FollowUpRound.objects.create(
        plan=plan, deadline=timezone.localdate() + datetime.timedelta(days=3)
    )
    FollowUpPart.objects.bulk_create(
        FollowUpPart(round=followup_round, department=d, status="in_progress") for d in departments
    )
    # One department with n goals, for its plan and its follow-up part.
    Goal.objects.bulk_create(
        Goal(
            plan=plan,
            focus_area=area,
            department=departments[0],
            description=f"Extra {i}",
            indicator="Antal",
            target=10,
        )
        for i in range(n)
    )
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        reason="Första",
        snapshot=plan_snapshot(plan=plan),
        decision_body="KS",
        decision_date=datetime.date(2026, 2, 1),
        decision_paragraph="1",
        decision_case_number="KS 1",
    )
    PlanVersion.objects.create(
        plan=plan,
        number=2,
        reason="Andra",
        snapshot=plan_snapshot(plan=plan),
        decision_body="KS",
        decision_date=datetime.date(2026, 3, 1),
        decision_paragraph="2",
        decision_case_number="KS 2",
    )
    area_list = [factories.FocusAreaFactory() for _ in range(2)]
    for i in range(n):
        strategy = Strategy.objects.create(kind="plan", title=f"Dokument {i}")
        strategy.focus_areas.set(area_list)
    for i in range(n):
        ActionPlan.objects.create(year=1800 + i)
    return plan


def _first_department(plan: ActionPlan) -> int:
    return plan.department_plans.order_by("department__name").first().department_id


PAGES: list[tuple[str, Callable[[ActionPlan], str]]] = [
    ("plan-list", lambda p: reverse("actionplans:list")),
    ("plan-detail", lambda p: reverse("actionplans:detail", args=[p.year])),
    (
        "department-plan",
        lambda p: reverse("actionplans:department-plan", args=[p.year, _first_department(p)]),
    ),
    ("board", lambda p: reverse("actionplans:board", args=[p.year])),
    ("part", lambda p: reverse("actionplans:part", args=[p.year, _first_department(p)])),
    ("versions", lambda p: reverse("actionplans:versions", args=[p.year])),
    ("version", lambda p: reverse("actionplans:version", args=[p.year, 2])),
    ("compare", lambda p: reverse("actionplans:compare", args=[p.year]) + "?old=1&new=2"),
    ("traceability", lambda p: reverse("actionplans:traceability", args=[p.year])),
    ("strategy-list", lambda p: reverse("actionplans:strategy-list")),
    ("dashboard", lambda p: reverse("dashboard")),
]


def _queries(world: World, n: int, url_of: Callable[[ActionPlan], str]) -> int:
    plan = _big_plan(n)
    url = url_of(plan)
    client = _client(world.coordinator)
    client.get(url)  # warm the session and the municipality
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("name", "url_of"), PAGES, ids=[name for name, _ in PAGES])
def test_page_runs_the_same_number_of_queries_for_5_and_200_rows(
    django_db_blocker: object, world: World, name: str, url_of: Callable[[ActionPlan], str]
) -> None:
    small = _queries(world, 5, url_of)
    # A fresh set of rows: everything from the small run is removed first.
    Strategy.objects.all().delete()
    ActionPlan.objects.all().delete()
    Project.objects.all().delete()
    Department.objects.filter(name__startswith="Avdelning ").delete()

    large = _queries(world, 200, url_of)

    assert small == large, f"{name}: {small} queries for 5 rows, {large} for 200"


def test_budgets_read_with_thousands_separators(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.ADOPTED)
    DepartmentPlan.objects.create(plan=plan, department=world.own_department,
                                  status="accepted", budget=150000)  # fmt: skip
    DepartmentPlan.objects.create(plan=plan, department=world.other_department, status="accepted")
    version = PlanVersion.objects.create(
        plan=plan, number=1, reason="Antagen", snapshot=plan_snapshot(plan=plan),
        decision_body="KF", decision_date=datetime.date(2026, 2, 1),
    )  # fmt: skip
    client = _client(world.coordinator)

    for url in [
        reverse("actionplans:detail", args=[2026]),
        reverse("actionplans:department-plan", args=[2026, world.own_department.pk]),
        reverse("actionplans:version", args=[2026, version.number]),
    ]:
        html = client.get(url).content.decode()
        assert "150\xa0000" in html, url
        assert "150000" not in html, url
    html = client.get(reverse("actionplans:detail", args=[2026])).content.decode()
    assert "<td>–</td>" in html  # the department without a budget
