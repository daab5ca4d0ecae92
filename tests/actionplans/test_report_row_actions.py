"""The report list's per-row answers: the row template shows publish, retry and polling from
these alone (issue 27), so they must say what the services and the status URL allow."""

from __future__ import annotations

import pytest
from django.utils import timezone

from actionplans.models import AnnualReport
from intl_portal.organisation.models import Role
from reports.row_actions import report_actions
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _report(state: str, *, pdf: str = "", published: bool = False) -> AnnualReport:
    report = AnnualReport(year=2025, state=state, pdf=pdf)
    if published:
        report.published_at = timezone.now()
    return report


def test_coordinator_publishes_done_retries_failed_follows_running() -> None:
    user = UserFactory(role=Role.COORDINATOR)
    done = report_actions(user, _report(AnnualReport.State.DONE, pdf="r.pdf"))
    assert (done.publish, done.retry, done.follow_progress) == (True, False, False)
    published = report_actions(user, _report("done", pdf="r.pdf", published=True))
    assert not published.publish
    failed = report_actions(user, _report(AnnualReport.State.FAILED))
    assert (failed.publish, failed.retry, failed.follow_progress) == (False, True, False)
    queued = report_actions(user, _report(AnnualReport.State.QUEUED))
    assert (queued.publish, queued.retry, queued.follow_progress) == (False, False, True)


@pytest.mark.parametrize("role", [Role.CONTACT, Role.COUNCIL])
def test_others_get_no_row_action(role: str) -> None:
    department = DepartmentFactory() if role == Role.CONTACT else None
    user = UserFactory(role=role, department=department)
    for report in (
        _report(AnnualReport.State.DONE, pdf="r.pdf"),
        _report(AnnualReport.State.FAILED),
        _report(AnnualReport.State.QUEUED),
    ):
        actions = report_actions(user, report)
        assert not (actions.publish or actions.retry or actions.follow_progress)
