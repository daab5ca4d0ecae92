"""Object setups for the funding rows of the permission matrix (see SETUPS there)."""

from __future__ import annotations

import datetime

import pytest

from tests import factories
from tests.conftest import World
from tests.funding.helpers import make_call


def _goal(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    plan = factories.ActionPlanFactory(year=datetime.date.today().year)
    return {"pk": factories.GoalFactory(plan=plan, department=world.own_department).pk}


FUNDING_SETUPS = {
    "call": lambda world, request: {"pk": make_call().pk},
    "missing_call": lambda world, request: {"pk": 999999},
    "focus_area": lambda world, request: {"pk": factories.FocusAreaFactory().pk},
    "current_goal": _goal,
    "template_xlsx": lambda world, request: {"fmt": "xlsx"},
    "template_unknown": lambda world, request: {"fmt": "pdf"},
}
