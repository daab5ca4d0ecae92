"""Tests: PostgreSQL when DATABASE_URL is set, SQLite otherwise.

All test state lives under its own folder (never the running portal's `var/`), so a test
run and a local `make run` never share a broker queue or files.
"""

from __future__ import annotations

from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, CELERY_BROKER_URL, DATABASES, env

TEST_VAR_DIR = Path(env.str("INTL_PORTAL_TEST_VAR_DIR", default=str(BASE_DIR / "var" / "test")))
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
