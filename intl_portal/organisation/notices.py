"""Who is told about an entry: the one place every app's services ask.

Coordinators (as the policy counts them, superusers included) hear about what waits for their
review; a department's contacts and the entry's author hear how their entry went.
"""

from __future__ import annotations

from typing import Any

from intl_portal.notifications.kinds import Reason
from intl_portal.notifications.services import notify

from .models import Role, User
from .selectors import coordinator_recipients, department_contacts


def tell_coordinators(
    *, kind: str, path: str, params: dict[str, Any], actor: Any = None, key: str = ""
) -> None:
    """Every coordinator, except the one who acted."""
    notify(
        kind=kind,
        recipients=coordinator_recipients(),
        path=path,
        params=params,
        reason=Reason.COORDINATOR,
        actor=actor,
        key=key,
    )


def tell_department(
    *,
    kind: str,
    department_id: int | None,
    path: str,
    params: dict[str, Any],
    actor: Any = None,
    author_id: int | None = None,
    key: str = "",
) -> None:
    """The department's contacts, and the entry's author if not one of them."""
    contacts = list(department_contacts(department_id=department_id))
    common = {"kind": kind, "path": path, "params": params, "actor": actor, "key": key}
    notify(recipients=contacts, reason=Reason.DEPARTMENT, **common)
    if author_id is not None and author_id not in {user.pk for user in contacts}:
        notify(recipients=User.objects.filter(pk=author_id), reason=Reason.AUTHOR, **common)


def tell_council(
    *, kind: str, path: str, params: dict[str, Any], actor: Any = None, key: str = ""
) -> None:
    """Every active council member with an e-mail address."""
    council = User.objects.filter(role=Role.COUNCIL, is_active=True, is_superuser=False)
    notify(
        kind=kind,
        recipients=council.exclude(email="").order_by("pk"),
        path=path,
        params=params,
        reason=Reason.COUNCIL,
        actor=actor,
        key=key,
    )


def tell_user(
    *, kind: str, user_id: int | None, path: str, params: dict[str, Any], reason: str
) -> None:
    """One user (who asked for something), if they still exist."""
    if user_id is None:
        return
    notify(
        kind=kind,
        recipients=User.objects.filter(pk=user_id),
        path=path,
        params=params,
        reason=reason,
    )


def tell_owner(*, kind: str, owner: User, path: str, params: dict[str, Any], actor: Any) -> None:
    """The person who now answers for a relationship (not told of their own hand-over)."""
    notify(
        kind=kind,
        recipients=[owner],
        path=path,
        params=params,
        reason=Reason.OWNER,
        actor=actor,
    )
