"""Shared fixtures: the five roles, and a real Celery worker process."""

from __future__ import annotations

import contextlib
import email.message
import importlib
import mailbox
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection
from django.utils import translation

from intl_portal.notifications.services import portal_changed
from intl_portal.organisation.models import Department, Role, User
from tests import factories

BASE_DIR = Path(__file__).resolve().parents[1]


# The rows the data migrations write (funding programmes, emission factors, the 17 SDGs): each
# migration's own function, which only adds what is missing.
MIGRATION_ROWS = (
    ("projects.migrations.0007_currencies_and_funding_programmes", "add_funding_programmes"),
    ("projects.migrations.0008_activity_travel_emission_factors", "add_factors"),
    ("intl_portal.organisation.migrations.0004_sustainable_development_goals", "fill_goals"),
)


@pytest.fixture(autouse=True)
def _migration_rows(request: pytest.FixtureRequest) -> None:
    """Every test that commits (a transactional test) starts with the migrations' rows.

    A transactional test ends by emptying every table, the rows the data migrations wrote too,
    so without this a test's outcome would depend on whether another transactional test ran
    before it in the same process.
    """
    marker = request.node.get_closest_marker("django_db")
    commits = (marker is not None and marker.kwargs.get("transaction")) or (
        "live_server" in request.fixturenames or "transactional_db" in request.fixturenames
    )
    if not commits:
        return
    request.getfixturevalue("transactional_db")
    for module, function in MIGRATION_ROWS:
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture(autouse=True)
def _fresh_user_caches() -> None:
    """Nothing cached for a user by an earlier test is read by this one.

    The dashboard and the to-do count are cached per user id under the generation, which a
    test that never commits does not move; SQLite gives a rolled-back row's id to the next
    test's user. Moving the generation is what a saved change does (cheap: one cache write;
    emptying the cache would also drop the gazetteer that many tests read).
    """
    portal_changed()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the portal's own language (Swedish).

    A request through the test client activates the visitor's language in this thread and
    leaves it active, so without this a test that reads a translated text (a global goal's
    name) would depend on whether an earlier test in the process had asked in English.
    """
    translation.activate(settings.LANGUAGE_CODE)


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI the suite must run on PostgreSQL and a real broker server, never the fallbacks."""
    if not os.environ.get("INTL_PORTAL_REQUIRE_REAL_SERVICES"):
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    broker = settings.CELERY_BROKER_URL
    if not engine.endswith("postgresql") or not broker.startswith(("redis://", "amqp://")):
        pytest.exit(
            f"CI requires PostgreSQL and Redis/RabbitMQ, got {engine} and {broker}", returncode=3
        )


@dataclass
class World:
    """Two departments and one user per role (alice/bob/charlie style)."""

    own_department: Department
    other_department: Department
    contact: User  # contact of the owning department
    other_contact: User  # contact of another department
    council: User
    coordinator: User


@pytest.fixture
def world(db: None) -> World:
    factories.MunicipalityFactory()
    own = factories.DepartmentFactory(name="Barn- och utbildningsförvaltningen", abbreviation="BUF")
    other = factories.DepartmentFactory(name="Kultur- och fritidsförvaltningen", abbreviation="KFF")
    return World(
        own_department=own,
        other_department=other,
        contact=factories.UserFactory(username="karin", role=Role.CONTACT, department=own),
        other_contact=factories.UserFactory(username="kalle", role=Role.CONTACT, department=other),
        council=factories.UserFactory(username="per", role=Role.COUNCIL),
        coordinator=factories.UserFactory(username="sara", role=Role.COORDINATOR),
    )


