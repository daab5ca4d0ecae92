"""The Celery application. Every periodic schedule is declared here, in one place."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intl_portal.settings.local")

app = Celery("intl_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()  # each installed app's tasks.py

# All periodic schedules live here (run by `celery beat`).
app.conf.beat_schedule = {
    "sweep-report-jobs": {
        "task": "actionplans.sweep_report_jobs",
        "schedule": settings.REPORT_SWEEP_SECONDS,
    },
    # Daily; the task sends only on the days settings.FOLLOWUP_REMINDER_DAYS name, once a day.
    "send-followup-reminders": {
        "task": "actionplans.send_followup_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Governing documents due for revision (each announced once per due date).
    "announce-strategy-revisions": {
        "task": "actionplans.announce_strategy_revisions",
        "schedule": crontab(hour=7, minute=10),
    },
    # Notifications whose message was lost (broker down at commit, a dead sender) go again.
    "sweep-notifications": {
        "task": "notifications.sweep",
        "schedule": settings.NOTIFICATION_SWEEP_SECONDS,
    },
    # One digest a day to everyone who chose it for some kinds.
    "send-notification-digests": {
        "task": "notifications.send_digests",
        "schedule": crontab(hour=6, minute=30),
    },
}
# Daily gallring: names and addresses of relationships ended longer ago than the municipality's
# retention period are removed (organisation.personal_data).
app.conf.beat_schedule["apply-personal-data-retention"] = {
    "task": "organisation.apply_personal_data_retention",
    "schedule": crontab(hour=3, minute=15),
}
# Daily: deadline reminders of the funding radar (30 and 7 days, once per deadline and department).
app.conf.beat_schedule["send-funding-reminders"] = {
    "task": "funding.send_call_reminders",
    "schedule": crontab(hour=7, minute=10),
}
# Daily fetch from the EU Funding & Tenders Portal: only where the server may reach it.
if settings.FUNDING_FETCH_ENABLED:
    app.conf.beat_schedule["fetch-funding-calls"] = {
        "task": "funding.fetch_calls",
        "schedule": crontab(hour=5, minute=30),
    }
