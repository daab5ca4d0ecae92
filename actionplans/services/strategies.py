"""Writes for governing documents (strategies)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from intl_portal.lib import concurrency
from intl_portal.lib.concurrency import Opened
from intl_portal.organisation import notices, policy
from intl_portal.organisation.models import User

from ..models import (
    REVISION_YEARS,
    Strategy,
)


def _default_revision_due(strategy: Strategy) -> None:
    if strategy.revision_due is None and strategy.adopted_on is not None:
        adopted = strategy.adopted_on
        try:
            strategy.revision_due = adopted.replace(year=adopted.year + REVISION_YEARS)
        except ValueError:  # 29 February
            strategy.revision_due = adopted.replace(year=adopted.year + REVISION_YEARS, day=28)


@transaction.atomic
def strategy_create(*, user: User, data: dict[str, Any]) -> Strategy:
    if not policy.may_manage_registry(user):
        raise PermissionDenied
    data = dict(data)
    data.pop("version", None)
    focus_areas = data.pop("focus_areas", [])
    working_methods = data.pop("working_methods", [])
    strategy = Strategy(**data)
    _default_revision_due(strategy)
    strategy.full_clean()
    strategy.save()
    strategy.focus_areas.set(focus_areas)
    strategy.working_methods.set(working_methods)
    return strategy


@transaction.atomic
def strategy_update(
    *, user: User, strategy: Strategy, data: dict[str, Any], opened: Opened | None = None
) -> Strategy:
    """Change a governing document (and its focus areas and working methods)."""
    if not policy.may_manage_registry(user):
        raise PermissionDenied
    data = {k: v for k, v in data.items() if k not in {"version", "opened"}}

    def apply(current: Strategy, changes: dict[str, Any]) -> Strategy:
        relations: dict[str, Any] = {
            k: changes.pop(k) for k in ("focus_areas", "working_methods") if k in changes
        }
        for name, value in changes.items():
            setattr(current, name, value)
        _default_revision_due(current)
        return concurrency.apply_fields(current, relations, m2m=tuple(relations))

    return concurrency.update(strategy, data=data, opened=opened, apply=apply)


def strategies_announce_revisions(*, today: datetime.date | None = None) -> int:
    """Daily: tell the coordinators about each governing document whose revision falls due
    within settings.STRATEGY_REVISION_NOTICE_DAYS (or is overdue). Once per document and date."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.STRATEGY_REVISION_NOTICE_DAYS)
    due = Strategy.objects.filter(revision_due__isnull=False, revision_due__lte=horizon)
    for strategy in due.order_by("revision_due", "pk"):
        notices.tell_coordinators(
            kind="strategy_revision_due",
            path=reverse("actionplans:strategy", args=[strategy.pk]),
            params={"title": strategy.title, "due": strategy.revision_due},
            key=f"strategy-revision:{strategy.pk}:{strategy.revision_due}",
        )
    return due.count()
