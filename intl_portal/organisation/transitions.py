"""The one transition service of the review workflow: takes a step of a kind's table
(intl_portal/organisation/workflow.py) on one entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone

from .notices import tell_coordinators, tell_department
from .workflow import CLEAR, COORDINATORS, NOW, REQUIRE, Flow, Refused, Step, flow_of

M = TypeVar("M", bound=models.Model)


def step_take(
    *,
    entry: M,
    name: str,
    user: Any,
    comment: str = "",
    check: Callable[[M], None] | None = None,
    **fields: Any,
) -> M:
    """Take a step: who may act, then the state under a row lock, the kind's own `check`, the
    stamps, one save (which the history records) and the notification. Call it inside the
    caller's transaction.

    PermissionDenied when the table does not let this user take the step on this entry;
    ValidationError (the step's `refused`) when the row has meanwhile left the step's states,
    or from `check` when the entry is not ready for the step.
    """
    flow = flow_of(entry)
    step = flow.step(name)
    if not step.actor(user, entry):
        raise PermissionDenied
    comment = comment.strip()
    if step.comment == REQUIRE and not comment:
        raise ValidationError(str(step.comment_missing))
    # Any: every reviewed model has `status` (and most `version`), which Model does not declare.
    locked: Any = type(entry)._default_manager.select_for_update().get(pk=entry.pk)
    if locked.status not in step.sources:
        raise Refused(str(step.refused))
    if not step.actor(user, locked):  # the locked row may have moved out of the user's reach
        raise PermissionDenied
    if check is not None:
        check(locked)
    _write(step, locked, user=user, comment=comment, fields=fields)
    _tell(flow, step, locked, user)
    return locked  # type: ignore[no-any-return]  # the locked copy of `entry`, type M


def _write(step: Step, entry: Any, *, user: Any, comment: str, fields: dict[str, Any]) -> None:
    """The new state, the comment and the stamps, in one save (the history records it)."""
    entry.status = step.target
    if step.comment == REQUIRE:
        entry.review_comment = comment
    elif step.comment == CLEAR:
        entry.review_comment = ""
    now = timezone.now()
    for name, source in step.stamps.items():
        setattr(entry, name, now if source == NOW else user)
    for name, value in fields.items():
        setattr(entry, name, value)
    if hasattr(entry, "version"):  # an edit form opened before the step sees the change
        entry.version += 1
    entry.save()


def _tell(flow: Flow, step: Step, entry: Any, user: Any) -> None:
    if not step.tell:
        return
    notice = flow.notice(entry)
    kind = f"{flow.kind}_{step.target}"
    if step.tell == COORDINATORS:
        tell_coordinators(kind=kind, path=notice.path, params=notice.params, actor=user)
        return
    tell_department(
        kind=kind,
        department_id=notice.department_id,
        author_id=notice.author_id,
        path=notice.path,
        params={**notice.params, "comment": entry.review_comment},
        actor=user,
    )
