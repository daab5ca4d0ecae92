"""Mail is configured by EMAIL_URL; production refuses mail written to files."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SmtpServer, wait_for

BASE_DIR = Path(__file__).resolve().parents[2]


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_", "SITE_"))
    }
    return subprocess.run(
        [sys.executable, *code.split()]
        if code.startswith("manage.py")
        else [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
    "s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.SITE_URL)"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp+tls://portal:p%40ss@mail.example.se:587",
            "smtp.EmailBackend mail.example.se 587 portal p@ss True False",
        ),
        ("smtp+ssl://portal:pw@mail.example.se:465", "smtp.EmailBackend mail.example.se 465"),
        ("smtp://127.0.0.1:25", "smtp.EmailBackend 127.0.0.1 25  "),
        ("consolemail://", "console.EmailBackend"),
    ],
)
def test_email_url_configures_the_mail_server(url: str, expected: str) -> None:
    result = _run(
        SHOW,
        DJANGO_SETTINGS_MODULE="intl_portal.settings.local",
        EMAIL_URL=url,
        SITE_URL="https://portal.example.se/",
    )
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert result.stdout.strip().endswith("https://portal.example.se")
    if url.startswith("smtp+ssl"):
        assert "False True" in result.stdout


def _production(**env: str) -> subprocess.CompletedProcess[str]:
    return _run(
        "manage.py check",
        DJANGO_SETTINGS_MODULE="intl_portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        **env,
    )


def test_production_refuses_to_write_mail_to_files() -> None:
    result = _production(SITE_URL="https://portal.example.se")
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


def test_production_writes_mail_to_files_only_when_asked() -> None:
    result = _production(SITE_URL="https://portal.example.se", EMAIL_ALLOW_FILE_BACKEND="true")
    assert result.returncode == 0, result.stderr


def test_production_needs_the_sites_address_for_links() -> None:
    result = _production(EMAIL_URL="smtp://127.0.0.1:25")
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_sendtestemail_reaches_the_configured_server(smtp_server: SmtpServer) -> None:
    result = _run(
        "manage.py sendtestemail kontroll@example.se",
        DJANGO_SETTINGS_MODULE="intl_portal.settings.test",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}",
    )
    assert result.returncode == 0, result.stderr
    wait_for(
        lambda: any(m["To"] == "kontroll@example.se" for m in smtp_server.messages()), timeout=20
    )
