"""Who sends in, accepts and returns a department's plan and its follow-up (the action plan's
two reviewed kinds): their tables for intl_portal/organisation/workflow.py. A step's `actor`
says who may take it; tests/test_review_workflow.py walks every step for every role."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intl_portal.organisation import policy
from intl_portal.organisation import workflow as review

from .models import ActionPlan, DepartmentPlan, FollowUpPart

COMPLETE = _("Skriv en kommentar som säger vad som ska kompletteras.")
REVIEWED = {"reviewed_at": review.NOW}
D = DepartmentPlan.Status
F = FollowUpPart.Status


def _department_plan_notice(department_plan: Any) -> review.Notice:
    return review.Notice(
        path=reverse(
            "actionplans:department-plan",
            args=[department_plan.plan.year, department_plan.department_id],
        ),
        params={"title": str(department_plan.plan), "department": department_plan.department.name},
        department_id=department_plan.department_id,
    )


def _part_notice(part: Any) -> review.Notice:
    return review.Notice(
        path=reverse("actionplans:part", args=[part.round.plan.year, part.department_id]),
        params={
            "year": part.round.plan.year,
            "department": part.department.name,
            "deadline": part.round.deadline,
        },
        department_id=part.department_id,
    )


# The URL names of the department plan's and the part's steps.
_DEPARTMENT_PLAN_URLS = {"submit": "submit", "approve": "accept", "return": "return"}
_PART_URLS = {"submit": "ready", "approve": "accept", "return": "return"}

DEPARTMENT_PLAN = review.Flow(
    kind="department_plan",
    steps=(
        review.submit(
            review.states(D.DRAFT, D.RETURNED), D.SUBMITTED, policy.may_edit_department_plan,
            review.Words(
                _("Förvaltningsplanen skickades till samordnaren."),
                _("Planen är redan inskickad."),
            ),
            stamps={"submitted_at": review.NOW},
            button="btn-success",
        ),
        review.approve(
            review.states(D.SUBMITTED), D.ACCEPTED, policy.reviewer,
            review.Words(
                _("Förvaltningsplanen godkändes."),
                _("Bara inskickade planer kan godkännas."),
                _("Godkänn förvaltningsplanen"),
            ),
            stamps=REVIEWED,
        ),
        review.send_back(
            review.states(D.SUBMITTED, D.ACCEPTED), D.RETURNED, policy.reviewer,
            review.Words(
                _("Förvaltningsplanen återsändes med din kommentar."),
                _("Bara inskickade planer kan återsändas."),
            ),
            stamps=REVIEWED,
            comment_missing=COMPLETE,
        ),
    ),
    notice=_department_plan_notice,
    url=lambda department_plan, name: reverse(
        f"actionplans:department-plan-{_DEPARTMENT_PLAN_URLS[name]}",
        args=[department_plan.plan.year, department_plan.department_id],
    ),
    todo=(
        review.Todo("department_plans_submitted", review.COORDINATOR_TODO,
             _("Inskickade förvaltningsplaner att granska"),
             review.states(D.SUBMITTED), ("submitted_at", "pk")),
        review.Todo("department_plans_returned", review.DEPARTMENT_TODO,
             _("Återsända förvaltningsplaner"), review.states(D.RETURNED), ("-plan__year",)),
        # Drafts only while the plan itself is a draft (later they can no longer be sent in).
        review.Todo("department_plans_draft", review.DEPARTMENT_TODO,
             _("Förvaltningsplaner som inte är inskickade"),
             review.states(D.DRAFT), ("-plan__year",),
             where={"plan__status": ActionPlan.Status.DRAFT}),
    ),
)  # fmt: skip

PART = review.Flow(
    kind="followup_part",
    steps=(
        review.submit(
            review.states(F.NOT_STARTED, F.IN_PROGRESS, F.RETURNED), F.READY,
            policy.may_edit_followup_part,
            review.Words(
                _("Förvaltningens uppföljning är markerad som klar."),
                _("Delen är redan markerad som klar."),
                _("Markera förvaltningens del som klar"),
            ),
            stamps={"ready_at": review.NOW},
            button="btn-success",
        ),
        review.approve(
            review.states(F.READY), F.ACCEPTED, policy.round_reviewer,
            review.Words(
                _("Uppföljningen godkändes."),
                _("Bara delar som är markerade klara kan godkännas."),
                _("Godkänn uppföljningen"),
            ),
            stamps=REVIEWED,
        ),
        review.send_back(
            review.states(F.READY, F.ACCEPTED), F.RETURNED, policy.round_reviewer,
            review.Words(
                _("Uppföljningen återsändes med din kommentar."),
                _("Bara delar som är klara kan återsändas."),
            ),
            stamps=REVIEWED,
            comment_missing=COMPLETE,
        ),
    ),
    notice=_part_notice,
    url=lambda part, name: reverse(
        f"actionplans:part-{_PART_URLS[name]}", args=[part.round.plan.year, part.department_id]
    ),
    todo=(
        review.Todo("parts_ready", review.COORDINATOR_TODO,
             _("Uppföljningar markerade klara att granska"),
             review.states(F.READY), ("ready_at", "pk")),
        review.Todo("parts_to_report", review.DEPARTMENT_TODO, _("Uppföljning att rapportera"),
             review.states(F.NOT_STARTED, F.IN_PROGRESS, F.RETURNED), ("round__deadline", "pk")),
    ),
)  # fmt: skip

review.register(DepartmentPlan, DEPARTMENT_PLAN)
review.register(FollowUpPart, PART)
