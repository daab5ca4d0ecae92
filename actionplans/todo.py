"""What waits in plans, follow-up, reports and governing documents, per role: the dashboard's
to-do list asks this module."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intl_portal.lib.todo import TodoGroup, TodoItem, group
from intl_portal.organisation.workflow import COORDINATOR_TODO, DEPARTMENT_TODO, todo_groups

from .models import AnnualReport, DepartmentPlan, FollowUpPart, FollowUpRound, Strategy
from .workflow import DEPARTMENT_PLAN, PART

NEWLY_PUBLISHED_DAYS = 60


def _department_plan_item(department_plan: DepartmentPlan) -> TodoItem:
    return TodoItem(
        f"{department_plan.plan} – {department_plan.department.name}",
        reverse(
            "actionplans:department-plan",
            args=[department_plan.plan.year, department_plan.department_id],
        ),
    )


def _part_item(part: FollowUpPart) -> TodoItem:
    return TodoItem(
        str(_("Uppföljning %(year)s – %(department)s"))
        % {"year": part.round.plan.year, "department": part.department.name},
        reverse("actionplans:part", args=[part.round.plan.year, part.department_id]),
        str(_("sista dag %(date)s") % {"date": part.round.deadline.isoformat()}),
    )


def coordinator_groups(*, today: datetime.date) -> list[TodoGroup]:
    department_plans = DepartmentPlan.objects.select_related("plan", "department")
    parts = FollowUpPart.objects.select_related("round__plan", "department")
    later = AnnualReport.objects.filter(year=OuterRef("year"), pk__gt=OuterRef("pk"))
    horizon = today + datetime.timedelta(days=settings.STRATEGY_REVISION_NOTICE_DAYS)
    return [
        *todo_groups(
            COORDINATOR_TODO,
            [
                (DEPARTMENT_PLAN, department_plans, _department_plan_item),
                (PART, parts.filter(round__status=FollowUpRound.Status.OPEN), _part_item),
            ],
        ),
        group(
            "reports_failed",
            _("Årsrapporter som misslyckades"),
            AnnualReport.objects.filter(state=AnnualReport.State.FAILED)
            .filter(~Exists(later))
            .order_by("-requested_at", "pk"),
            lambda r: TodoItem(
                str(_("Årsrapport %(year)s") % {"year": r.year}),
                reverse("reports:report-list"),
                r.failure_reason,
            ),
        ),
        group(
            "strategies_due",
            _("Styrdokument som ska revideras"),
            Strategy.objects.filter(revision_due__lte=horizon).order_by("revision_due", "pk"),
            lambda s: TodoItem(
                s.title,
                reverse("actionplans:strategy", args=[s.pk]),
                str(_("revideras senast %(date)s") % {"date": s.revision_due.isoformat()}),
            ),
        ),
    ]


def contact_groups(*, department_id: int) -> list[TodoGroup]:
    department_plans = DepartmentPlan.objects.filter(department_id=department_id).select_related(
        "plan", "department"
    )
    parts = FollowUpPart.objects.filter(
        department_id=department_id, round__status=FollowUpRound.Status.OPEN
    ).select_related("round__plan", "department")
    return todo_groups(
        DEPARTMENT_TODO,
        [(DEPARTMENT_PLAN, department_plans, _department_plan_item), (PART, parts, _part_item)],
    )


def council_groups(*, today: datetime.date) -> list[TodoGroup]:
    since = today - datetime.timedelta(days=NEWLY_PUBLISHED_DAYS)
    published = AnnualReport.objects.filter(
        state=AnnualReport.State.DONE, published_at__date__gte=since
    ).exclude(pdf="")
    return [
        group(
            "reports_published",
            _("Nyligen publicerade årsrapporter"),
            published.order_by("-published_at", "pk"),
            lambda r: TodoItem(
                str(_("Årsrapport %(year)s, version %(version)s"))
                % {"year": r.year, "version": r.version},
                reverse("reports:report-download", args=[r.pk]),
                str(_("publicerad %(date)s") % {"date": r.published_at.date().isoformat()}),
            ),
        )
    ]
