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
    COORDINATORS,
    DEPARTMENT,
    DEPARTMENT_TODO,
    NOW,
    REQUIRE,
    Flow,
    Notice,
    Step,
    Todo,
    register,
    states,
)

from .models import ActionPlan, DepartmentPlan, FollowUpPart

COMPLETE = _("Skriv en kommentar som säger vad som ska kompletteras.")

D = DepartmentPlan.Status


def _department_plan_notice(department_plan: Any) -> Notice:
    return Notice(
        path=reverse(
            "actionplans:department-plan",
            args=[department_plan.plan.year, department_plan.department_id],
        ),
        params={"title": str(department_plan.plan), "department": department_plan.department.name},
        department_id=department_plan.department_id,
    )


# The URL names of the department plan's and the part's steps.
_DEPARTMENT_PLAN_URLS = {"submit": "submit", "approve": "accept", "return": "return"}
_PART_URLS = {"submit": "ready", "approve": "accept", "return": "return"}

DEPARTMENT_PLAN = Flow(
    kind="department_plan",
    steps=(
        Step(
            "submit",
            states(D.DRAFT, D.RETURNED),
            D.SUBMITTED,
            actor=policy.may_edit_department_plan,
            label=_("Skicka till samordnaren"),
            button="btn-success",
            done=_("Förvaltningsplanen skickades till samordnaren."),
            refused=_("Planen är redan inskickad."),
            notice="department_plan_submitted",
            tell=COORDINATORS,
            stamps={"submitted_at": NOW},
        ),
        Step(
            "approve",
            states(D.SUBMITTED),
            D.ACCEPTED,
            actor=policy.reviewer,
            label=_("Godkänn förvaltningsplanen"),
            button="btn-success",
            done=_("Förvaltningsplanen godkändes."),
            refused=_("Bara inskickade planer kan godkännas."),
            notice="department_plan_accepted",
            tell=DEPARTMENT,
            stamps={"reviewed_at": NOW},
        ),
        Step(
            "return",
            states(D.SUBMITTED, D.ACCEPTED),
            D.RETURNED,
            actor=policy.reviewer,
            label=_("Återsänd med kommentar"),
            button="btn-outline-danger",
            done=_("Förvaltningsplanen återsändes med din kommentar."),
            refused=_("Bara inskickade planer kan återsändas."),
            notice="department_plan_returned",
            tell=DEPARTMENT,
            comment=REQUIRE,
            comment_missing=COMPLETE,
            stamps={"reviewed_at": NOW},
        ),
    ),
    notice=_department_plan_notice,
    url=lambda department_plan, name: reverse(
        f"actionplans:department-plan-{_DEPARTMENT_PLAN_URLS[name]}",
        args=[department_plan.plan.year, department_plan.department_id],
    ),
    todo=(
        Todo(
            "department_plans_submitted",
            COORDINATOR_TODO,
            _("Inskickade förvaltningsplaner att granska"),
            states(D.SUBMITTED),
            ("submitted_at", "pk"),
        ),
        Todo(
            "department_plans_returned",
            DEPARTMENT_TODO,
            _("Återsända förvaltningsplaner"),
            states(D.RETURNED),
            ("-plan__year",),
        ),
        # Drafts only while the plan itself is a draft (later they can no longer be sent in).
        Todo(
            "department_plans_draft",
            DEPARTMENT_TODO,
            _("Förvaltningsplaner som inte är inskickade"),
            states(D.DRAFT),
            ("-plan__year",),
            where={"plan__status": ActionPlan.Status.DRAFT},
        ),
    ),
)

F = FollowUpPart.Status


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


PART = Flow(
    kind="followup_part",
    steps=(
        Step(
            "submit",
            states(F.NOT_STARTED, F.IN_PROGRESS, F.RETURNED),
            F.READY,
            actor=policy.may_edit_followup_part,
            label=_("Markera förvaltningens del som klar"),
            button="btn-success",
            done=_("Förvaltningens uppföljning är markerad som klar."),
            refused=_("Delen är redan markerad som klar."),
            notice="followup_part_ready",
            tell=COORDINATORS,
            stamps={"ready_at": NOW},
        ),
        Step(
            "approve",
            states(F.READY),
            F.ACCEPTED,
            actor=policy.round_reviewer,
            label=_("Godkänn uppföljningen"),
            button="btn-success",
            done=_("Uppföljningen godkändes."),
            refused=_("Bara delar som är markerade klara kan godkännas."),
            notice="followup_part_accepted",
            tell=DEPARTMENT,
            stamps={"reviewed_at": NOW},
        ),
        Step(
            "return",
            states(F.READY, F.ACCEPTED),
            F.RETURNED,
            actor=policy.round_reviewer,
            label=_("Återsänd med kommentar"),
            button="btn-outline-danger",
            done=_("Uppföljningen återsändes med din kommentar."),
            refused=_("Bara delar som är klara kan återsändas."),
            notice="followup_part_returned",
            tell=DEPARTMENT,
            comment=REQUIRE,
            comment_missing=COMPLETE,
            stamps={"reviewed_at": NOW},
        ),
    ),
    notice=_part_notice,
    url=lambda part, name: reverse(
        f"actionplans:part-{_PART_URLS[name]}", args=[part.round.plan.year, part.department_id]
    ),
    todo=(
        Todo(
            "parts_ready",
            COORDINATOR_TODO,
            _("Uppföljningar markerade klara att granska"),
            states(F.READY),
            ("ready_at", "pk"),
        ),
        Todo(
            "parts_to_report",
            DEPARTMENT_TODO,
            _("Uppföljning att rapportera"),
            states(F.NOT_STARTED, F.IN_PROGRESS, F.RETURNED),
            ("round__deadline", "pk"),
        ),
    ),
)

register(DepartmentPlan, DEPARTMENT_PLAN)
register(FollowUpPart, PART)
