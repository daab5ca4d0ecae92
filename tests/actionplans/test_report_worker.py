"""The annual report through a real Celery worker process and the configured broker."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from actionplans.models import AnnualReport
from projects.models import Project
from reports import services as report_services
from reports.tasks import render_annual_report
from tests import factories
from tests.conftest import WorkerProcess, World, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _pdf_text(report: AnnualReport) -> str:
    with report.pdf.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_worker_renders_the_requested_report(
    world: World, celery_worker_process: WorkerProcess
) -> None:
    factories.ProjectFactory(
        title="Unga röster i Norden",
        department=world.own_department,
        status=Project.Status.APPROVED,
    )
    factories.GoalOutcomeFactory(goal__description="Fler elever på utbyte", goal__plan__year=2026)

    report = report_services.report_request(user=world.coordinator, year=2026)

    def finished() -> bool:
        report.refresh_from_db()
        return report.is_finished

    wait_for(finished, timeout=120, message=f"report not finished:\n{celery_worker_process.log()}")
    assert report.state == AnnualReport.State.DONE, report.failure_reason
    assert report.version == 1
    assert report.started_at is not None and report.finished_at is not None
    text = _pdf_text(report)
    assert "Unga röster i Norden" in text
    assert "Fler elever på utbyte" in text
    assert report.pages and report.pages >= 2


def test_redelivered_message_does_not_make_a_second_version(
    world: World, celery_worker_process: WorkerProcess
) -> None:
    report = report_services.report_request(user=world.coordinator, year=2025)

    def finished() -> bool:
        report.refresh_from_db()
        return report.is_finished

    wait_for(finished, timeout=120, message=celery_worker_process.log())
    first_file = report.pdf.name
    render_annual_report.apply_async(args=[report.pk])  # the same message again
    later = factories.AnnualReportFactory(year=2025, requested_by=world.coordinator)
    render_annual_report.apply_async(args=[later.pk])

    def later_finished() -> bool:
        later.refresh_from_db()
        return later.is_finished

    wait_for(later_finished, timeout=120, message=celery_worker_process.log())
    report.refresh_from_db()
    assert report.version == 1 and report.pdf.name == first_file
    assert later.version == 2
    assert AnnualReport.objects.filter(year=2025, state=AnnualReport.State.DONE).count() == 2
