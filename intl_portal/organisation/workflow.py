"""The one review workflow: a table of states and steps per reviewed kind, and the service that
takes a step.

Projects, proposed changes, activities, department plans and follow-up parts all go through
the same round (sent in, returned with a comment, approved); what differs is written in each
kind's table (`projects/workflow.py`, `actionplans/workflow.py`): from which states a step
leaves, where it goes, who may take it, what it stamps, who is told and what each role's to-do
list shows. The policy answers `may_approve`, `may_submit`, … from these tables, the services
take a step with `transitions.step_take`, the views get a page's buttons from `steps_for` and
refuse with 403 what the table refuses.

Why a table of our own and not a state-machine library: see README.md ("The review workflow").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from intl_portal.lib.todo import TodoGroup, TodoItem, group

# Who may take a step, asked about the user and the object (the policy's predicates).
Actor = Callable[[Any, Any], bool]

# Who is told after a step.
COORDINATORS = "coordinators"
DEPARTMENT = "department"

# What a step does with the review comment.
KEEP, REQUIRE, CLEAR = "keep", "require", "clear"

# What a stamp field is set to.
NOW, ACTOR = "now", "actor"

# Whose to-do list an entry waits on.
COORDINATOR_TODO, DEPARTMENT_TODO = "coordinator", "department"


def anyone_of(*actors: Actor) -> Actor:
    """A step more than one kind of user may take: `anyone_of(policy.reviewer, own_department)`."""
    return lambda user, entry: any(actor(user, entry) for actor in actors)


class Refused(ValidationError):
    """The entry has left the step's states (another user took a step first)."""


@dataclass(frozen=True)
class Step:
    """One transition: `name` from `sources` to `target`, taken by whoever `actor` says yes to.

    The notification it sends is the kind `<flow kind>_<target>` (project_submitted,
    followup_part_ready, …: intl_portal/notifications/kinds.py). Built with `submit`,
    `approve` and `send_back`, which give each of the three steps its usual defaults.
    """

    name: str
    sources: frozenset[str]
    target: str
    actor: Actor
    label: Promise  # the button
    button: str  # the button's Bootstrap class
    done: Promise  # the message after the step
    refused: Promise  # the message when the row has moved on to another state meanwhile
    tell: str  # COORDINATORS or DEPARTMENT
    comment: str = KEEP
    comment_missing: Promise = _("Skriv en kommentar som förklarar vad som behöver ändras.")
    stamps: Mapping[str, str] = field(default_factory=dict)  # field name -> NOW or ACTOR


@dataclass(frozen=True)
class Words:
    """What a step says: after it is taken, when it is refused, and (if not the usual) its
    button."""

    done: Promise
    refused: Promise
    label: Promise | None = None


def submit(
    sources: frozenset[str],
    target: str,
    actor: Actor,
    words: Words,
    *,
    stamps: Mapping[str, str] | None = None,
    button: str = "btn-primary",
) -> Step:
    """The department sends the entry in; the coordinators are told."""
    label = words.label or _("Skicka till samordnaren")
    return Step(
        "submit", sources, target, actor, label, button, words.done, words.refused,
        tell=COORDINATORS, stamps=stamps or {},
    )  # fmt: skip


def approve(
    sources: frozenset[str],
    target: str,
    actor: Actor,
    words: Words,
    *,
    stamps: Mapping[str, str] | None = None,
    comment: str = KEEP,
) -> Step:
    """The reviewer approves (accepts) the entry; its department is told."""
    if words.label is None:
        raise ValueError("an approve step names what it approves on its button")
    return Step(
        "approve", sources, target, actor, words.label, "btn-success", words.done, words.refused,
        tell=DEPARTMENT, comment=comment, stamps=stamps or {},
    )  # fmt: skip


def send_back(
    sources: frozenset[str],
    target: str,
    actor: Actor,
    words: Words,
    *,
    stamps: Mapping[str, str] | None = None,
    comment_missing: Promise | None = None,
) -> Step:
    """The reviewer returns the entry with a comment; its department is told."""
    label = words.label or _("Återsänd med kommentar")
    missing = comment_missing or _("Skriv en kommentar som förklarar vad som behöver ändras.")
    return Step(
        "return", sources, target, actor, label, "btn-outline-danger", words.done,
        words.refused, tell=DEPARTMENT, comment=REQUIRE, comment_missing=missing,
        stamps=stamps or {},
    )  # fmt: skip


@dataclass(frozen=True)
class Todo:
    """A group on a role's to-do list: the entries of this kind in these states."""

    key: str
    audience: str  # COORDINATOR_TODO or DEPARTMENT_TODO
    label: Promise
    states: frozenset[str]
    order: tuple[str, ...]
    where: Mapping[str, Any] = field(default_factory=dict)  # a further filter of the group


@dataclass(frozen=True)
class Notice:
    """Where a notification about an entry points, what it says and whose department it is."""

    path: str
    params: dict[str, Any]
    department_id: int | None
    author_id: int | None = None


@dataclass(frozen=True)
class Flow:
    """A reviewed kind: its steps, its to-do groups and how its notifications read."""

    kind: str
    steps: tuple[Step, ...]
    notice: Callable[[Any], Notice]
    url: Callable[[Any, str], str]  # where a step of this entry is posted: url(entry, name)
    todo: tuple[Todo, ...] = ()

    def step(self, name: str) -> Step:
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(f"{self.kind} has no step {name!r}")

    def todo_groups(self, audience: str) -> list[Todo]:
        return [t for t in self.todo if t.audience == audience]


_FLOWS: dict[type[models.Model], Flow] = {}


def register(model: type[models.Model], flow: Flow) -> None:
    """Declare `model`'s table (each app does it for its own kinds when it is loaded)."""
    _FLOWS[model] = flow


def flow_of(entry: object) -> Flow:
    for cls in type(entry).__mro__:
        if cls in _FLOWS:
            return _FLOWS[cls]
    raise LookupError(f"{type(entry).__name__} has no review workflow")


def flows() -> dict[type[models.Model], Flow]:
    return dict(_FLOWS)


def may_take(user: Any, entry: Any, name: str) -> bool:
    """The table's answer: the entry is in one of the step's states and the user may act."""
    step = flow_of(entry).step(name)
    return entry.status in step.sources and step.actor(user, entry)


def steps_for(user: Any, entry: Any) -> list[Step]:
    """The steps this user may take on this entry now: the page's buttons."""
    return [s for s in flow_of(entry).steps if entry.status in s.sources and s.actor(user, entry)]


def states(*values: str) -> frozenset[str]:
    return frozenset(values)


def todo_groups(
    audience: str, kinds: list[tuple[Flow, QuerySet[Any], Callable[[Any], TodoItem]]]
) -> list[TodoGroup]:
    """An audience's to-do groups of these kinds, as their tables declare them: each kind's
    `queryset` (already narrowed to what the user may act on) in the group's states. The
    first group of every kind comes first (what came back or waits for review), then the
    second ones (drafts)."""
    ranked = [
        (rank, position, todo, queryset, item)
        for position, (flow, queryset, item) in enumerate(kinds)
        for rank, todo in enumerate(flow.todo_groups(audience))
    ]
    ranked.sort(key=lambda row: (row[0], row[1]))
    return [
        group(
            todo.key,
            todo.label,
            queryset.filter(status__in=todo.states, **todo.where).order_by(*todo.order),
            item,
        )
        for _rank, _position, todo, queryset, item in ranked
    ]
