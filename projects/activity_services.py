"""Writes to activities: the same draft → submitted → approved/returned path as projects."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from intl_portal.lib import concurrency
from intl_portal.lib.concurrency import Opened
from intl_portal.organisation import policy
from intl_portal.organisation.models import User
from intl_portal.organisation.notices import tell_coordinators, tell_department

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
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not policy.may_edit_entry(user, activity):
        raise PermissionDenied
    if activity.status not in {Activity.Status.DRAFT, Activity.Status.RETURNED}:
        raise ValidationError(_("Aktiviteten är redan inskickad eller godkänd."))
    _check_anchoring(activity)
    activity.status = Activity.Status.SUBMITTED
    activity.save()
    tell_coordinators(
        kind="activity_submitted", path=_path(activity), params=_params(activity), actor=user
    )
    return activity


@transaction.atomic
def activity_approve(*, activity: Activity, user: User) -> Activity:
    if not policy.may_review(user):
        raise PermissionDenied
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status != Activity.Status.SUBMITTED:
        raise ValidationError(_("Bara inskickade aktiviteter kan godkännas."))
    _check_anchoring(activity)
    activity.status = Activity.Status.APPROVED
    activity.review_comment = ""
    activity.save()
    _tell_department(activity, kind="activity_approved", actor=user)
    return activity


@transaction.atomic
def activity_return(*, activity: Activity, user: User, comment: str) -> Activity:
    if not policy.may_review(user):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Skriv en kommentar som förklarar vad som behöver ändras."))
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status != Activity.Status.SUBMITTED:
        raise ValidationError(_("Bara inskickade aktiviteter kan återsändas."))
    activity.status = Activity.Status.RETURNED
    activity.review_comment = comment.strip()
    activity.save()
    _tell_department(activity, kind="activity_returned", actor=user)
    return activity


def _path(activity: Activity) -> str:
    return reverse("projects:activity-detail", args=[activity.pk])


def _params(activity: Activity) -> dict[str, str]:
    return {
        "title": activity.title,
        "department": activity.department.name,
        "comment": activity.review_comment,
    }


def _tell_department(activity: Activity, *, kind: str, actor: User) -> None:
    tell_department(
        kind=kind,
        department_id=activity.department_id,
        author_id=activity.created_by_id,
        path=_path(activity),
        params=_params(activity),
        actor=actor,
    )
