"""The plan page's goal tables: what each row shows, and whose links it carries."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.template.defaultfilters import truncatechars
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from actionplans.models import ActionPlan, GoalOutcome
from intl_portal.organisation.models import SustainableDevelopmentGoal, User
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

LONG = "Fler <elever> & lärare deltar i utbyten med vänorterna i Norden"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _plan(world: World, status: str = ActionPlan.Status.DRAFT) -> dict[str, Any]:
    plan = factories.ActionPlanFactory(year=2026, status=status)
    area = factories.FocusAreaFactory(name="Ungdomars lärande")
    reported = factories.GoalFactory(
        plan=plan, focus_area=area, department=world.own_department, description=LONG,
        target=Decimal("20.50"), unit="st",
    )  # fmt: skip
    GoalOutcome.objects.create(goal=reported, value=15, status=GoalOutcome.Status.PARTLY)
    municipal = factories.GoalFactory(
        plan=plan, focus_area=area, department=None, description="Gemensamt mål", target=3
    )
    other = factories.GoalFactory(
        plan=plan, focus_area=area, department=world.other_department, description="Annat mål"
    )
    return {"plan": plan, "reported": reported, "municipal": municipal, "other": other}


def _row(html: str, text: str) -> str:
    start = html.rindex("<tr>", 0, html.index(text))
    return html[start : html.index("</tr>", start)]


def test_rows_show_goal_outcome_and_status(world: World) -> None:
    goals = _plan(world)

    html = _client(world.coordinator).get(reverse("actionplans:detail", args=[2026])).content
    html = html.decode()

    row = _row(html, "Fler &lt;elever&gt; &amp; lärare")
    assert "<script" not in row and "<elever>" not in row
    assert "<td>Barn- och utbildningsförvaltningen</td>" in row
    assert "<td>Antal utbyten</td>" in row
    assert "<td>20,50 st</td>" in row
    assert "<td>15 st</td>" in row
    assert '<span class="badge status status-partly">Delvis uppnått</span>' in row
    # The links name the goal for screen readers, shortened as |truncatechars:40 does.
    assert f": {escape(truncatechars(LONG, 40))}</span>" in row
    edit = reverse("actionplans:goal-edit", args=[goals["reported"].pk])
    outcome = reverse("actionplans:goal-outcome", args=[goals["reported"].pk])
    assert f'<a href="{edit}">Redigera' in row
    assert f'<a class="ms-2" href="{outcome}">Följ upp' in row

    row = _row(html, "Gemensamt mål")
    assert "<td>Kommungemensamt</td>" in row
    assert "<td>3 st</td><td>–</td><td>Ej rapporterat</td>" in row
    assert ": Gemensamt mål</span>" in row


def test_contact_gets_links_for_own_department_only(world: World) -> None:
    goals = _plan(world)

    html = _client(world.contact).get(reverse("actionplans:detail", args=[2026])).content.decode()

    own = reverse("actionplans:goal-edit", args=[goals["reported"].pk])
    other = reverse("actionplans:goal-edit", args=[goals["other"].pk])
    assert own in html
    assert other not in html
    assert "Följ upp" not in html  # no open follow-up round


def test_adopted_plan_has_no_edit_links_for_anyone(world: World) -> None:
    _plan(world, status=ActionPlan.Status.ADOPTED)

    for user in (world.coordinator, world.contact, world.council):
        html = _client(user).get(reverse("actionplans:detail", args=[2026])).content.decode()
        assert "Redigera" not in html
        assert "Delvis uppnått" in html


@pytest.fixture
def swedish_afterwards() -> Iterator[None]:
    """The language middleware leaves the request's language active in the test's thread."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.usefixtures("swedish_afterwards")
def test_rows_follow_the_chosen_language(world: World) -> None:
    _plan(world)
    client = _client(world.coordinator)
    client.cookies["django_language"] = "en"

    html = client.get(reverse("actionplans:detail", args=[2026])).content.decode()

    assert "<td>20.50 st</td>" in html
    assert ">Partly achieved</span>" in html
    assert "Not reported" in html and "Follow up" in html


def test_department_plans_are_listed_by_name_with_their_goal_counts(world: World) -> None:
    goals = _plan(world)
    for department in (world.other_department, world.own_department):
        factories.DepartmentPlanFactory(plan=goals["plan"], department=department)
    factories.GoalFactory(plan=goals["plan"], department=world.other_department)

    html = _client(world.coordinator).get(reverse("actionplans:detail", args=[2026])).content
    html = html.decode()

    own = html.index(">Barn- och utbildningsförvaltningen</a></th>")
    other = html.index(">Kultur- och fritidsförvaltningen</a></th>")
    assert own < other
    assert html[own:].split("<td>", 1)[1].startswith("1</td>")
    assert html[other:].split("<td>", 1)[1].startswith("2</td>")


def test_each_goal_row_names_the_global_goals_it_serves(world: World) -> None:
    goals = _plan(world)
    goals["reported"].sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=[17, 4]))

    html = _client(world.coordinator).get(reverse("actionplans:detail", args=[2026])).content
    html = html.decode()

    assert "Globala mål (Agenda 2030): 4, 17" in _row(html, escape(LONG))
    assert "Globala mål" not in _row(html, "Annat mål")  # untagged: nothing added
