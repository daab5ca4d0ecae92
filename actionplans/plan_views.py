"""Department plans and the municipal plan's workflow: propose, adopt, revise, versions,
copy forward and traceability."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intl_portal.lib import concurrency
from intl_portal.lib.forms import posted, status_of
from intl_portal.lib.workflow import run_transition
from intl_portal.organisation import policy, review_pages
from intl_portal.organisation.http import AuthenticatedRequest

from . import selectors
from .forms import (
    AdoptForm,
    CommentForm,
    CompareForm,
    CopyForwardForm,
    DepartmentPlanForm,
    ReviseForm,
)
from .models import DepartmentPlan
from .services import plans
from .views import plan_or_404


def _department_plan(request: HttpRequest, year: int, department: int) -> DepartmentPlan:
    department_plan = get_object_or_404(
        DepartmentPlan.objects.select_related("plan", "department"),
        plan__year=year,
        department_id=department,
    )
    if not policy.may_view_plan(request.user, department_plan.plan):
        raise PermissionDenied
    return department_plan


def _department_plan_page(
    request: HttpRequest,
    department_plan: DepartmentPlan,
    *,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    goals = list(selectors.department_plan_goals(department_plan=department_plan))
    user = request.user
    return render(
        request,
        "actionplans/department_plan_detail.html",
        {
            "department_plan": department_plan,
            "plan": department_plan.plan,
            "goals": goals,
            "may_edit": policy.may_edit_department_plan(user, department_plan),
            "steps": review_pages.buttons(user, department_plan),
            "comment_form": comment_form or CommentForm(),
        },
        status=status,
    )


@require_GET
@login_required
def department_plan_detail(
    request: AuthenticatedRequest, year: int, department: int
) -> HttpResponse:
    return _department_plan_page(request, _department_plan(request, year, department))


@require_http_methods(["GET", "POST"])
@login_required
def department_plan_edit(request: AuthenticatedRequest, year: int, department: int) -> HttpResponse:
    department_plan = _department_plan(request, year, department)
    if not policy.may_edit_department_plan(request.user, department_plan):
        raise PermissionDenied
    form = DepartmentPlanForm(posted(request), instance=department_plan)
    submission = concurrency.submit(
        request,
        form,
        lambda data, opened: plans.department_plan_update(
            user=request.user,
            department_plan=DepartmentPlan.objects.get(pk=department_plan.pk),
            activities=data["activities"],
            budget=data["budget"],
            opened=opened,
        ),
    )
    if submission.saved is not None:
        messages.success(request, _("Förvaltningsplanen sparades."))
        return redirect("actionplans:department-plan", year=year, department=department)
    return render(
        request,
        "actionplans/department_plan_form.html",
        {**submission.context, "department_plan": department_plan},
        status=submission.status,
    )


@require_POST
@login_required
def department_plan_submit(
    request: AuthenticatedRequest, year: int, department: int
) -> HttpResponse:
    department_plan = _department_plan(request, year, department)
    return review_pages.take_step(
        request,
        department_plan,
        "submit",
        lambda: plans.department_plan_submit(user=request.user, department_plan=department_plan),
        then=resolve_url("actionplans:department-plan", year=year, department=department),
    )


@require_POST
@login_required
def department_plan_return(
    request: AuthenticatedRequest, year: int, department: int
) -> HttpResponse:
    department_plan = _department_plan(request, year, department)
    page = resolve_url("actionplans:department-plan", year=year, department=department)
    refused = review_pages.refusal(request, department_plan, "return", back=page)
    if refused is not None:
        return refused
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            plans.department_plan_return(
                user=request.user,
                department_plan=department_plan,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Förvaltningsplanen återsändes med din kommentar."))
            return redirect(page)
    return _department_plan_page(request, department_plan, comment_form=form, status=400)


@require_POST
@login_required
def department_plan_accept(
    request: AuthenticatedRequest, year: int, department: int
) -> HttpResponse:
    department_plan = _department_plan(request, year, department)
    return review_pages.take_step(
        request,
        department_plan,
        "approve",
        lambda: plans.department_plan_accept(user=request.user, department_plan=department_plan),
        then=resolve_url("actionplans:department-plan", year=year, department=department),
    )


# --- The municipal plan ---------------------------------------------------------------------


@require_POST
@login_required
def plan_propose(request: AuthenticatedRequest, year: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    return run_transition(
        request,
        lambda: plans.plan_propose(user=request.user, plan=plan),
        success=_("Planen är nu ett förslag."),
        then=resolve_url("actionplans:detail", year=year),
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_adopt(request: AuthenticatedRequest, year: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    if not policy.may_review(request.user):
        raise PermissionDenied
    form = AdoptForm(posted(request), initial={"decision_body": "KS"})
    if request.method == "POST" and form.is_valid():
        try:
            version = plans.plan_adopt(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Planen är fastställd (version %(n)s).") % {"n": version.number}
            )
            return redirect("actionplans:detail", year=year)
    return render(
        request,
        "actionplans/plan_adopt.html",
        {"form": form, "plan": plan},
        status=status_of(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_revise(request: AuthenticatedRequest, year: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    if not policy.may_review(request.user):
        raise PermissionDenied
    form = ReviseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            plans.plan_revise(user=request.user, plan=plan, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Planen kan ändras. Ändringen blir en ny version när den fastställs.")
            )
            return redirect("actionplans:detail", year=year)
    return render(
        request,
        "actionplans/plan_revise.html",
        {"form": form, "plan": plan},
        status=status_of(form),
    )


@require_GET
@login_required
def plan_versions(request: AuthenticatedRequest, year: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    versions = list(plan.versions.select_related("created_by").order_by("-number"))
    form = CompareForm(
        initial={"old": max(len(versions) - 1, 1), "new": len(versions)} if versions else None
    )
    return render(
        request,
        "actionplans/plan_versions.html",
        {"plan": plan, "versions": versions, "form": form},
    )


@require_GET
@login_required
def plan_version_detail(request: AuthenticatedRequest, year: int, number: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    version = get_object_or_404(plan.versions.select_related("created_by"), number=number)
    return render(
        request, "actionplans/plan_version_detail.html", {"plan": plan, "version": version}
    )


@require_GET
@login_required
def plan_compare(request: AuthenticatedRequest, year: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    form = CompareForm(request.GET)
    versions = {v.number: v for v in plan.versions.all()}
    if not form.is_valid():
        return render(
            request,
            "actionplans/plan_versions.html",
            {
                "plan": plan,
                "versions": sorted(versions.values(), key=lambda v: -v.number),
                "form": form,
            },
            status=400,
        )
    old, new = versions.get(form.cleaned_data["old"]), versions.get(form.cleaned_data["new"])
    if old is None or new is None:
        raise Http404
    return render(
        request,
        "actionplans/plan_compare.html",
        {"plan": plan, "old": old, "new": new, **selectors.versions_compare(old=old, new=new)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_copy_forward(request: AuthenticatedRequest, year: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    if not policy.may_manage_registry(request.user):
        raise PermissionDenied
    form = CopyForwardForm(posted(request), initial={"year": year + 1, "carry_over": True})
    if request.method == "POST" and form.is_valid():
        try:
            new_plan = plans.plan_copy_forward(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Handlingsplanen för %(year)s skapades från %(old)s.")
                % {"year": new_plan.year, "old": plan.year},
            )
            return redirect("actionplans:detail", year=new_plan.year)
    not_achieved = plan.goals.exclude(outcome__status="achieved").count()
    return render(
        request,
        "actionplans/plan_copy_forward.html",
        {"form": form, "plan": plan, "not_achieved": not_achieved},
        status=status_of(form),
    )


@require_GET
@login_required
def plan_traceability(request: AuthenticatedRequest, year: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    return render(
        request,
        "actionplans/plan_traceability.html",
        {"plan": plan, **selectors.traceability(plan=plan)},
    )
