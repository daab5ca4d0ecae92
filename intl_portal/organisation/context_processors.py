from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import policy
from .models import Municipality


def portal(request: HttpRequest) -> dict[str, Any]:
    """The municipality and the user's capabilities, for the base layout."""
    user = request.user
    return {
        "municipality": Municipality.current(),
        "is_coordinator": policy.is_coordinator(user),
        "may_view_internal": policy.may_view_internal(user),
        "may_create_entry": policy.may_create_entry(user),
    }
