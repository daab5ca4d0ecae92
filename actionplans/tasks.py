"""Celery tasks: thin wrappers that call a service. The report's are in reports/tasks.py."""

from __future__ import annotations

from celery import shared_task

from .services import followup, strategies


@shared_task(name="actionplans.send_followup_reminders", ignore_result=True)
def send_followup_reminders() -> int:
    """Daily: remind departments whose follow-up part is not ready. Safe to run twice a day."""
    return followup.followup_send_reminders()


@shared_task(name="actionplans.announce_strategy_revisions", ignore_result=True)
def announce_strategy_revisions() -> int:
    """Daily: tell coordinators about governing documents due for revision. Safe to repeat."""
    return strategies.strategies_announce_revisions()
