"""Writes to activities: the same draft → submitted → approved/returned path as projects."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intl_portal.lib import concurrency
from intl_portal.lib.concurrency import Opened
from intl_portal.organisation import policy
from intl_portal.organisation.models import User
from intl_portal.organisation.transitions import step_take

from .models import Activity
from .travel import fill_computed_distance


def _save(activity: Activity, data: dict[str, Any]) -> Activity:
    data = dict(data)
    sdgs = data.pop("sdgs", None)
    for name, value in data.items():
        setattr(activity, name, value)
    fill_computed_distance(activity)
    activity.full_clean()
    activity.save()
    if sdgs is not None:
        activity.sdgs.set(sdgs)
    return activity


@transaction.atomic
def activity_create(*, author: User, data: dict[str, Any]) -> Activity:
    """A draft; a contact's activity always belongs to the contact's department."""
    if not policy.may_create_entry(author):
        raise PermissionDenied
    data = dict(data)
    if not policy.is_coordinator(author):
        data["department"] = author.department
    return _save(Activity(created_by=author), data)


@transaction.atomic
def activity_update(
    *, activity: Activity, user: User, data: dict[str, Any], opened: Opened | None = None
) -> Activity:
    """Change an activity; `opened` is what the edit form was opened with (see concurrency)."""
    if not policy.may_edit_entry(user, activity):
        raise PermissionDenied
    data = dict(data)
    if not policy.is_coordinator(user):
        data.pop("department", None)
    return concurrency.update(activity, data=data, opened=opened, apply=_save)


def _check_anchoring(activity: Activity) -> None:
    if activity.anchoring_missing:
        raise ValidationError(
            _(
                "Större konferenser och viktiga besök ska vara politiskt förankrade: ange "
                "datum och beslut från kommunstyrelsens presidium."
            )
        )


@transaction.atomic
def activity_submit(*, activity: Activity, user: User) -> Activity:
    """Send a draft or returned activity to the coordinator for review."""
    return step_take(entry=activity, name="submit", user=user, check=_check_anchoring)


@transaction.atomic
def activity_approve(*, activity: Activity, user: User) -> Activity:
    """Approve a submitted activity (its political anchoring is checked again)."""
    return step_take(entry=activity, name="approve", user=user, check=_check_anchoring)


@transaction.atomic
def activity_return(*, activity: Activity, user: User, comment: str) -> Activity:
    """Send a submitted activity back to its department with a comment."""
    return step_take(entry=activity, name="return", user=user, comment=comment)
