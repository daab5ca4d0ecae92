"""Production: everything from the environment; no start without a real secret key."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMAIL_BACKEND, env

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters."
    )

DEBUG = False

# Mail written to files on the server reaches nobody: refuse it unless asked for explicitly.
if EMAIL_BACKEND.endswith("filebased.EmailBackend") and not env.bool(
    "EMAIL_ALLOW_FILE_BACKEND", default=False
):
    raise ImproperlyConfigured(
        "EMAIL_URL must name the mail server (e.g. smtp+tls://user:password@host:587). "
        "Set EMAIL_ALLOW_FILE_BACKEND=true to write mail to files instead."
    )
if not env.str("SITE_URL", default=""):
    raise ImproperlyConfigured(
        "SITE_URL must be set to the portal's address (e.g. https://internationellt.kommun.se); "
        "the links in every mail use it."
    )
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
