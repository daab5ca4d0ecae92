"""Reads of the annual report jobs."""

from __future__ import annotations

from django.db.models import QuerySet

from actionplans.models import AnnualReport
from intl_portal.organisation import policy
from intl_portal.organisation.policy import Viewer


def reports_for(*, user: Viewer) -> QuerySet[AnnualReport]:
    """The report jobs listed for this user (the policy decides which)."""
    return AnnualReport.objects.filter(policy.reports_for(user)).select_related("requested_by")


def published_reports() -> QuerySet[AnnualReport]:
    """The finished, published versions, newest first: the public list and the dashboard."""
    return AnnualReport.objects.filter(policy.published_reports_q()).order_by("-year", "-version")
