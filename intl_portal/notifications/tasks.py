"""Celery tasks: load by id, call the service, retry with back-off."""

from __future__ import annotations

from celery import Task, shared_task

from . import services


@shared_task(bind=True, name=services.SEND_TASK, acks_late=True, max_retries=None)
def send_notification(self: Task, notification_id: int) -> bool:
    """Mail one notification; when the server is down or refuses, try again later."""
    try:
        return services.notification_send(notification_id=notification_id)
    except services.DeliveryError as exc:
        if exc.retry_in is None:
            return False
        raise self.retry(countdown=exc.retry_in, exc=exc) from exc


@shared_task(name="notifications.sweep", ignore_result=True)
def sweep_notifications() -> int:
    """Periodic: re-send notifications left waiting (broker down, lost retry, dead sender)."""
    return services.notifications_sweep()


@shared_task(name="notifications.send_digests", ignore_result=True)
def send_digests() -> int:
    """Daily: one digest mail per user who chose it."""
    return services.digests_send()
