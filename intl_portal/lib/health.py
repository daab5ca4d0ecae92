"""Probes for /health/: the database and the broker."""

from __future__ import annotations

import logging

from celery import current_app
from django.db import connection

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means "down"
        logger.warning("Health: database unreachable", exc_info=True)
        return False
    return True


def broker_ok() -> bool:
    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=2)
    except Exception:
        logger.warning("Health: broker unreachable", exc_info=True)
        return False
    return True
