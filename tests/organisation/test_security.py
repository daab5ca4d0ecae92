"""Production settings, security headers, sessions and login throttling."""

from __future__ import annotations

import datetime
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intl_portal.organisation.middleware import IdleSessionMiddleware
from intl_portal.organisation.models import Role
from tests import factories

BASE_DIR = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "intl_portal.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_checks_with_a_real_key() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="portal.example.se",
        EMAIL_URL="smtp+tls://portal:secret@mail.example.se:587",
        SITE_URL="https://portal.example.se",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("key", ["", "short", "django-insecure-" + "x" * 60])
def test_production_refuses_to_start_without_a_real_secret_key(key: str) -> None:
    result = _manage("check", DJANGO_SECRET_KEY=key)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/public/projects/", "/health/"])
def test_every_response_carries_csp_and_security_headers(client: Client, url: str) -> None:
    factories.MunicipalityFactory()
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_deactivated_users_session_ends(client: Client) -> None:
    user = factories.UserFactory(role=Role.COORDINATOR)
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.django_db
def test_repeated_login_failures_lock_the_account_and_are_logged(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    factories.UserFactory(username="sara", role=Role.COORDINATOR)
    url = reverse("login")
    with caplog.at_level(logging.WARNING, logger="axes"):
        for _ in range(5):
            client.post(url, {"username": "sara", "password": "wrong"}, REMOTE_ADDR="10.1.2.3")
    assert any("sara" in r.getMessage() and "10.1.2.3" in r.getMessage() for r in caplog.records)
    locked = client.post(
        url, {"username": "sara", "password": factories.PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert locked.status_code == 429
    assert "tillfälligt spärrad" in locked.content.decode()


def _session_row(client: Client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


@pytest.mark.django_db
def test_an_idle_session_ends_and_use_keeps_it_alive(client: Client) -> None:
    user = factories.UserFactory(role=Role.COORDINATOR)
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 200
    row = _session_row(client)
    idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert row.expire_date == pytest.approx(
        timezone.now() + idle, abs=datetime.timedelta(seconds=5)
    )

    # Used again within the refresh interval: the session is not written again.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard")).status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]
                and q["sql"].startswith(("UPDATE", "INSERT"))]  # fmt: skip

    # Last written longer ago than the refresh interval: this use extends it by the idle time.
    session = client.session
    session[IdleSessionMiddleware.KEY] -= settings.SESSION_REFRESH_SECONDS
    session.save()
    Session.objects.filter(pk=row.pk).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=2)
    )
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert _session_row(client).expire_date > timezone.now() + idle - datetime.timedelta(seconds=5)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE

    # Unused for the idle time: the session has ended and the user must log in again.
    Session.objects.filter(pk=row.pk).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.django_db
def test_public_visitors_get_no_session(client: Client) -> None:
    client.cookies[settings.SESSION_COOKIE_NAME] = "an-old-or-made-up-session-key"
    for url in [reverse("public-home"), reverse("login")]:
        response = client.get(url)
        assert response.status_code == 200
        # At most the stale cookie is cleared; no new session is handed out.
        cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
        assert cookie is None or cookie.value == ""
    assert not Session.objects.exists()