def _worker_database_url() -> str:
    """The URL of the database the tests are using right now (the test database)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


# Short report limits for test workers, so a job whose worker was killed is taken over
# (its lease runs out, and Redis hands the unacknowledged message out again) within a test.
# The soft limit leaves a render twice the time it takes on a quiet machine, for a busy one
# (the suite runs in one process per core, each with its own worker).
TEST_WORKER_LIMITS = {
    "REPORT_SOFT_TIME_LIMIT": "40",
    "REPORT_TIME_LIMIT": "45",
    "REPORT_LEASE_SECONDS": "50",
}


@dataclass
class WorkerProcess:
    process: subprocess.Popen[bytes]
    log_path: Path
    concurrency: int = 1
    restarts: int = 0

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def children(self) -> list[int]:
        """The pool processes (prefork children) of the running worker."""
        # Every thread's list: the pool forks replacement children from a supervisor thread.
        tasks = Path(f"/proc/{self.process.pid}/task").glob("*/children")
        return sorted({int(pid) for task in tasks for pid in task.read_text().split()})

    def restart(self) -> None:
        """Start the worker again (after it was stopped or killed), logging to a new file."""
        stop_worker(self)
        self.restarts += 1
        log_path = self.log_path.with_name(f"worker-{self.restarts}.log")
        fresh = start_worker(log_path, concurrency=self.concurrency)
        self.process, self.log_path = fresh.process, fresh.log_path


# Workers mail through the session's SMTP server process (see `smtp_server`), with links to
# the test client's host.
WORKER_MAIL: dict[str, str] = {"SITE_URL": "http://testserver"}


def worker_env() -> dict[str, str]:
    """The environment of a worker or beat process started by a test."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intl_portal.settings.test",
        "DATABASE_URL": _worker_database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        **TEST_WORKER_LIMITS,
        **WORKER_MAIL,
    }


def start_worker(log_path: Path, *, concurrency: int = 1) -> WorkerProcess:
    """Start `celery worker` as its own process on the configured broker and test database."""
    env = worker_env()
    cmd = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "intl_portal",
        "worker",
        "--loglevel=INFO",
        f"--concurrency={concurrency}",
        "--pool=prefork",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        f"--logfile={log_path}",
        f"--hostname=test-{os.getpid()}-{time.time_ns()}@%h",
    ]
    process = subprocess.Popen(cmd, cwd=BASE_DIR, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Celery worker exited early:\n{log_path.read_text()}")
        if log_path.exists() and " ready." in log_path.read_text(errors="replace"):
            return WorkerProcess(process, log_path, concurrency)
        time.sleep(0.2)
    stop_worker(WorkerProcess(process, log_path))
    raise RuntimeError("Celery worker did not become ready within 60 s")


def stop_worker(worker: WorkerProcess) -> None:
    if worker.process.poll() is None:
        os.killpg(worker.process.pid, signal.SIGTERM)
        try:
            worker.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.process.pid, signal.SIGKILL)
            worker.process.wait(timeout=10)


class SmtpServer:
    """A real SMTP server in its own process (aiosmtpd) on loopback, storing mail in a Maildir."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        cmd = [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}"]
        cmd += ["-c", "aiosmtpd.handlers.Mailbox", str(self.directory / "maildir")]
        self.process = subprocess.Popen(cmd, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.1)
        raise RuntimeError("SMTP server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None

    def messages(self) -> list[email.message.Message]:
        if not (self.directory / "maildir").exists():
            return []
        return list(mailbox.Maildir(self.directory / "maildir", factory=None, create=False))


@pytest.fixture(scope="session")
def smtp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmtpServer]:
    """One SMTP server process for the session; workers started by tests mail through it."""
    server = SmtpServer(tmp_path_factory.mktemp("smtp"))
    server.start()
    WORKER_MAIL["EMAIL_URL"] = f"smtp://127.0.0.1:{server.port}"
    try:
        yield server
    finally:
        WORKER_MAIL.pop("EMAIL_URL", None)
        server.stop()


@pytest.fixture(scope="session")
def celery_worker_process(
    django_db_setup: None,
    django_db_blocker: object,
    tmp_path_factory: pytest.TempPathFactory,
    smtp_server: SmtpServer,
) -> Iterator[WorkerProcess]:
    """One real worker for the session; stopped before the test database is dropped."""
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        worker = start_worker(log_path)
    try:
        yield worker
    finally:
        stop_worker(worker)


def wait_for(predicate, *, timeout: float = 90, interval: float = 0.25, message: str = "") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(message or "condition not met in time")
