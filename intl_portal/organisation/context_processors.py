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
        # The settings link in the main navigation and the partner section's shared subnav
        # (and the dashboard's proposals line) ask these on every page.
        "may_manage_settings": policy.may_manage_settings(user),
        "may_handle_proposals": policy.may_handle_proposals(user),
        "may_view_internal": policy.may_view_internal(user),
        "may_create_entry": policy.may_create_entry(user),
    }
