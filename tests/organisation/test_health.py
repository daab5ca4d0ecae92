"""/health/: what the load balancer and the operator read."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import pytest
from django.test import Client

from intl_portal.celery import app as celery_app

pytestmark = pytest.mark.django_db

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


def _reset_broker_pools() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextlib.contextmanager
def unreachable_broker() -> Iterator[None]:
    """Point the Celery app at a port nobody listens on; restore the real broker after."""
    saved = {key: celery_app.conf.get(key) for key in ("broker_url", "broker_write_url")}
    celery_app.conf.broker_url = UNREACHABLE_BROKER
    # CELERY_BROKER_URL in the environment wins over broker_url; broker_write_url does not.
    celery_app.conf.broker_write_url = UNREACHABLE_BROKER
    _reset_broker_pools()
    try:
        yield
    finally:
        for key, value in saved.items():
            celery_app.conf[key] = value
        _reset_broker_pools()


def test_health_is_ok_when_database_and_broker_answer(client: Client) -> None:
    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_naming_the_broker_while_it_is_unreachable(client: Client) -> None:
    started = time.monotonic()
    with unreachable_broker():
        down = client.get("/health/")
    elapsed = time.monotonic() - started
    back = client.get("/health/")

    assert down.status_code == 503
    assert down.json() == {"status": "unavailable", "database": "ok", "broker": "unavailable"}
    assert elapsed < 5, f"/health/ took {elapsed:.1f} s to report the broker down"
    assert back.status_code == 200
    assert back.json()["broker"] == "ok"


def test_health_needs_no_login_and_only_answers_get(client: Client) -> None:
    assert client.get("/health/").status_code == 200
    assert client.post("/health/").status_code == 405
