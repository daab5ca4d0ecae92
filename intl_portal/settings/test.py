"""Tests: PostgreSQL when DATABASE_URL is set, SQLite otherwise.

All test state lives under its own folder (never the running portal's `var/`), so a test
run and a local `make run` never share a broker queue or files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, CELERY_BROKER_URL, DATABASES, FILE_CACHE_MAX_ENTRIES, env

# pytest-xdist runs the suite in several processes ("gw0", "gw1", …), each with its own test
# database (pytest-django adds the suffix). Each also gets its own folder (files, cache) and its
# own Redis database for the broker, so the worker one process starts never takes another's
# tasks. The result goes into the environment, so processes a test starts (workers, a server)
# inherit it rather than deriving it a second time.
TEST_VAR_DIR = Path(env.str("INTL_PORTAL_TEST_VAR_DIR", default=str(BASE_DIR / "var" / "test")))
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _xdist_worker and not os.environ.get("INTL_PORTAL_TEST_WORKER_APPLIED"):
    _number = int(_xdist_worker.removeprefix("gw"))
    TEST_VAR_DIR = TEST_VAR_DIR / _xdist_worker
    _redis = re.fullmatch(r"(rediss?://[^/]*)(?:/(\d+))?", CELERY_BROKER_URL)
    if _redis:
        CELERY_BROKER_URL = f"{_redis[1]}/{int(_redis[2] or 0) + 1 + _number}"
    os.environ["INTL_PORTAL_TEST_VAR_DIR"] = str(TEST_VAR_DIR)
    os.environ["CELERY_BROKER_URL"] = CELERY_BROKER_URL
    os.environ["INTL_PORTAL_TEST_WORKER_APPLIED"] = "1"
TEST_VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = "test-only-secret-key-not-for-any-deployment-0123456789abcdef"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory, unless a test starts a process (a worker) with EMAIL_URL naming a real server.
if not env.str("EMAIL_URL", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Query-count tests build hundreds of rows between two requests; on a slow machine that took
# over a minute, and the idle-session refresh then added queries to the second request.
SESSION_REFRESH_SECONDS = 600
EMAIL_TIMEOUT = 5
# Retries of undelivered mail come quickly in tests (1 s, 2 s, 4 s …).
NOTIFICATION_RETRY_SECONDS = 1
STATIC_ROOT = TEST_VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(TEST_VAR_DIR / "media")))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(TEST_VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": FILE_CACHE_MAX_ENTRIES},
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so a worker process started by a test sees the same database.
    DATABASES["default"]["TEST"] = {"NAME": str(TEST_VAR_DIR / "test-db.sqlite3")}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = TEST_VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        "control_folder": str(_broker_dir / "control"),
    }
