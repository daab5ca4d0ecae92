"""Context for the base layout that draws on every app (the composition root)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .todo import todo_count


def todo(request: HttpRequest) -> dict[str, Any]:
    """The navigation's to-do count, computed only when a template shows it."""
    return {"todo_count": lambda: todo_count(request.user)}
