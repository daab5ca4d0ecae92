"""Department plans, the municipal plan's adoption, versions, compare, copy forward,
traceability and governing documents, through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actionplans import selectors
from actionplans.models import ActionPlan, DepartmentPlan, Goal, GoalOutcome, Strategy
from actionplans.services import plans, strategies
from intl_portal.lib.concurrency import EditConflict, Opened
from projects.models import Project
from tests import factories
from tests.conftest import World

DECISION = {
    "decision_body": "KS",
    "decision_date": datetime.date(2026, 2, 10),
    "decision_paragraph": "45",
    "decision_case_number": "KS 2026/42",
}


def _goal_data(world: World, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "focus_area": factories.FocusAreaFactory(name="Hållbar regional utveckling"),
        "description": "Fler studiebesök",
        "indicator": "Antal besök",
        "unit": "st",
        "baseline": Decimal(2),
        "target": Decimal(6),
    }
    data.update(extra)
    return data


def _accepted_plan(world: World) -> ActionPlan:
    plan = factories.ActionPlanFactory(year=2026)
    plans.goal_create(user=world.contact, plan=plan, data=_goal_data(world))
    department_plan = DepartmentPlan.objects.get(plan=plan, department=world.own_department)
    plans.department_plan_submit(user=world.contact, department_plan=department_plan)
    plans.department_plan_accept(user=world.coordinator, department_plan=department_plan)
    plans.goal_create(user=world.coordinator, plan=plan, data=_goal_data(world, department=None))
    return plan


def test_contacts_goal_creates_the_department_plan(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)
    plans.goal_create(user=world.contact, plan=plan, data=_goal_data(world))
    assert DepartmentPlan.objects.get(plan=plan).department == world.own_department


def test_submitted_department_plan_is_locked_for_the_contact(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)
    goal = plans.goal_create(user=world.contact, plan=plan, data=_goal_data(world))
    department_plan = DepartmentPlan.objects.get(plan=plan)
    plans.department_plan_submit(user=world.contact, department_plan=department_plan)

    with pytest.raises(ValidationError, match="inskickad"):
        plans.goal_create(user=world.contact, plan=plan, data=_goal_data(world))
    with pytest.raises(PermissionDenied):
        plans.goal_update(
            user=world.contact, goal=goal, data={"unit": "x"}, opened=Opened(version=1)
        )


def test_coordinator_returns_a_department_plan_with_a_comment(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)
    plans.goal_create(user=world.contact, plan=plan, data=_goal_data(world))
    department_plan = plans.department_plan_submit(
        user=world.contact, department_plan=DepartmentPlan.objects.get(plan=plan)
    )

    returned = plans.department_plan_return(
        user=world.coordinator, department_plan=department_plan, comment="Lägg till budget."
    )

    assert returned.status == DepartmentPlan.Status.RETURNED
    assert returned.review_comment == "Lägg till budget."
    plans.department_plan_update(
        user=world.contact,
        department_plan=returned,
        activities="Två utbyten",
        budget=Decimal(50000),
        opened=Opened(version=returned.version),
    )


def test_other_contact_cannot_submit_a_department_plan(world: World) -> None:
    department_plan = factories.DepartmentPlanFactory(department=world.own_department)
    with pytest.raises(PermissionDenied):
        plans.department_plan_submit(user=world.other_contact, department_plan=department_plan)


def test_goal_update_from_a_stale_form_is_refused(world: World) -> None:
    goal = factories.GoalFactory(department=world.own_department)
    plans.goal_update(
        user=world.coordinator, goal=goal, data={"unit": "elever"}, opened=Opened(version=1)
    )

    stale = Goal.objects.get(pk=goal.pk)
    with pytest.raises(EditConflict) as conflict:
        plans.goal_update(
            user=world.contact, goal=stale, data={"unit": "st"}, opened=Opened(version=1)
        )

    assert conflict.value.current.unit == "elever"
    assert Goal.objects.get(pk=goal.pk).unit == "elever"


def test_plan_cannot_be_proposed_before_department_plans_are_accepted(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)
    plans.goal_create(user=world.contact, plan=plan, data=_goal_data(world))

    with pytest.raises(ValidationError, match=world.own_department.name):
        plans.plan_propose(user=world.coordinator, plan=plan)


def test_adopting_records_the_decision_locks_and_makes_version_one(world: World) -> None:
    plan = plans.plan_propose(user=world.coordinator, plan=_accepted_plan(world))

    version = plans.plan_adopt(user=world.coordinator, plan=plan, **DECISION)

    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.ADOPTED
    assert (plan.decision_body, plan.decision_paragraph) == ("KS", "45")
    assert version.number == 1
    assert len(version.snapshot["goals"]) == 2
    with pytest.raises(ValidationError, match="fastställd"):
        plans.goal_create(user=world.coordinator, plan=plan, data=_goal_data(world))


def test_a_change_after_adoption_is_a_new_version_with_a_reason(world: World) -> None:
    plan = plans.plan_propose(user=world.coordinator, plan=_accepted_plan(world))
    plans.plan_adopt(user=world.coordinator, plan=plan, **DECISION)
    plan.refresh_from_db()

    plan = plans.plan_revise(user=world.coordinator, plan=plan, reason="Nytt mål om värdskap")
    goal = plan.goals.get(department=None)
    plans.goal_update(
        user=world.coordinator,
        goal=goal,
        data={"target": Decimal(9)},
        opened=Opened(version=goal.version),
    )
    plans.goal_create(
        user=world.coordinator,
        plan=plan,
        data=_goal_data(world, department=None, description="Värdskap"),
    )
    plan = plans.plan_propose(user=world.coordinator, plan=plan)
    second = plans.plan_adopt(
        user=world.coordinator, plan=plan, **{**DECISION, "decision_paragraph": "88"}
    )

    assert second.number == 2 and second.reason == "Nytt mål om värdskap"
    first = plan.versions.get(number=1)
    assert len(first.snapshot["goals"]) == 2  # the first version stays as it was
    diff = selectors.versions_compare(old=first, new=second)
    assert [g["description"] for g in diff["added"]] == ["Värdskap"]
    assert diff["changed"][0]["fields"] == [("Målvärde", "6", "9")]
    assert ("Paragraf", "45", "88") in diff["plan_changes"]


def test_copy_forward_carries_over_goals_not_achieved(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.ADOPTED)
    achieved = factories.GoalFactory(plan=plan, department=world.own_department)
    factories.GoalOutcomeFactory(goal=achieved, status=GoalOutcome.Status.ACHIEVED)
    partly = factories.GoalFactory(plan=plan, department=world.own_department)
    factories.GoalOutcomeFactory(goal=partly, status=GoalOutcome.Status.PARTLY)
    never = factories.GoalFactory(plan=plan, department=None)

    new_plan = plans.plan_copy_forward(
        user=world.coordinator, plan=plan, year=2027, carry_over=True
    )

    assert set(new_plan.goals.values_list("carried_from", flat=True)) == {partly.pk, never.pk}
    assert new_plan.status == ActionPlan.Status.DRAFT
    assert DepartmentPlan.objects.filter(plan=new_plan, department=world.own_department).exists()


def test_copy_forward_without_carry_over_starts_empty(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)
    factories.GoalFactory(plan=plan)
    new_plan = plans.plan_copy_forward(
        user=world.coordinator, plan=plan, year=2027, carry_over=False
    )
    assert not new_plan.goals.exists()


def test_traceability_lists_unlinked_goals_and_projects(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)
    linked_project = factories.ProjectFactory(status=Project.Status.APPROVED)
    lonely_project = factories.ProjectFactory(status=Project.Status.APPROVED, title="Ensam")
    linked = factories.GoalFactory(plan=plan)
    linked.projects.set([linked_project])
    lonely = factories.GoalFactory(plan=plan)

    result = selectors.traceability(plan=plan)

    assert result["goals_without_projects"] == [lonely]
    assert result["projects_without_goals"] == [lonely_project]


def test_a_goal_linked_to_an_activity_only_is_traceable(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)
    europe_day = factories.ActivityFactory(
        title="Europadagen 9 maj", status="approved", department=world.own_department
    )
    through_activity = factories.GoalFactory(plan=plan, department=world.own_department)
    through_activity.activities.set([europe_day])
    lonely = factories.GoalFactory(plan=plan)

    result = selectors.traceability(plan=plan)

    assert result["goals_without_projects"] == [lonely]


def test_goal_create_links_activities_and_copy_forward_keeps_them(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)
    area = factories.FocusAreaFactory()
    visit = factories.ActivityFactory(status="approved", department=world.own_department)
    goal = plans.goal_create(
        user=world.coordinator,
        plan=plan,
        data={
            "focus_area": area,
            "department": world.own_department,
            "description": "Fler studiebesök med tydligt mervärde",
            "indicator": "Antal studiebesök",
            "unit": "st",
            "target": 4,
            "activities": [visit],
        },
    )
    assert list(goal.activities.all()) == [visit]

    new_plan = plans.plan_copy_forward(
        user=world.coordinator, plan=plan, year=2027, carry_over=True
    )

    assert list(new_plan.goals.get().activities.all()) == [visit]


def test_strategy_revision_defaults_to_four_years_and_warns_when_passed(world: World) -> None:
    strategy = strategies.strategy_create(
        user=world.coordinator,
        data={
            "kind": Strategy.Kind.POLICY,
            "title": "Policy",
            "adopted_on": datetime.date(2018, 5, 2),
        },
    )
    assert strategy.revision_due == datetime.date(2022, 5, 2)
    assert strategy.revision_overdue


def test_contact_cannot_write_a_governing_document(world: World) -> None:
    with pytest.raises(PermissionDenied):
        strategies.strategy_create(user=world.contact, data={"kind": "plan", "title": "X"})
