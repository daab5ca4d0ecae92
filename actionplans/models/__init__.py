"""The action plan's tables, one module per part: plans (governing documents, plans, goals,
department plans, versions), followup (rounds, parts, reminders, outcomes), reports (the annual
report jobs). Import them from here."""

from __future__ import annotations

from .followup import FollowUpPart, FollowUpReminder, FollowUpRound, GoalOutcome
from .plans import (
    REVISION_YEARS,
    STATUS_CSS,
    ActionPlan,
    DepartmentPlan,
    Goal,
    PlanVersion,
    Strategy,
    WorkingMethod,
    status_css,
)
from .reports import AnnualReport, report_upload_to

__all__ = [
    "REVISION_YEARS",
    "STATUS_CSS",
    "ActionPlan",
    "AnnualReport",
    "DepartmentPlan",
    "FollowUpPart",
    "FollowUpReminder",
    "FollowUpRound",
    "Goal",
    "GoalOutcome",
    "PlanVersion",
    "Strategy",
    "WorkingMethod",
    "report_upload_to",
    "status_css",
]
