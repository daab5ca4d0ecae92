"""The shape of a to-do list: groups of items that wait for someone, each with a link.

Every app's `todo.py` builds its groups; the dashboard (portal/todo.py) puts them
together per role. Each group is read with one query: its first rows and, in a window
function over the same query, how many there are in all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Window
from django.utils.functional import Promise

SHOWN = 5


@dataclass
class TodoItem:
    title: str
    url: str
    detail: str = ""


@dataclass
class TodoGroup:
    key: str
    label: Promise | str
    items: list[TodoItem] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def group(
    key: str, label: Promise | str, qs: QuerySet[Any], to_item: Callable[[Any], TodoItem]
) -> TodoGroup:
    """The first SHOWN rows of `qs` as items, and the count of all of them, in one query."""
    rows = list(qs.annotate(todo_total=Window(expression=Count("pk")))[:SHOWN])
    total = rows[0].todo_total if rows else 0
    return TodoGroup(key, label, [to_item(row) for row in rows], total)
