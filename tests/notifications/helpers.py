"""Deliver waiting notifications in the test process (to Django's in-memory outbox)."""

from __future__ import annotations

from intl_portal.notifications import services
from intl_portal.notifications.models import Delivery, Notification


def deliver_waiting() -> int:
    """Send every notification waiting for immediate delivery, as the worker would."""
    waiting = Notification.objects.filter(
        state=Notification.State.PENDING, delivery=Delivery.NOW
    ).values_list("pk", flat=True)
    return sum(services.notification_send(notification_id=pk) for pk in list(waiting))


def recipients_of(kind: str) -> set[str]:
    """The usernames a kind of notification was recorded for."""
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))
