"""Reads for notifications."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from .models import Delivery, MailSettings, Notification, Preference


def preferences_of(*, user: Any) -> dict[str, Any]:
    """The user's current choices as form initial data (unset kinds: mail now)."""
    initial: dict[str, Any] = dict(
        Preference.objects.filter(user=user).values_list("kind", "delivery")
    )
    language = MailSettings.objects.filter(user=user).values_list("language", flat=True).first()
    initial["language"] = language or settings.LANGUAGE_CODE
    return initial


def recent_notifications(*, user: Any, limit: int = 20) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")[:limit]


__all__ = ["Delivery", "preferences_of", "recent_notifications"]
