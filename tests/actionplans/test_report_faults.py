"""kill -9 against the real worker and broker while a report renders.

After the kill the job completes, or ends failed with a retry; it is never left "running",
never gets a second version, and no half-written file is ever offered for download.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from actionplans.models import AnnualReport, Goal, GoalOutcome
from projects.models import Project
from reports import services as report_services
from tests import factories
from tests.conftest import BASE_DIR, WorkerProcess, World, wait_for, worker_env

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]

YEAR = 2026
HEAVY_PROJECTS = 150  # enough that rendering takes seconds, so the kill lands mid-render


def _heavy_year(world: World) -> None:
    """A year with many projects and goals: a report of a few dozen pages."""
    programme = factories.FundingProgrammeFactory()
    Project.objects.bulk_create(
        Project(
            title=f"Tungt projekt {i:03d}",
            department=world.own_department,
            programme=programme,
            phase=Project.Phase.ONGOING,
            start_date=datetime.date(YEAR, 1, 1),
            end_date=datetime.date(YEAR + 1, 6, 30),
            budget_total=1_000_000,
            grant_amount=800_000,
            own_contribution=200_000,
            cofinancing_eu=True,
            cofinancing_nordic=True,
            cofinancing_sida=True,
            status=Project.Status.APPROVED,
        )
        for i in range(HEAVY_PROJECTS)
    )
    plan = factories.ActionPlanFactory(year=YEAR)
    area = factories.FocusAreaFactory()
    goals = Goal.objects.bulk_create(
        Goal(
            plan=plan,
            focus_area=area,
            department=world.own_department,
            description=f"Mål {i:03d} för utbyten",
            indicator="Antal utbyten",
            unit="st",
            baseline=1,
            target=5,
        )
        for i in range(HEAVY_PROJECTS // 3)
    )
    GoalOutcome.objects.bulk_create(
        GoalOutcome(goal=goal, value=3, status=GoalOutcome.Status.PARTLY) for goal in goals
    )


def _state(report: AnnualReport) -> AnnualReport:
    report.refresh_from_db()
    return report


def _wait_rendering(report: AnnualReport, worker: WorkerProcess, *, attempt: int) -> None:
    """Until the given delivery has taken the job and has been at it for a moment."""
    wait_for(
        lambda: _state(report).state == AnnualReport.State.RUNNING and report.attempts == attempt,
        timeout=90,
        interval=0.05,
        message=f"attempt {attempt} never started:\n{worker.log()}",
    )
    time.sleep(0.5)


def _wait_finished(report: AnnualReport, worker: WorkerProcess, timeout: float = 120) -> None:
    wait_for(
        lambda: _state(report).is_finished,
        timeout=timeout,
        message=f"report {report.pk} stuck in {report.state}:\n{worker.log()}",
    )


def _kill_child(worker: WorkerProcess) -> None:
    children = worker.children()
    assert len(children) == 1, f"expected one pool process, found {children}"
    os.kill(children[0], signal.SIGKILL)


def _report_files() -> dict[str, tuple[int, int]]:
    """Every file in the year's report folder (PDF, Word copy or anything else), with the
    inode and modification time that tell a file written again under the same name."""
    folder = Path(settings.MEDIA_ROOT) / "reports" / str(YEAR)
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob("*") if p.is_file()
    }


@pytest.fixture
def new_files() -> Callable[[], set[str]]:
    """The report files written since the test began. The media folder outlives tests and row
    ids start again in a new test database, so a name may already be there from an earlier run."""
    before = _report_files()
    return lambda: {name for name, stat in _report_files().items() if before.get(name) != stat}


def _assert_one_complete_version(report: AnnualReport, client: Client, files: set[str]) -> None:
    """Exactly one version of the year and one file, and a download gives the whole file."""
    assert report.state == AnnualReport.State.DONE, report.failure_reason
    assert report.version == 1
    assert list(AnnualReport.objects.filter(year=YEAR).values_list("version", flat=True)) == [1]
    # One PDF and one Word copy, under the row's own names (no storage suffix).
    assert files == {f"arsrapport-{YEAR}-{report.pk}.pdf", f"arsrapport-{YEAR}-{report.pk}.docx"}
    assert Path(report.pdf.name).name == f"arsrapport-{YEAR}-{report.pk}.pdf"
    assert Path(report.docx.name).name == f"arsrapport-{YEAR}-{report.pk}.docx"
    response = client.get(reverse("reports:report-download", args=[report.pk]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) == report.pages
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert f"Tungt projekt {HEAVY_PROJECTS - 1:03d}" in text  # the last project: nothing cut off


def _assert_nothing_to_download(report: AnnualReport, client: Client) -> None:
    response = client.get(reverse("reports:report-download", args=[report.pk]))
    assert response.status_code in (403, 404)


def _request_heavy_report(world: World) -> AnnualReport:
    _heavy_year(world)
    return report_services.report_request(user=world.coordinator, year=YEAR)


def _assert_killed_mid_render(report: AnnualReport, client: Client) -> None:
    """The kill landed while the job ran, and nothing is offered for download meanwhile."""
    assert _state(report).state == AnnualReport.State.RUNNING, "the render ended before the kill"
    _assert_nothing_to_download(report, client)


@pytest.fixture
def coordinator_client(world: World, client: Client) -> Client:
    client.force_login(world.coordinator)
    return client


@pytest.fixture
def beat(celery_worker_process: WorkerProcess, tmp_path: Path) -> Iterator[None]:
    """`celery beat` as its own process, sweeping every second instead of every minute."""
    log = tmp_path / "beat.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "intl_portal",
            "beat",
            "--loglevel=INFO",
            f"--logfile={log}",
            f"--schedule={tmp_path / 'beat-schedule'}",
        ],
        cwd=BASE_DIR,
        env={**worker_env(), "REPORT_SWEEP_SECONDS": "1"},
        start_new_session=True,
    )
    try:
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_killed_worker_child_mid_render_job_completes_as_one_version(
    world: World,
    celery_worker_process: WorkerProcess,
    coordinator_client: Client,
    new_files: Callable[[], set[str]],
) -> None:
    report = _request_heavy_report(world)
    _wait_rendering(report, celery_worker_process, attempt=1)

    _kill_child(celery_worker_process)

    _assert_killed_mid_render(report, coordinator_client)
    # The worker replaces its child; the broker hands the same message out again.
    _wait_finished(report, celery_worker_process)
    assert report.attempts == 2
    _assert_one_complete_version(report, coordinator_client, new_files())


def test_killed_whole_worker_mid_render_job_completes_after_restart(
    world: World,
    celery_worker_process: WorkerProcess,
    coordinator_client: Client,
    beat: None,
    new_files: Callable[[], set[str]],
) -> None:
    report = _request_heavy_report(world)
    _wait_rendering(report, celery_worker_process, attempt=1)

    os.killpg(celery_worker_process.process.pid, signal.SIGKILL)  # main process and children
    celery_worker_process.process.wait(timeout=10)

    _assert_killed_mid_render(report, coordinator_client)
    celery_worker_process.restart()
    # Taken over once the dead worker's lease runs out: by the sweeper's new message or by
    # Redis handing the unacknowledged one out again, whichever comes first; never both.
    _wait_finished(report, celery_worker_process, timeout=150)
    assert report.attempts == 2
    _assert_one_complete_version(report, coordinator_client, new_files())


def test_report_that_keeps_killing_its_worker_fails_and_can_be_retried(
    world: World,
    celery_worker_process: WorkerProcess,
    coordinator_client: Client,
    new_files: Callable[[], set[str]],
) -> None:
    report = _request_heavy_report(world)
    for attempt in range(1, report_services.MAX_ATTEMPTS + 1):
        _wait_rendering(report, celery_worker_process, attempt=attempt)
        _kill_child(celery_worker_process)

    _wait_finished(report, celery_worker_process)
    assert report.state == AnnualReport.State.FAILED
    assert report.failure_reason == (
        "Rapporten avbröts flera gånger innan den blev klar. Försök igen."
    )
    assert not report.pdf and new_files() == set()
    _assert_nothing_to_download(report, coordinator_client)
    page = coordinator_client.get(reverse("reports:report-list")).content.decode()
    assert "Rapporten avbröts flera gånger" in page
    assert reverse("reports:report-retry", args=[report.pk]) in page

    response = coordinator_client.post(reverse("reports:report-retry", args=[report.pk]))
    assert response.status_code == 302

    _wait_finished(report, celery_worker_process)
    assert report.attempts == 1
    _assert_one_complete_version(report, coordinator_client, new_files())


def test_takeover_replaces_what_a_killed_attempt_left_under_the_row_names(
    world: World, settings: Any, tmp_path: Path
) -> None:
    """A worker killed between writing the files and committing leaves them behind; the next
    attempt writes exactly one PDF and one Word copy under the row's own names."""
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "media" / "reports" / str(YEAR)
    report = report_services.report_create(year=YEAR, requested_by=world.coordinator)
    folder.mkdir(parents=True)
    (folder / f"arsrapport-{YEAR}-{report.pk}.pdf").write_bytes(b"%PDF-1.7 half written")
    (folder / f"arsrapport-{YEAR}-{report.pk}.docx").write_bytes(b"PK half written")

    done = report_services.report_render(report_id=report.pk, token="second-attempt")

    assert done is not None and done.state == AnnualReport.State.DONE
    assert {p.name for p in folder.iterdir()} == {
        f"arsrapport-{YEAR}-{report.pk}.pdf",
        f"arsrapport-{YEAR}-{report.pk}.docx",
    }
    assert done.pdf.name == f"reports/{YEAR}/arsrapport-{YEAR}-{report.pk}.pdf"
    assert done.docx.name == f"reports/{YEAR}/arsrapport-{YEAR}-{report.pk}.docx"
    pdf = (folder / f"arsrapport-{YEAR}-{report.pk}.pdf").read_bytes()
    docx = (folder / f"arsrapport-{YEAR}-{report.pk}.docx").read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == done.sha256
    assert hashlib.sha256(docx).hexdigest() == done.docx_sha256
    assert docx.startswith(b"PK") and len(docx) > 1000  # a whole Word file, not the remains


def test_overtaken_render_writes_no_file(world: World, settings: Any, tmp_path: Path) -> None:
    """A delivery whose claim was taken over by another one stores nothing at all."""
    settings.MEDIA_ROOT = tmp_path / "media"
    report = report_services.report_create(year=YEAR, requested_by=world.coordinator)
    assert report_services.report_claim(report_id=report.pk, token="newer")
    AnnualReport.objects.filter(pk=report.pk).update(version=1)

    stored = report_services._report_store(
        report_id=report.pk, token="older", pdf=b"%PDF-1.7\n%%EOF", pages=1, docx=b"PK"
    )

    assert stored is None
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.*"))
    assert _state(report).state == AnnualReport.State.RUNNING and not report.pdf
