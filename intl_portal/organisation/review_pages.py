"""The review workflow on the pages: the buttons a user may press on an entry, and the POST that
takes a step (403 when the kind's table refuses it, so a refusal never looks like success)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .workflow import REQUIRE, Refused, Step, flow_of, may_take, steps_for


@dataclass(frozen=True)
class Button:
    """A step this user may take on this entry, and where its form posts."""

    step: Step
    url: str

    @property
    def needs_comment(self) -> bool:
        return self.step.comment == REQUIRE


def buttons(user: Any, entry: Any) -> list[Button]:
    """The review buttons of an entry's page, from its kind's table."""
    flow = flow_of(entry)
    return [Button(step, flow.url(entry, step.name)) for step in steps_for(user, entry)]


def refusal(request: HttpRequest, entry: Any, name: str, *, back: str) -> HttpResponse | None:
    """403 with the reason when the table does not let this user take the step now, else None."""
    if may_take(request.user, entry, name):
        return None
    step = flow_of(entry).step(name)
    reason = step.refused if step.actor(request.user, entry) else None
    return render(request, "review_refused.html", {"reason": reason, "back": back}, status=403)


def take_step(
    request: HttpRequest,
    entry: Any,
    name: str,
    action: Callable[[], object],
    *,
    then: str,
    back: str | None = None,
    success: str | None = None,
) -> HttpResponse:
    """Take a step from a page: refused by the table → 403 and nothing written; not ready (the
    kind's own check, a missing comment) → the reason as a message and back to `back`; done →
    the step's message (or `success`) and on to `then`."""
    back = back or then
    refused = refusal(request, entry, name, back=back)
    if refused is not None:
        return refused
    try:
        action()
    except Refused as exc:  # another user moved the entry on between the page and the step
        return render(
            request, "review_refused.html", {"reason": exc.messages[0], "back": back}, status=403
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, success or str(flow_of(entry).step(name).done))
    return redirect(then)
