"""The Celery application. Every periodic schedule is declared here, in one place."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intl_portal.settings.local")

app = Celery("intl_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# All periodic schedules live here (run by `celery beat`).
app.conf.beat_schedule = {
    "sweep-report-jobs": {
        "task": "actionplans.sweep_report_jobs",
        "schedule": 60.0,
    },
}
