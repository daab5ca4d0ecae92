"""Plans, goals, follow-up and the annual report job, through the services the views use."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader

from actionplans.models import ActionPlan, AnnualReport, GoalOutcome
from actionplans.services import followup, plans
from intl_portal.celery import app as celery_app
from projects.models import Project
from reports import services as report_services
from reports.tasks import render_annual_report
from tests import factories
from tests.conftest import World

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"
# A web request must not hang on a broker outage: the job stays queued for the sweeper.
BROKER_DOWN_BUDGET_SECONDS = 2.0


def _reset_broker_pools() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down() -> Iterator[None]:
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


@pytest.fixture
def real_broker() -> Iterator[None]:
    """The configured broker; messages these tests enqueue are purged afterwards."""
    _reset_broker_pools()
    yield
    celery_app.control.purge()


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _pdf_text(report: AnnualReport) -> str:
    with report.pdf.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def _done_report(media_root: Path, **kwargs: Any) -> AnnualReport:
    report = factories.AnnualReportFactory(**kwargs)
    report.pdf.save("report.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    report.state = AnnualReport.State.DONE
    report.version = 1
    report.save()
    return report


def _expired_lease() -> timedelta:
    return timedelta(seconds=django_settings.REPORT_LEASE_SECONDS + 1)


# --- Plans and goals ------------------------------------------------------------------------


def test_coordinator_cannot_create_a_second_plan_for_the_same_year(world: World) -> None:
    plans.plan_create(user=world.coordinator, year=2026, title="Handlingsplan 2026")

    with pytest.raises(ValidationError) as excinfo:
        plans.plan_create(user=world.coordinator, year=2026, title="Dubblett")

    assert "Det finns redan en handlingsplan för 2026." in excinfo.value.messages
    assert ActionPlan.objects.filter(year=2026).count() == 1


def test_contact_cannot_create_a_plan(world: World) -> None:
    with pytest.raises(PermissionDenied):
        plans.plan_create(user=world.contact, year=2026)


def _goal_data(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "focus_area": factories.FocusAreaFactory(name="Ungdomars delaktighet och lärande"),
        "department": world.other_department,
        "description": "Fler elever deltar i internationellt utbyte",
        "indicator": "Antal elever på utbyte",
        "unit": "elever",
        "baseline": Decimal(40),
        "target": Decimal(60),
    }
    data.update(overrides)
    return data


def test_contact_goal_is_forced_to_the_contacts_department(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)

    goal = plans.goal_create(user=world.contact, plan=plan, data=_goal_data(world))

    goal.refresh_from_db()
    assert goal.department == world.own_department


def test_contact_cannot_create_a_municipality_wide_goal(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)

    goal = plans.goal_create(user=world.contact, plan=plan, data=_goal_data(world, department=None))

    goal.refresh_from_db()
    assert goal.department == world.own_department


def test_coordinator_creates_a_municipality_wide_goal(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)

    goal = plans.goal_create(
        user=world.coordinator, plan=plan, data=_goal_data(world, department=None)
    )

    goal.refresh_from_db()
    assert goal.department is None


@pytest.mark.parametrize("role", ["contact", "coordinator"])
def test_no_goal_can_be_added_to_an_adopted_plan(world: World, role: str) -> None:
    plan = factories.ActionPlanFactory(year=2026, status=ActionPlan.Status.ADOPTED)

    with pytest.raises(ValidationError) as excinfo:
        plans.goal_create(user=getattr(world, role), plan=plan, data=_goal_data(world))

    assert "Planen är fastställd och kan inte ändras." in excinfo.value.messages
    assert not plan.goals.exists()


def test_council_member_cannot_create_a_goal(world: World) -> None:
    plan = factories.ActionPlanFactory(year=2026)

    with pytest.raises(PermissionDenied):
        plans.goal_create(user=world.council, plan=plan, data=_goal_data(world))


def test_contact_records_and_corrects_own_departments_outcome(world: World) -> None:
    goal = factories.GoalFactory(
        department=world.own_department, plan__status=ActionPlan.Status.ADOPTED
    )
    factories.FollowUpPartFactory(round__plan=goal.plan, department=world.own_department)

    followup.goal_outcome_record(
        user=world.contact, goal=goal, value=Decimal(52), status=GoalOutcome.Status.PARTLY
    )
    followup.goal_outcome_record(
        user=world.contact,
        goal=goal,
        value=Decimal(61),
        status=GoalOutcome.Status.ACHIEVED,
        comment="Rättat efter terminsslut.",
    )

    outcome = GoalOutcome.objects.get(goal=goal)
    assert outcome.value == Decimal(61)
    assert outcome.status == GoalOutcome.Status.ACHIEVED
    assert outcome.comment == "Rättat efter terminsslut."
    assert outcome.reported_by == world.contact


def test_contact_cannot_record_outcome_of_other_department(world: World) -> None:
    goal = factories.GoalFactory(department=world.own_department)
    factories.FollowUpPartFactory(round__plan=goal.plan, department=world.own_department)

    with pytest.raises(PermissionDenied):
        followup.goal_outcome_record(
            user=world.other_contact,
            goal=goal,
            value=Decimal(1),
            status=GoalOutcome.Status.NOT_STARTED,
        )

    assert not GoalOutcome.objects.exists()


def test_contact_cannot_record_outcome_of_municipality_wide_goal(world: World) -> None:
    goal = factories.GoalFactory(department=None)

    with pytest.raises(PermissionDenied):
        followup.goal_outcome_record(
            user=world.contact, goal=goal, value=Decimal(1), status=GoalOutcome.Status.PARTLY
        )


# --- Claiming a report job ------------------------------------------------------------------


def test_report_claim_is_conditional(world: World) -> None:
    report = factories.AnnualReportFactory(year=2026)

    assert report_services.report_claim(report_id=report.pk) is True
    assert report_services.report_claim(report_id=report.pk) is False

    report.refresh_from_db()
    assert report.state == AnnualReport.State.RUNNING
    assert report.started_at is not None
    assert report.attempts == 1


def test_report_claim_takes_over_a_running_job_whose_lease_expired(world: World) -> None:
    report = factories.AnnualReportFactory(
        year=2026,
        state=AnnualReport.State.RUNNING,
        attempts=1,
        started_at=timezone.now() - _expired_lease(),
    )

    assert report_services.report_claim(report_id=report.pk) is True

    report.refresh_from_db()
    assert report.attempts == 2
    assert timezone.now() - report.started_at < timedelta(seconds=30)


def test_report_claim_leaves_a_running_job_within_its_lease(world: World) -> None:
    started = timezone.now() - timedelta(seconds=django_settings.REPORT_LEASE_SECONDS - 30)
    report = factories.AnnualReportFactory(
        year=2026, state=AnnualReport.State.RUNNING, attempts=1, started_at=started
    )

    assert report_services.report_claim(report_id=report.pk) is False

    report.refresh_from_db()
    assert report.attempts == 1
    assert report.started_at == started


def test_report_claim_lets_a_redelivered_message_take_over_its_own_job(world: World) -> None:
    # The child rendering under task id "t-1" was killed; the broker hands "t-1" out again.
    report = factories.AnnualReportFactory(year=2026)
    assert report_services.report_claim(report_id=report.pk, token="t-1") is True

    assert report_services.report_claim(report_id=report.pk, token="t-2") is False  # a duplicate
    assert report_services.report_claim(report_id=report.pk, token="t-1") is True  # the redelivery

    report.refresh_from_db()
    assert (report.state, report.attempts, report.claim_token) == ("running", 2, "t-1")


def test_report_claim_fails_a_job_taken_too_many_times(world: World) -> None:
    report = factories.AnnualReportFactory(year=2026)
    for _ in range(report_services.MAX_ATTEMPTS):
        assert report_services.report_claim(report_id=report.pk, token="t-1") is True

    assert report_services.report_claim(report_id=report.pk, token="t-1") is False

    report.refresh_from_db()
    assert report.state == AnnualReport.State.FAILED
    assert report.failure_reason == (
        "Rapporten avbröts flera gånger innan den blev klar. Försök igen."
    )
    assert report.attempts == report_services.MAX_ATTEMPTS


def test_a_render_overtaken_by_a_newer_claim_throws_its_file_away(
    world: World, media_root: Path
) -> None:
    report = factories.AnnualReportFactory(year=2026)
    assert report_services.report_claim(report_id=report.pk, token="old") is True
    report_services._report_number(report_id=report.pk, token="old")
    assert (
        report_services.report_claim(report_id=report.pk, token="new") is False
    )  # within the lease
    AnnualReport.objects.filter(pk=report.pk).update(claim_token="new")  # as if it took over
    before = set(media_root.rglob("*.pdf"))

    stored = report_services._report_store(
        report_id=report.pk, token="old", pdf=b"%PDF-1.7", pages=1
    )
    report_services.report_fail(report_id=report.pk, reason="gammalt fel", token="old")

    assert stored is None
    report.refresh_from_db()
    assert (report.state, report.failure_reason, report.pdf.name) == ("running", "", "")
    assert set(media_root.rglob("*.pdf")) == before


@pytest.mark.parametrize("state", [AnnualReport.State.DONE, AnnualReport.State.FAILED])
def test_report_claim_never_takes_a_finished_job(world: World, state: str) -> None:
    report = factories.AnnualReportFactory(
        year=2026, state=state, version=1, started_at=timezone.now() - timedelta(days=1)
    )

    assert report_services.report_claim(report_id=report.pk) is False


# --- Rendering, failing, retrying, publishing -----------------------------------------------


def test_report_render_numbers_versions_per_year(world: World, media_root: Path) -> None:
    factories.ProjectFactory(
        title="Unga röster i Norden",
        department=world.own_department,
        status=Project.Status.APPROVED,
    )
    factories.GoalOutcomeFactory(
        goal__description="Fler elever på utbyte",
        goal__plan__year=2026,
        goal__department=world.own_department,
    )
    first = factories.AnnualReportFactory(year=2026, requested_by=world.coordinator)
    other_year = factories.AnnualReportFactory(year=2025, requested_by=world.coordinator)
    second = factories.AnnualReportFactory(year=2026, requested_by=world.coordinator)

    for report in (first, other_year, second):
        assert report_services.report_render(report_id=report.pk) is not None

    for report in (first, other_year, second):
        report.refresh_from_db()
        assert report.state == AnnualReport.State.DONE
        assert report.is_done
        assert report.pages and report.pages >= 2
        assert Path(report.pdf.path).is_relative_to(media_root)
    assert (first.version, second.version, other_year.version) == (1, 2, 1)
    assert first.pdf.name != second.pdf.name

    text = _pdf_text(first)
    assert "Internationellt arbete 2026" in text
    assert "Unga röster i Norden" in text
    assert "Fler elever på utbyte" in text
    assert "Skövde kommun" in text


def test_report_render_of_a_job_already_done_does_nothing(world: World, media_root: Path) -> None:
    report = factories.AnnualReportFactory(year=2026)
    report_services.report_render(report_id=report.pk)
    report.refresh_from_db()
    stored = report.pdf.name

    assert report_services.report_render(report_id=report.pk) is None

    report.refresh_from_db()
    assert (report.version, report.pdf.name, report.attempts) == (1, stored, 1)


def test_report_fail_keeps_the_reason(world: World) -> None:
    report = factories.AnnualReportFactory(year=2026)
    report_services.report_claim(report_id=report.pk)
    reason = "Rapporten tog för lång tid att skapa och avbröts. Försök igen."

    report_services.report_fail(report_id=report.pk, reason=reason)

    report.refresh_from_db()
    assert report.state == AnnualReport.State.FAILED
    assert report.failure_reason == reason
    assert report.finished_at is not None
    assert report.is_finished


def test_report_fail_does_not_touch_a_finished_report(world: World, media_root: Path) -> None:
    report = _done_report(media_root, year=2026)

    report_services.report_fail(report_id=report.pk, reason="sent fel")

    report.refresh_from_db()
    assert report.state == AnnualReport.State.DONE
    assert report.failure_reason == ""


def test_failed_render_leaves_a_readable_swedish_reason(world: World, media_root: Path) -> None:
    # Year 0 cannot be rendered (no such calendar year): a real failure inside the renderer.
    report = factories.AnnualReportFactory(year=0)

    render_annual_report(report.pk)  # the worker's task body, run in this process

    report.refresh_from_db()
    assert report.state == AnnualReport.State.FAILED
    assert report.failure_reason.startswith("Rapporten kunde inte skapas (ValueError).")
    assert "Traceback" not in report.failure_reason
    assert not report.pdf


def test_coordinator_retries_a_failed_report(
    world: World, real_broker: None, django_capture_on_commit_callbacks: Any
) -> None:
    report = factories.AnnualReportFactory(
        year=2026,
        state=AnnualReport.State.FAILED,
        failure_reason="Rapporten kunde inte skapas (OSError).",
        attempts=1,
        started_at=timezone.now() - timedelta(minutes=5),
        finished_at=timezone.now() - timedelta(minutes=4),
    )

    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_retry(user=world.coordinator, report=report)

    report.refresh_from_db()
    assert report.state == AnnualReport.State.QUEUED
    assert report.failure_reason == ""
    assert report.started_at is None and report.finished_at is None
    assert report.enqueued_at is not None


@pytest.mark.parametrize(
    "state", [AnnualReport.State.QUEUED, AnnualReport.State.RUNNING, AnnualReport.State.DONE]
)
def test_only_failed_reports_can_be_retried(world: World, state: str) -> None:
    report = factories.AnnualReportFactory(
        year=2026, state=state, version=1 if state == AnnualReport.State.DONE else None
    )

    with pytest.raises(ValidationError) as excinfo:
        report_services.report_retry(user=world.coordinator, report=report)

    assert "Bara misslyckade rapporter kan försökas igen." in excinfo.value.messages
    report.refresh_from_db()
    assert report.state == state


def test_contact_cannot_retry_a_report(world: World) -> None:
    report = factories.AnnualReportFactory(year=2026, state=AnnualReport.State.FAILED)

    with pytest.raises(PermissionDenied):
        report_services.report_retry(user=world.contact, report=report)


def test_coordinator_publishes_a_done_report_once(world: World, media_root: Path) -> None:
    report = _done_report(media_root, year=2026)

    report_services.report_publish(user=world.coordinator, report=report)
    report.refresh_from_db()
    published_at = report.published_at
    report_services.report_publish(user=world.coordinator, report=report)

    report.refresh_from_db()
    assert published_at is not None
    assert report.published_at == published_at
    assert report.is_published


@pytest.mark.parametrize(
    "state", [AnnualReport.State.QUEUED, AnnualReport.State.RUNNING, AnnualReport.State.FAILED]
)
def test_unfinished_reports_cannot_be_published(world: World, state: str) -> None:
    report = factories.AnnualReportFactory(year=2026, state=state)

    with pytest.raises(ValidationError) as excinfo:
        report_services.report_publish(user=world.coordinator, report=report)

    assert "Bara färdiga rapporter kan publiceras." in excinfo.value.messages
    report.refresh_from_db()
    assert report.published_at is None


@pytest.mark.parametrize("role", ["contact", "council"])
def test_only_the_coordinator_publishes(world: World, media_root: Path, role: str) -> None:
    report = _done_report(media_root, year=2026)

    with pytest.raises(PermissionDenied):
        report_services.report_publish(user=getattr(world, role), report=report)


# --- Requesting with the broker up and down -------------------------------------------------


def test_report_request_enqueues_after_commit(
    world: World, real_broker: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = report_services.report_request(user=world.coordinator, year=2026)
        assert AnnualReport.objects.get(pk=report.pk).enqueued_at is None

    report.refresh_from_db()
    assert report.state == AnnualReport.State.QUEUED
    assert report.enqueued_at is not None
    assert report.requested_by == world.coordinator


def test_report_request_with_broker_down_keeps_the_job_queued(
    world: World, broker_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        report = report_services.report_request(user=world.coordinator, year=2026)
    elapsed = time.monotonic() - started

    report.refresh_from_db()
    assert report.state == AnnualReport.State.QUEUED
    assert report.enqueued_at is None
    assert elapsed < BROKER_DOWN_BUDGET_SECONDS, (
        f"report_request blocked {elapsed:.1f} s on an unreachable broker"
    )


def test_contact_cannot_request_a_report(world: World) -> None:
    with pytest.raises(PermissionDenied):
        report_services.report_request(user=world.contact, year=2026)
    assert not AnnualReport.objects.exists()


# --- The sweeper ----------------------------------------------------------------------------


def _lost_job(year: int = 2026) -> AnnualReport:
    """A queued job the broker never received, requested five minutes ago."""
    report = factories.AnnualReportFactory(year=year)
    AnnualReport.objects.filter(pk=report.pk).update(
        requested_at=timezone.now() - timedelta(minutes=5)
    )
    return report


def test_report_sweep_enqueues_jobs_that_never_reached_the_broker(
    world: World, real_broker: None
) -> None:
    lost = _lost_job()
    fresh = factories.AnnualReportFactory(year=2026)  # just requested: on_commit still pending

    assert report_services.report_sweep() == 1

    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.enqueued_at is not None
    assert lost.state == AnnualReport.State.QUEUED
    assert fresh.enqueued_at is None


def test_report_sweep_fails_jobs_that_ran_out_of_attempts(world: World, real_broker: None) -> None:
    abandoned = factories.AnnualReportFactory(
        year=2026,
        state=AnnualReport.State.RUNNING,
        attempts=report_services.MAX_ATTEMPTS,
        started_at=timezone.now() - _expired_lease(),
    )
    retryable = factories.AnnualReportFactory(
        year=2025,
        state=AnnualReport.State.RUNNING,
        attempts=1,
        started_at=timezone.now() - _expired_lease(),
    )

    assert report_services.report_sweep() == 1

    abandoned.refresh_from_db()
    retryable.refresh_from_db()
    assert abandoned.state == AnnualReport.State.FAILED
    assert abandoned.failure_reason == (
        "Rapporten avbröts flera gånger innan den blev klar. Försök igen."
    )
    assert abandoned.finished_at is not None
    assert retryable.state == AnnualReport.State.RUNNING
    assert retryable.enqueued_at is not None
    assert report_services.report_claim(report_id=retryable.pk) is True


def test_retry_gives_a_job_that_ran_out_of_attempts_a_fresh_start(
    world: World, real_broker: None, django_capture_on_commit_callbacks: Any
) -> None:
    report = factories.AnnualReportFactory(
        year=2026,
        state=AnnualReport.State.RUNNING,
        attempts=report_services.MAX_ATTEMPTS,
        started_at=timezone.now() - _expired_lease(),
    )
    report_services.report_sweep()
    report.refresh_from_db()
    assert report.state == AnnualReport.State.FAILED

    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_retry(user=world.coordinator, report=report)
    # The worker takes the retried job and dies once.
    assert report_services.report_claim(report_id=report.pk) is True
    AnnualReport.objects.filter(pk=report.pk).update(started_at=timezone.now() - _expired_lease())
    report_services.report_sweep()

    report.refresh_from_db()
    # One interruption after "Försök igen" is not "avbröts flera gånger": it is re-enqueued.
    assert report.state == AnnualReport.State.RUNNING, report.failure_reason
    assert report.attempts < report_services.MAX_ATTEMPTS


def test_report_sweep_with_broker_down_keeps_jobs_queued_quickly(
    world: World, broker_down: None
) -> None:
    lost = [_lost_job(2025), _lost_job(2026)]

    started = time.monotonic()
    assert report_services.report_sweep() == 0
    elapsed = time.monotonic() - started

    for report in lost:
        report.refresh_from_db()
        assert report.state == AnnualReport.State.QUEUED
        assert report.enqueued_at is None
    assert elapsed < BROKER_DOWN_BUDGET_SECONDS, (
        f"report_sweep blocked {elapsed:.1f} s on an unreachable broker with 2 jobs"
    )
