"""The settings area ("Inställningar"): coordinators run the portal without the Django admin.

It spans the organisation core (municipality, committees, departments, focus areas, users),
the project bank's reference data (funding programmes, exchange rates) and the strategy's
working methods, so it lives beside the URL conf in the composition root and asks each app's
own services to write. One module per area: the municipality, reference data, users.
"""

from __future__ import annotations

from .municipality import index, municipality, municipality_logo
from .reference import kind_create, kind_edit, kind_list, rate_import
from .users import (
    user_deactivate,
    user_edit,
    user_invite,
    user_list,
    user_password_reset,
    user_reactivate,
    user_reinvite,
)

__all__ = [
    "index",
    "kind_create",
    "kind_edit",
    "kind_list",
    "municipality",
    "municipality_logo",
    "rate_import",
    "user_deactivate",
    "user_edit",
    "user_invite",
    "user_list",
    "user_password_reset",
    "user_reactivate",
    "user_reinvite",
]
