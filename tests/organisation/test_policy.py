"""The policy's rules about objects agree with themselves: the filter and the predicate, the
buttons and the services."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from intl_portal.organisation import policy
from projects.models import Activity, Project
from reports import selectors as report_selectors
from tests import factories
from tests.conftest import World

STATUSES = ["draft", "submitted", "returned", "approved"]


def _viewers(world: World) -> list[object]:
    inactive = factories.UserFactory(
        username="gone", role="contact", department=world.own_department, is_active=False
    )
    return [
        world.coordinator,
        world.contact,
        world.other_contact,
        world.council,
        inactive,
        AnonymousUser(),
    ]


def test_visible_entries_filter_and_may_see_entry_give_the_same_answer(world: World) -> None:
    for department in (world.own_department, world.other_department):
        for status in STATUSES:
            factories.ProjectFactory(department=department, status=status)
            factories.ActivityFactory(department=department, status=status)
    for viewer in _viewers(world):
        q = policy.visible_entries_q(viewer)  # type: ignore[arg-type]
        for model in (Project, Activity):
            listed = set(model.objects.filter(q).values_list("pk", flat=True))
            seen = {e.pk for e in model.objects.all() if policy.may_see_entry(viewer, e)}  # type: ignore[arg-type]
            assert listed == seen, (viewer, model.__name__)
            assert model.objects.count() == 8


@pytest.mark.parametrize("status", STATUSES)
def test_only_the_coordinator_approves_and_only_what_was_sent_in(world: World, status: str) -> None:
    project = factories.ProjectFactory(department=world.own_department, status=status)
    assert policy.may_approve(world.coordinator, project) is (status == "submitted")
    for user in (world.contact, world.other_contact, world.council):
        assert policy.may_approve(user, project) is False


def test_goals_are_added_to_draft_plans_only(world: World) -> None:
    draft = factories.ActionPlanFactory(year=2030, status="draft")
    adopted = factories.ActionPlanFactory(year=2031, status="adopted")
    assert policy.may_add_goal(world.contact, draft)
    assert policy.may_add_goal(world.coordinator, draft)
    assert not policy.may_add_goal(world.council, draft)
    assert not policy.may_add_goal(world.coordinator, adopted)


def test_council_members_are_listed_published_reports_only(world: World) -> None:
    now = timezone.now()
    published = factories.AnnualReportFactory(
        year=2025, state="done", version=1, pdf="reports/a.pdf", published_at=now
    )
    unpublished = factories.AnnualReportFactory(
        year=2025, state="done", version=2, pdf="reports/b.pdf"
    )
    queued = factories.AnnualReportFactory(year=2026)

    def listed(user: object) -> set[int]:
        return set(report_selectors.reports_for(user=user).values_list("pk", flat=True))  # type: ignore[arg-type]

    assert listed(world.coordinator) == {published.pk, unpublished.pk, queued.pk}
    assert listed(world.council) == listed(world.contact) == {published.pk}
    assert set(report_selectors.published_reports().values_list("pk", flat=True)) == {published.pk}
