"""Settings shared by every environment. Everything comes from environment variables.

The defaults make a first run on a bare machine work: SQLite and a filesystem broker under
`var/`. Production (`production.py`) refuses to start without a real secret key.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from intl_portal.lib.countries import OVERRIDES as COUNTRY_NAMES

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parents[2]
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

VAR_DIR = Path(env.str("INTL_PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # full-text and trigram search lookups (unused on SQLite)
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_countries",
    "simple_history",
    "axes",
    "csp",
    "intl_portal.organisation",
    "intl_portal.notifications",
    "partners",
    "projects",
    "actionplans",
    "funding",
    "reports",
    "portal",
    "portal.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "intl_portal.organisation.middleware.IdleSessionMiddleware",
    "intl_portal.organisation.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "intl_portal.notifications.middleware.PortalChangedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "intl_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intl_portal.organisation.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default has a web process and a worker writing one file: a transaction takes
    # the write lock when it begins (IMMEDIATE) and waits for it, rather than failing with
    # "database is locked" when a read inside it turns into a write while the other one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Reuse connections, but check them first so the portal recovers when the database returns.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
else:
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisation.User"

# Shared across processes: never a per-process memory cache.
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")}
# Django's file cache culls a third of its entries, at random, once it holds 300: the gazetteer
# alone has about 250 (one per country), beside the users' dashboards.
FILE_CACHE_MAX_ENTRIES = 3_000
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", FILE_CACHE_MAX_ENTRIES)

# Sign-in (README: "Taking it into use"). Local passwords can be switched off once everyone
# signs in through the municipality's OpenID Connect provider.
LOCAL_PASSWORDS = env.bool("AUTH_LOCAL_PASSWORDS", default=True)
# A set-password link (invitation or reset) works once, for this many hours.
PASSWORD_RESET_TIMEOUT = env.int("SET_PASSWORD_LINK_HOURS", default=72) * 3600

# OpenID Connect (mozilla-django-oidc, see portal/accounts/oidc.py). On when a client id
# is set; the endpoints come from the provider's discovery document unless set one by one.
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_ISSUER = env.str("OIDC_ISSUER", default="")
OIDC_DISCOVERY_URL = env.str("OIDC_DISCOVERY_URL", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_JWKS_ENDPOINT", default="")
OIDC_OP_END_SESSION_ENDPOINT = env.str("OIDC_END_SESSION_ENDPOINT", default="")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGO", default="RS256")
OIDC_EMAIL_CLAIM = env.str("OIDC_EMAIL_CLAIM", default="email")
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
OIDC_REQUIRE_VERIFIED_EMAIL = env.bool("OIDC_REQUIRE_VERIFIED_EMAIL", default=True)
# "refuse": only people who already have an account get in; "create": others get an account
# without a role, which a coordinator then gives them.
OIDC_UNKNOWN_USERS = env.str("OIDC_UNKNOWN_USERS", default="refuse")
if OIDC_UNKNOWN_USERS not in {"refuse", "create"}:
    raise ImproperlyConfigured("OIDC_UNKNOWN_USERS must be 'refuse' or 'create'.")
# Optional: group claim value -> role (coordinator, contact, council) / department
# (abbreviation or name), e.g. OIDC_GROUP_ROLES="intl-samordnare=coordinator,intl-kontakt=contact".
OIDC_GROUP_ROLES = env.dict("OIDC_GROUP_ROLES", default={})
OIDC_GROUP_DEPARTMENTS = env.dict("OIDC_GROUP_DEPARTMENTS", default={})
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # sent as id_token_hint when logging out of the provider
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
OIDC_OP_LOGOUT_URL_METHOD = "portal.accounts.oidc.provider_logout_url"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/refused/"  # mozilla-django-oidc takes a path


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


OIDC_ORIGINS = sorted(
    {
        _origin(url)
        for url in (OIDC_ISSUER, OIDC_DISCOVERY_URL, OIDC_OP_END_SESSION_ENDPOINT)
        if _origin(url)
    }
)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["django.contrib.auth.backends.ModelBackend"] if LOCAL_PASSWORDS else []),
    *(["portal.accounts.oidc.Backend"] if OIDC_RP_CLIENT_ID else []),
]
if not LOCAL_PASSWORDS and not OIDC_RP_CLIENT_ID:
    raise ImproperlyConfigured("With AUTH_LOCAL_PASSWORDS=false, OIDC_CLIENT_ID must be set.")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "public-home"

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_WHITELIST_CALLABLE = "portal.accounts.oidc.axes_leaves_alone"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
# Every failure is logged with time, IP and username (the security log needs them).
AXES_SENSITIVE_PARAMETERS: list[str] = []

SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=60 * 60)
# The idle timeout (organisation.middleware.IdleSessionMiddleware): each use extends the session,
# writing it at most once per SESSION_REFRESH_SECONDS.
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=60)
# The dashboard is cached per user for this long, and read afresh after any change saved in
# the portal (portal.views.dashboard); 0 reads it on every request.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # years must not read "2 026"; money uses intcomma
# Country names django-countries leaves in English in Swedish (intl_portal/lib/countries.py).
COUNTRIES_OVERRIDE = COUNTRY_NAMES

# Open data (/open/): the licence of every dataset, and who answers questions about them.
# OPEN_DATA_LICENSE is a key of intl_portal.lib.opendata.LICENSES (CC0-1.0, CC-BY-4.0).
OPEN_DATA_LICENSE = env.str("OPEN_DATA_LICENSE", default="CC0-1.0")
OPEN_DATA_CONTACT_EMAIL = env.str("OPEN_DATA_CONTACT_EMAIL", default="")

# The accessibility statement's dates (ISO): when the site was last reviewed, and when the
# statement was last updated. Change them when you review again (the supervisory authority,
# Digg, asks for both).
ACCESSIBILITY_REVIEWED = env.str("ACCESSIBILITY_REVIEWED", default="2026-11-29")
ACCESSIBILITY_STATEMENT_UPDATED = env.str("ACCESSIBILITY_STATEMENT_UPDATED", default="2026-11-29")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # files are only sent by permission-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Annual report rendering limits (seconds). A running job whose worker died is taken over
# once its lease (longer than the hard limit) has run out; the sweeper runs this often.
REPORT_SOFT_TIME_LIMIT = env.int("REPORT_SOFT_TIME_LIMIT", default=240)
REPORT_TIME_LIMIT = env.int("REPORT_TIME_LIMIT", default=300)
REPORT_LEASE_SECONDS = env.int("REPORT_LEASE_SECONDS", default=REPORT_TIME_LIMIT + 60)
REPORT_SWEEP_SECONDS = env.float("REPORT_SWEEP_SECONDS", default=60.0)
if REPORT_LEASE_SECONDS <= REPORT_TIME_LIMIT:
    raise ImproperlyConfigured("REPORT_LEASE_SECONDS must be longer than REPORT_TIME_LIMIT.")

# Celery: web processes never render; they enqueue after commit.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        "control_folder": str(_broker_dir / "control"),
    }
else:
    # Redis hands an unacknowledged message (its worker killed) out again after this time.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": REPORT_LEASE_SECONDS}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = TIME_ZONE


# Follow-up reminders go out this many days before the round's deadline (0: on the day).
FOLLOWUP_REMINDER_DAYS = [int(n) for n in env.list("FOLLOWUP_REMINDER_DAYS", default=["7", "0"])]

# Mail: EMAIL_URL in django-environ's form (smtp+tls://user:password@host:587, smtp+ssl://…,
# smtp://127.0.0.1:25, consolemail://). Unset, mail is written to files under var/mail, which
# production refuses unless EMAIL_ALLOW_FILE_BACKEND says so.
EMAIL_URL = env.str("EMAIL_URL", default="")
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
if EMAIL_URL and not EMAIL_URL.startswith("filemail:"):
    _email = env.email_url_config(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
    EMAIL_PORT = _email["EMAIL_PORT"] or 25
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
    EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS"))
    EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="intl-portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's absolute address, used in the links of every mail.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Notifications: a failed delivery is retried after NOTIFICATION_RETRY_SECONDS, doubling up to
# an hour, at most NOTIFICATION_MAX_ATTEMPTS times; the sweeper re-sends anything left waiting.
NOTIFICATION_RETRY_SECONDS = env.int("NOTIFICATION_RETRY_SECONDS", default=30)
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=12)
NOTIFICATION_SWEEP_SECONDS = env.float("NOTIFICATION_SWEEP_SECONDS", default=300.0)
# Strategy documents are announced to coordinators this many days before their revision is due.
STRATEGY_REVISION_NOTICE_DAYS = env.int("STRATEGY_REVISION_NOTICE_DAYS", default=90)

# Content-Security-Policy: no inline scripts or styles, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # Logging out posts to the portal, which redirects to the provider's end-session page.
        "form-action": [SELF, *OIDC_ORIGINS],
        "frame-ancestors": [NONE],
    },
}
# Origins allowed to show the website widget (/widget/) in a frame, e.g.
# "https://www.lidkoping.se"; every other site is refused by the CSP's frame-ancestors.
WIDGET_FRAME_ANCESTORS = env.list("WIDGET_FRAME_ANCESTORS", default=[])
for _origin in WIDGET_FRAME_ANCESTORS:
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?", str(_origin)):
        raise ImproperlyConfigured(
            f"WIDGET_FRAME_ANCESTORS: {_origin!r} is not an origin such as https://www.kommun.se"
        )
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Funding radar: the EU portal's search API is read only where the server may reach it.
FUNDING_FETCH_ENABLED = env.bool("FUNDING_FETCH_ENABLED", default=False)
FUNDING_API_URL = env.str(
    "FUNDING_API_URL", default="https://api.tech.ec.europa.eu/search-api/prod/rest/search"
)
FUNDING_FETCH_PROGRAMMES = env.list(
    "FUNDING_FETCH_PROGRAMMES", default=["ERASMUS", "CERV", "LIFE", "CREA"]
)
FUNDING_FETCH_TIMEOUT = env.float("FUNDING_FETCH_TIMEOUT", default=30.0)
FUNDING_REMINDER_DAYS = [int(n) for n in env.list("FUNDING_REMINDER_DAYS", default=["30", "7"])]
