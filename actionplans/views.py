from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from intl_portal.lib import concurrency
from intl_portal.lib.forms import posted, status_of
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest

from . import selectors
from .forms import GoalForm, OutcomeForm, PlanForm
from .models import ActionPlan, DepartmentPlan, FollowUpPart, FollowUpRound, Goal, GoalOutcome
from .services import followup, plans


def _typed_any(request: HttpRequest, form_class: Any) -> bool:
    """Whether a POST carries any value in the form's own fields."""
    return any(request.POST.get(name, "").strip() for name in form_class._meta.fields)


def plan_or_404(request: HttpRequest, year: int) -> ActionPlan:
    plan = get_object_or_404(ActionPlan.objects.select_related("strategy"), year=year)
    if not policy.may_view_plan(request.user, plan):
        raise PermissionDenied
    return plan


@require_GET
@login_required
def plan_list(request: AuthenticatedRequest) -> HttpResponse:
    plans = selectors.plans_for(user=request.user)
    # The follow-up is linked only for who may open it (council members: closed rounds).
    rounds = [(plan, getattr(plan, "followup_round", None)) for plan in plans]  # may be none
    rows = [(plan, r is not None and policy.may_view_round(request.user, r)) for plan, r in rounds]
    may_create_plan = policy.may_manage_registry(request.user)
    context = {"plans": rows, "may_create_plan": may_create_plan}
    return render(request, "actionplans/plan_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def plan_create(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.may_manage_registry(request.user):
        raise PermissionDenied
    form = PlanForm(posted(request), initial={"year": timezone.now().year})
    if request.method == "POST" and form.is_valid():
        try:
            plan = plans.plan_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("year", exc)
        else:
            messages.success(request, _("Handlingsplanen skapades."))
            return redirect("actionplans:detail", year=plan.year)
    return render(request, "actionplans/plan_form.html", {"form": form}, status=status_of(form))


@require_GET
@login_required
def plan_detail(request: AuthenticatedRequest, year: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    goals = selectors.plan_goal_rows(plan=plan)
    followup_round = FollowUpRound.objects.filter(plan=plan).first()
    parts: dict[int | None, FollowUpPart] = {}
    if followup_round is not None:
        parts = {p.department_id: p for p in followup_round.parts.all()}
        for part in parts.values():
            part.round = followup_round  # already loaded: no query per row
    department_plans = selectors.department_plans(plan=plan, goals=goals)
    by_department: dict[int | None, DepartmentPlan] = {
        dp.department_id: dp for dp in department_plans
    }
    user = request.user
    reportable = {
        g.pk for g in goals if policy.may_report_outcome(user, g, parts.get(g.department_id))
    }
    editable = {
        g.pk for g in goals if policy.may_edit_goal(user, g, by_department.get(g.department_id))
    }
    own_plan = by_department.get(user.department_id)
    return render(
        request,
        "actionplans/plan_detail.html",
        {
            "plan": plan,
            "goal_groups": selectors.goals_by_focus_area(goals),
            "department_plans": department_plans,
            "own_department_plan": own_plan,
            "followup_round": followup_round,
            "may_view_round": followup_round is not None
            and policy.may_view_round(user, followup_round),
            "reportable": reportable,
            "editable": editable,
            "versions": list(plan.versions.order_by("number").defer("snapshot")),
            "may_add_goal": policy.may_add_goal(user, plan),
            "may_propose": policy.may_propose_plan(user, plan),
            "may_adopt": policy.may_adopt_plan(user, plan),
            "may_revise": policy.may_revise_plan(user, plan),
            "may_open_followup": policy.may_open_followup(user, plan, followup_round),
            "may_copy_forward": policy.may_manage_registry(user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_create(request: AuthenticatedRequest, year: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    if not policy.may_create_entry(request.user):
        raise PermissionDenied
    form = GoalForm(posted(request), user=request.user, year=plan.year)
    if request.method == "POST" and form.is_valid():
        try:
            plans.goal_create(user=request.user, plan=plan, data=form.typed())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Målet lades till i handlingsplanen."))
            return redirect("actionplans:detail", year=plan.year)
    return render(
        request,
        "actionplans/goal_form.html",
        {"form": form, "plan": plan},
        status=status_of(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("plan", "department"), pk=pk)
    department_plan = DepartmentPlan.objects.filter(
        plan=goal.plan, department=goal.department
    ).first()
    if not policy.may_edit_goal(request.user, goal, department_plan):
        raise PermissionDenied
    form = GoalForm(posted(request), instance=goal, user=request.user, year=goal.plan.year)
    submission = concurrency.submit(
        request,
        form,
        lambda data, opened: plans.goal_update(
            user=request.user, goal=Goal.objects.get(pk=goal.pk), data=data, opened=opened
        ),
    )
    if submission.saved is not None:
        messages.success(request, _("Målet sparades."))
        return redirect("actionplans:detail", year=goal.plan.year)
    return render(
        request,
        "actionplans/goal_form.html",
        {**submission.context, "plan": goal.plan, "goal": goal},
        status=submission.status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_outcome(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("plan", "focus_area", "department"), pk=pk)
    part = followup.followup_part_for(goal=goal)
    if not policy.may_report_outcome(request.user, goal, part):
        raise PermissionDenied
    instance = GoalOutcome.objects.filter(goal=goal).first()
    next_url = reverse("actionplans:detail", args=[goal.plan.year])
    back_to_part = request.GET.get("back") == "part" or not policy.is_coordinator(request.user)
    if part is not None and back_to_part:
        next_url = reverse("actionplans:part", args=[goal.plan.year, part.department_id])
    if instance is None and request.method == "POST" and not _typed_any(request, OutcomeForm):
        # An empty form saved as it was opened: nothing to record, and nothing is refused.
        messages.info(request, _("Ingenting sparades: inget utfall är ifyllt."))
        return redirect(next_url)
    form = OutcomeForm(posted(request), instance=instance)
    submission = concurrency.submit(
        request,
        form,
        lambda data, opened: followup.goal_outcome_record(
            user=request.user, goal=goal, **data, opened=opened
        ),
    )
    if submission.saved is not None:
        messages.success(request, _("Uppföljningen sparades."))
        return redirect(next_url)
    return render(
        request,
        "actionplans/outcome_form.html",
        # Cancel leads a department's reporter back to its part, the plan's manager to the plan.
        {
            **submission.context,
            "goal": goal,
            "part": part,
            "may_manage_plan": policy.may_manage_registry(request.user),
        },
        status=submission.status,
    )
