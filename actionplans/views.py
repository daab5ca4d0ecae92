from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intl_portal.lib.workflow import run_transition
from intl_portal.organisation import policy

from . import selectors, services
from .conflicts import CONFLICT_STATUS, rebind_after_conflict
from .forms import GoalForm, OutcomeForm, PlanForm, ReportRequestForm
from .models import ActionPlan, AnnualReport, DepartmentPlan, FollowUpRound, Goal, GoalOutcome


def _posted(request: HttpRequest) -> object:
    """The POST data when the request is a POST (even an empty one), else None."""
    return request.POST if request.method == "POST" else None


def _form_status(form: object) -> int:
    return 400 if getattr(form, "is_bound", False) and getattr(form, "errors", None) else 200


def _plan_or_404(request: HttpRequest, year: int) -> ActionPlan:
    plan = get_object_or_404(ActionPlan.objects.select_related("strategy"), year=year)
    if not policy.may_view_plan(request.user, plan):
        raise PermissionDenied
    return plan


def _error_message(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@require_GET
@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plans_for(user=request.user)
    return render(request, "actionplans/plan_list.html", {"plans": plans})


@require_http_methods(["GET", "POST"])
@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    if not policy.may_manage_registry(request.user):
        raise PermissionDenied
    form = PlanForm(_posted(request), initial={"year": timezone.now().year})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("year", exc)
        else:
            messages.success(request, _("Handlingsplanen skapades."))
            return redirect("actionplans:detail", year=plan.year)
    return render(request, "actionplans/plan_form.html", {"form": form}, status=_form_status(form))


@require_GET
@login_required
def plan_detail(request: HttpRequest, year: int) -> HttpResponse:
    plan = _plan_or_404(request, year)
    goals = selectors.plan_goal_rows(plan=plan)
    followup_round = FollowUpRound.objects.filter(plan=plan).first()
    parts = {p.department_id: p for p in followup_round.parts.all()} if followup_round else {}
    for part in parts.values():
        part.round = followup_round  # already loaded: no query per row
    department_plans = selectors.department_plans(plan=plan, goals=goals)
    by_department = {dp.department_id: dp for dp in department_plans}
    user = request.user
    reportable = {
        g.pk for g in goals if policy.may_report_outcome(user, g, parts.get(g.department_id))
    }
    editable = {
        g.pk for g in goals if policy.may_edit_goal(user, g, by_department.get(g.department_id))
    }
    own_plan = by_department.get(getattr(user, "department_id", None))
    return render(
        request,
        "actionplans/plan_detail.html",
        {
            "plan": plan,
            "goal_groups": selectors.goals_by_focus_area(goals),
            "department_plans": department_plans,
            "own_department_plan": own_plan,
            "followup_round": followup_round,
            "reportable": reportable,
            "editable": editable,
            "versions": list(plan.versions.order_by("number").defer("snapshot")),
            "may_review": policy.may_review(user),
            "may_add_goal": policy.may_create_entry(user) and plan.status == "draft",
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_create(request: HttpRequest, year: int) -> HttpResponse:
    plan = _plan_or_404(request, year)
    if not policy.may_create_entry(request.user):
        raise PermissionDenied
    form = GoalForm(_posted(request), user=request.user, year=plan.year)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_create(user=request.user, plan=plan, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Målet lades till i handlingsplanen."))
            return redirect("actionplans:detail", year=plan.year)
    return render(
        request,
        "actionplans/goal_form.html",
        {"form": form, "plan": plan},
        status=_form_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("plan", "department"), pk=pk)
    department_plan = DepartmentPlan.objects.filter(
        plan=goal.plan, department_id=goal.department_id
    ).first()
    if not policy.may_edit_goal(request.user, goal, department_plan):
        raise PermissionDenied
    form = GoalForm(_posted(request), instance=goal, user=request.user, year=goal.plan.year)
    saved: list[tuple[str, str]] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.goal_update(
                user=request.user,
                goal=Goal.objects.get(pk=goal.pk),
                data=data,
                version=form.cleaned_data["version"],
            )
        except services.EditConflict as conflict:
            form, saved = rebind_after_conflict(
                request, GoalForm, conflict.current, instance=conflict.current, user=request.user
            )
            status = CONFLICT_STATUS
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Målet sparades."))
            return redirect("actionplans:detail", year=goal.plan.year)
    return render(
        request,
        "actionplans/goal_form.html",
        {"form": form, "plan": goal.plan, "goal": goal, "saved": saved},
        status=status if saved else _form_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("plan", "focus_area", "department"), pk=pk)
    part = services.followup_part_for(goal=goal)
    if not policy.may_report_outcome(request.user, goal, part):
        raise PermissionDenied
    instance = GoalOutcome.objects.filter(goal=goal).first()
    form = OutcomeForm(_posted(request), instance=instance)
    saved: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.goal_outcome_record(user=request.user, goal=goal, **data)
        except services.EditConflict as conflict:
            form, saved = rebind_after_conflict(
                request, OutcomeForm, conflict.current, instance=conflict.current
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Uppföljningen sparades."))
            next_url = reverse("actionplans:detail", args=[goal.plan.year])
            back_to_part = request.GET.get("back") == "part" or not policy.is_coordinator(
                request.user
            )
            if part is not None and back_to_part:
                next_url = reverse("actionplans:part", args=[goal.plan.year, part.department_id])
            return redirect(next_url)
    return render(
        request,
        "actionplans/outcome_form.html",
        {"form": form, "goal": goal, "part": part, "saved": saved},
        status=CONFLICT_STATUS if saved else _form_status(form),
    )


# --- Annual reports -------------------------------------------------------------------------


@require_GET
@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    if policy.is_coordinator(request.user):
        reports = AnnualReport.objects.select_related("requested_by")
    else:
        reports = selectors.published_reports().select_related("requested_by")
    form = ReportRequestForm(initial={"year": timezone.now().year})
    context = {
        "reports": reports,
        "form": form,
        "may_preview": policy.may_preview_report(request.user),
        "preview_year": timezone.now().year,
    }
    return render(request, "actionplans/report_list.html", context)


@require_GET
@login_required
def report_preview(request: HttpRequest, year: int) -> HttpResponse:
    """The report's content and charts as a web page, from the same data as the PDF."""
    if not policy.may_preview_report(request.user):
        raise PermissionDenied
    from .report import report_context

    context = report_context(year=year)
    if context["plan"] is not None and not policy.may_view_plan(request.user, context["plan"]):
        charts = [c for c in context["charts"] if c["id"] != "chart-goals"]
        context.update(plan=None, goal_groups=[], goal_count=0, reported_count=0, charts=charts)
    return render(request, "actionplans/report_preview.html", context)


@require_POST
@login_required
def report_request(request: HttpRequest) -> HttpResponse:
    if not policy.may_manage_registry(request.user):
        raise PermissionDenied
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        reports = AnnualReport.objects.select_related("requested_by")
        return render(
            request, "actionplans/report_list.html", {"reports": reports, "form": form}, status=400
        )
    report = services.report_request(user=request.user, **form.cleaned_data)
    messages.success(
        request,
        _("Årsrapporten för %(year)s beställdes. Sidan visar när den är klar.")
        % {"year": report.year},
    )
    return redirect("actionplans:report-list")


@require_GET
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's row, polled by htmx until it is finished."""
    if not request.user.is_authenticated:
        # The session expired while the page was polling: send the whole page to login
        # instead of swapping a login form into the table row.
        login = f"{resolve_url(settings.LOGIN_URL)}?next={reverse('actionplans:report-list')}"
        return HttpResponse(status=204, headers={"HX-Redirect": login})
    if not policy.is_coordinator(request.user):
        raise PermissionDenied
    report = get_object_or_404(AnnualReport.objects.select_related("requested_by"), pk=pk)
    return render(request, "actionplans/_report_row.html", {"report": report})


@require_POST
@login_required
def report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AnnualReport, pk=pk)
    return run_transition(
        request,
        lambda: services.report_retry(user=request.user, report=report),
        success=_("Rapporten lades i kö igen."),
        then=resolve_url("actionplans:report-list"),
    )


@require_POST
@login_required
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AnnualReport, pk=pk)
    return run_transition(
        request,
        lambda: services.report_publish(user=request.user, report=report),
        success=_("Rapporten är publicerad."),
        then=resolve_url("actionplans:report-list"),
    )


def _pdf_response(report: AnnualReport) -> FileResponse:
    if not report.pdf:
        raise Http404
    try:
        handle = report.pdf.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = f"arsrapport-{report.year}-v{report.version}.pdf"
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )


@require_GET
@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AnnualReport, pk=pk)
    if not policy.may_download_report(request.user, report):
        raise PermissionDenied
    return _pdf_response(report)


@require_GET
def public_report_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "actionplans/public_report_list.html", {"reports": selectors.published_reports()}
    )


@require_GET
def public_report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.published_reports(), pk=pk)
    return _pdf_response(report)
