"""What a user may do with each annual report job in the list: the policy's answers per row,
computed here so the row template tests answers, never a role or the job's state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from actionplans.models import AnnualReport
from intl_portal.organisation import policy
from intl_portal.organisation.policy import Viewer


def may_publish_report(user: Viewer, report: AnnualReport) -> bool:
    """A finished version not yet published: the reviewer publishes it (the service agrees)."""
    return policy.may_review(user) and report.is_done and not report.is_published


def may_retry_report(user: Viewer, report: AnnualReport) -> bool:
    """A failed job is queued again by whoever manages the registry (the service agrees)."""
    return policy.may_manage_registry(user) and report.is_failed


def may_follow_report_progress(user: Viewer, report: AnnualReport) -> bool:
    """An unfinished job's row polls its state; the status URL answers coordinators only."""
    return policy.is_coordinator(user) and not report.is_finished


@dataclass(frozen=True)
class ReportActions:
    publish: bool
    retry: bool
    follow_progress: bool


def report_actions(user: Viewer, report: AnnualReport) -> ReportActions:
    return ReportActions(
        publish=may_publish_report(user, report),
        retry=may_retry_report(user, report),
        follow_progress=may_follow_report_progress(user, report),
    )


def report_rows(
    user: Viewer, reports: Iterable[AnnualReport]
) -> list[tuple[AnnualReport, ReportActions]]:
    """Each report with its actions, for the list's `{% for report, actions in rows %}`."""
    return [(report, report_actions(user, report)) for report in reports]
