"""Who sends in, accepts and returns a department's plan and its follow-up (the action plan's
two reviewed kinds): their tables for intl_portal/organisation/workflow.py. A step's `actor`
says who may take it; tests/test_review_workflow.py walks every step for every role."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intl_portal.organisation import policy
from intl_portal.organisation.workflow import (
    COORDINATOR_TODO,
    DEPARTMENT_TODO,
    NOW,
    Flow,
    Notice,
    Todo,
    Words,
    approve,
    register,
    send_back,
    states,
    submit,
)

from .models import ActionPlan, DepartmentPlan, FollowUpPart

COMPLETE = _("Skriv en kommentar som säger vad som ska kompletteras.")
REVIEWED = {"reviewed_at": NOW}
D = DepartmentPlan.Status
F = FollowUpPart.Status


def _department_plan_notice(department_plan: Any) -> Notice:
    return Notice(
        path=reverse(
            "actionplans:department-plan",
            args=[department_plan.plan.year, department_plan.department_id],
        ),
        params={"title": str(department_plan.plan), "department": department_plan.department.name},
        department_id=department_plan.department_id,
    )


def _part_notice(part: Any) -> Notice:
    return Notice(
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

DEPARTMENT_PLAN = Flow(
    kind="department_plan",
    steps=(
        submit(
            states(D.DRAFT, D.RETURNED), D.SUBMITTED, policy.may_edit_department_plan,
            Words(
                _("Förvaltningsplanen skickades till samordnaren."),
                _("Planen är redan inskickad."),
            ),
            stamps={"submitted_at": NOW},
            button="btn-success",
        ),
        approve(
            states(D.SUBMITTED), D.ACCEPTED, policy.reviewer,
            Words(
                _("Förvaltningsplanen godkändes."),
                _("Bara inskickade planer kan godkännas."),
                _("Godkänn förvaltningsplanen"),
            ),
            stamps=REVIEWED,
        ),
        send_back(
            states(D.SUBMITTED, D.ACCEPTED), D.RETURNED, policy.reviewer,
            Words(
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
        Todo("department_plans_submitted", COORDINATOR_TODO,
             _("Inskickade förvaltningsplaner att granska"),
             states(D.SUBMITTED), ("submitted_at", "pk")),
        Todo("department_plans_returned", DEPARTMENT_TODO, _("Återsända förvaltningsplaner"),
             states(D.RETURNED), ("-plan__year",)),
        # Drafts only while the plan itself is a draft (later they can no longer be sent in).
        Todo("department_plans_draft", DEPARTMENT_TODO,
             _("Förvaltningsplaner som inte är inskickade"),
             states(D.DRAFT), ("-plan__year",), where={"plan__status": ActionPlan.Status.DRAFT}),
    ),
)  # fmt: skip

PART = Flow(
    kind="followup_part",
    steps=(
        submit(
            states(F.NOT_STARTED, F.IN_PROGRESS, F.RETURNED), F.READY,
            policy.may_edit_followup_part,
            Words(
                _("Förvaltningens uppföljning är markerad som klar."),
                _("Delen är redan markerad som klar."),
                _("Markera förvaltningens del som klar"),
            ),
            stamps={"ready_at": NOW},
            button="btn-success",
        ),
        approve(
            states(F.READY), F.ACCEPTED, policy.round_reviewer,
            Words(
                _("Uppföljningen godkändes."),
                _("Bara delar som är markerade klara kan godkännas."),
                _("Godkänn uppföljningen"),
            ),
            stamps=REVIEWED,
        ),
        send_back(
            states(F.READY, F.ACCEPTED), F.RETURNED, policy.round_reviewer,
            Words(
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
        Todo("parts_ready", COORDINATOR_TODO, _("Uppföljningar markerade klara att granska"),
             states(F.READY), ("ready_at", "pk")),
        Todo("parts_to_report", DEPARTMENT_TODO, _("Uppföljning att rapportera"),
             states(F.NOT_STARTED, F.IN_PROGRESS, F.RETURNED), ("round__deadline", "pk")),
    ),
)  # fmt: skip

register(DepartmentPlan, DEPARTMENT_PLAN)
register(FollowUpPart, PART)
