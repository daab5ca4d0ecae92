"""The dashboard's "Att göra": everything that waits for this user, per role, with links.

Lives in the composition root: it asks each app's `todo.py`. The navigation shows the count
on every page; it is cached briefly per user and read afresh whenever a notification is
recorded or a change is saved in the portal (the same events move items on and off the list).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from actionplans import todo as plan_todo
from intl_portal.lib.todo import TodoGroup
from intl_portal.notifications.services import (
    cached_in_generation,
    store_in_generation,
    todo_generation,
)
from intl_portal.organisation import policy
from intl_portal.organisation.models import Role
from partners import todo as partner_todo
from projects import todo as project_todo

COUNT_SECONDS = 60


@dataclass
class Todo:
    groups: list[TodoGroup]

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)


def todo_for(user: Any) -> Todo:
    """The groups that wait for this user (empty groups left out)."""
    today = timezone.localdate()
    if policy.is_coordinator(user):
        groups = [
            *project_todo.coordinator_groups(),
            *plan_todo.coordinator_groups(today=today),
            *partner_todo.coordinator_groups(today=today),
        ]
    elif policy.is_contact(user) and user.department_id is not None:
        groups = [
            *project_todo.contact_groups(department_id=user.department_id),
            *plan_todo.contact_groups(department_id=user.department_id),
        ]
    elif policy.may_view_internal(user) and user.role == Role.COUNCIL:
        groups = plan_todo.council_groups(today=today)
    else:
        groups = []
    return Todo([g for g in groups if g.total])


def _count_key(user: Any) -> str:
    return f"todo-count:{user.pk}"  # one entry per user: a new generation overwrites it


def dashboard_todo(user: Any) -> Todo:
    """The full list for the dashboard; the navigation on the same page reuses its count."""
    generation = todo_generation()
    todo = todo_for(user)
    store_in_generation(_count_key(user), COUNT_SECONDS, todo.total, generation=generation)
    return todo


def todo_count(user: Any) -> int:
    """The navigation's count: cached for COUNT_SECONDS, renewed after any change saved and
    any event recorded (the generation)."""
    if not policy.may_view_internal(user):
        return 0
    return int(cached_in_generation(_count_key(user), COUNT_SECONDS, lambda: todo_for(user).total))
