"""Search in goals and governing documents: what `portal.search` asks this app."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from intl_portal.lib.search import match

from . import selectors
from .models import Goal, Strategy

GOAL_FIELDS = ("description", "indicator")
STRATEGY_FIELDS = ("title", "applies_to")


def search_goals(*, user: Any, query: str) -> QuerySet[Goal]:
    """Goals of the plans the user may read (council members: adopted plans only)."""
    # Without the list's goal count: as a subquery that grouped every plan's goals.
    plans = selectors.readable_plans(user=user).values("pk")
    return match(
        Goal.objects.filter(plan__in=plans).select_related("plan", "department"),
        query=query,
        fields=GOAL_FIELDS,
        name="description",
    )


def search_strategies(*, query: str) -> QuerySet[Strategy]:
    strategies = Strategy.objects.only(*STRATEGY_FIELDS, "kind")
    return match(strategies, query=query, fields=STRATEGY_FIELDS, name="title")
