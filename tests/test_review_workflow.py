"""The review workflow, walked through the pages: every step of every reviewed kind's table,
from every state, by every role (issue 27).

Each kind's expected table is written out here, independently of projects/workflow.py and
actionplans/workflow.py: who may take which step from which state. For every (step, state,
role) the test puts the entry in that state, asks the policy, reads the entry's page for the
step's button and posts the step. Allowed: the entry moves to the step's target. Refused: 403
(never a redirect that could pass for success) and nothing written, not the row, not its
history, not a notification.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from actionplans.models import ActionPlan, DepartmentPlan, FollowUpPart
from intl_portal.notifications.kinds import KINDS as NOTIFICATION_KINDS
from intl_portal.notifications.models import Notification
from intl_portal.organisation import policy, workflow
from projects.models import Activity, Project, ProjectRevision
from tests import factories
from tests.conftest import World

ROLES = ("contact", "other_contact", "council", "coordinator")
STEPS = ("submit", "approve", "return")
EDITORS = frozenset({"contact", "coordinator"})
REVIEWER = frozenset({"coordinator"})


@dataclass(frozen=True)
class Kind:
    """A reviewed kind: how to build one entry, its page, and who may take which step from
    which state ({(step, state): roles}; a pair not listed is refused for everyone)."""

    name: str
    model: type[models.Model]
    states: tuple[str, ...]
    targets: dict[str, str]
    allowed: dict[tuple[str, str], frozenset[str]]
    build: Callable[[World], Any]
    page: Callable[[Any], str]


def _project(world: World) -> Project:
    return factories.ProjectFactory(department=world.own_department, created_by=world.contact)


def _activity(world: World) -> Activity:
    return factories.ActivityFactory(department=world.own_department, created_by=world.contact)


def _change(world: World) -> ProjectRevision:
    project = factories.ProjectFactory(
        department=world.own_department, status=Project.Status.APPROVED
    )
    return ProjectRevision.objects.create(
        project=project, created_by=world.contact, data={"project_lead": "Ny projektledare"}
    )


def _department_plan(world: World) -> DepartmentPlan:
    plan = factories.ActionPlanFactory(year=2030, status=ActionPlan.Status.DRAFT)
    factories.GoalFactory(plan=plan, department=world.own_department)
    return factories.DepartmentPlanFactory(plan=plan, department=world.own_department)


def _part(world: World) -> FollowUpPart:
    plan = factories.ActionPlanFactory(year=2031, status=ActionPlan.Status.ADOPTED)
    goal = factories.GoalFactory(plan=plan, department=world.own_department)
    factories.GoalOutcomeFactory(goal=goal)  # every goal reported: the part may be marked ready
    followup_round = factories.FollowUpRoundFactory(plan=plan)
    return factories.FollowUpPartFactory(round=followup_round, department=world.own_department)


PS, AS, CS = Project.Status, Activity.Status, ProjectRevision.Status
DS, FS = DepartmentPlan.Status, FollowUpPart.Status

KINDS = (
    Kind(
        "project",
        Project,
        tuple(PS.values),
        {"submit": PS.SUBMITTED, "approve": PS.APPROVED, "return": PS.RETURNED},
        {
            ("submit", PS.DRAFT): EDITORS,
            ("submit", PS.RETURNED): EDITORS,
            ("approve", PS.SUBMITTED): REVIEWER,
            ("return", PS.SUBMITTED): REVIEWER,
        },
        _project,
        lambda project: reverse("projects:detail", args=[project.pk]),
    ),
    Kind(
        "activity",
        Activity,
        tuple(AS.values),
        {"submit": AS.SUBMITTED, "approve": AS.APPROVED, "return": AS.RETURNED},
        {
            ("submit", AS.DRAFT): EDITORS,
            ("submit", AS.RETURNED): EDITORS,
            ("approve", AS.SUBMITTED): REVIEWER,
            ("return", AS.SUBMITTED): REVIEWER,
        },
        _activity,
        lambda activity: reverse("projects:activity-detail", args=[activity.pk]),
    ),
    # An approved change is no longer the project's open change: its URLs answer 404 then
    # (tests/permission_matrix.py), so the walk covers the states a change can be addressed in.
    Kind(
        "change",
        ProjectRevision,
        (CS.PENDING, CS.RETURNED),
        {"approve": CS.APPROVED, "return": CS.RETURNED},
        {("approve", CS.PENDING): REVIEWER, ("return", CS.PENDING): REVIEWER},
        _change,
        lambda revision: reverse("projects:detail", args=[revision.project_id]),
    ),
    Kind(
        "department_plan",
        DepartmentPlan,
        tuple(DS.values),
        {"submit": DS.SUBMITTED, "approve": DS.ACCEPTED, "return": DS.RETURNED},
        {
            ("submit", DS.DRAFT): EDITORS,
            ("submit", DS.RETURNED): EDITORS,
            ("approve", DS.SUBMITTED): REVIEWER,
            ("return", DS.SUBMITTED): REVIEWER,
            ("return", DS.ACCEPTED): REVIEWER,
        },
        _department_plan,
        lambda dp: reverse("actionplans:department-plan", args=[dp.plan.year, dp.department_id]),
    ),
    Kind(
        "followup_part",
        FollowUpPart,
        tuple(FS.values),
        {"submit": FS.READY, "approve": FS.ACCEPTED, "return": FS.RETURNED},
        {
            ("submit", FS.NOT_STARTED): EDITORS,
            ("submit", FS.IN_PROGRESS): EDITORS,
            ("submit", FS.RETURNED): EDITORS,
            ("approve", FS.READY): REVIEWER,
            ("return", FS.READY): REVIEWER,
            ("return", FS.ACCEPTED): REVIEWER,
        },
        _part,
        lambda part: reverse("actionplans:part", args=[part.round.plan.year, part.department_id]),
    ),
)


def _row(entry: Any) -> dict[str, Any]:
    return type(entry).objects.filter(pk=entry.pk).values().get()  # type: ignore[no-any-return]


def _written(entry: Any) -> tuple[dict[str, Any], int, int]:
    """Everything a step could write: the row, its history, the notifications."""
    return _row(entry), entry.history.count(), Notification.objects.count()


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_step_from_every_state_for_every_role(world: World, kind: Kind) -> None:
    entry = kind.build(world)
    clients = {role: Client() for role in ROLES}
    for role, client in clients.items():
        client.force_login(getattr(world, role))
    flow = workflow.flow_of(entry)
    assert {step.name for step in flow.steps} == set(kind.targets)
    for state in kind.states:
        for role in ROLES:
            user = getattr(world, role)
            type(entry).objects.filter(pk=entry.pk).update(status=state, review_comment="")
            entry = type(entry).objects.get(pk=entry.pk)
            page = clients[role].get(kind.page(entry))
            for name in kind.targets:
                case = (kind.name, name, state, role)
                allowed = role in kind.allowed.get((name, state), frozenset())
                assert workflow.may_take(user, entry, name) is allowed, case
                url = flow.url(entry, name)
                if page.status_code == 200:
                    assert (f'action="{url}"' in page.content.decode()) is allowed, case
                else:  # a page the role may not read offers it no step either
                    assert not allowed, case
                if allowed:
                    continue  # taken below, one at a time from a fresh state
                before = _written(entry)
                response = clients[role].post(url, {"comment": "Komplettera."})
                assert response.status_code == 403, case
                assert _written(entry) == before, case
            for name in kind.targets:
                if role not in kind.allowed.get((name, state), frozenset()):
                    continue
                type(entry).objects.filter(pk=entry.pk).update(status=state, review_comment="")
                response = clients[role].post(flow.url(entry, name), {"comment": "Komplettera."})
                assert response.status_code == 302, (kind.name, name, state, role)
                assert _row(entry)["status"] == kind.targets[name], (kind.name, name, state, role)


def test_every_step_of_every_table_is_walked() -> None:
    """A kind or a step added to a table without a row here fails."""
    walked = {kind.model: set(kind.targets) for kind in KINDS}
    tables = {model: {s.name for s in flow.steps} for model, flow in workflow.flows().items()}
    assert tables == walked
    notices = {kind.key for kind in NOTIFICATION_KINDS}
    for flow in workflow.flows().values():
        for step in flow.steps:  # the notification a step sends is named by kind and target
            assert f"{flow.kind}_{step.target}" in notices, (flow.kind, step.name)


def test_letting_department_contacts_approve_activities_is_one_line(world: World) -> None:
    """The README's example: the activity table's approve step with another actor, and the
    policy, the page and the service all follow."""
    activity = factories.ActivityFactory(
        department=world.own_department, status=Activity.Status.SUBMITTED
    )
    table = workflow.flow_of(activity)
    contacts_too = workflow.anyone_of(policy.reviewer, policy.department_contact)
    steps = tuple(
        dataclasses.replace(step, actor=contacts_too) if step.name == "approve" else step
        for step in table.steps
    )
    workflow.register(Activity, dataclasses.replace(table, steps=steps))
    try:
        assert not policy.may_approve(world.other_contact, activity)
        client = Client()
        client.force_login(world.contact)
        page = client.get(reverse("projects:activity-detail", args=[activity.pk]))
        assert "Godkänn aktiviteten" in page.content.decode()
        response = client.post(reverse("projects:activity-approve", args=[activity.pk]))
        assert response.status_code == 302
        activity.refresh_from_db()
        assert activity.status == Activity.Status.APPROVED
    finally:
        workflow.register(Activity, table)
    other = factories.ActivityFactory(department=world.own_department, status="submitted")
    assert not policy.may_approve(world.contact, other)  # the table as it is: coordinators only
