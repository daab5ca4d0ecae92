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

from intl_portal.organisation import policy

from . import selectors, services
from .forms import GoalForm, OutcomeForm, PlanForm, ReportRequestForm
from .models import ActionPlan, AnnualReport, Goal


def _posted(request: HttpRequest) -> object:
    """The POST data when the request is a POST (even an empty one), else None."""
    return request.POST if request.method == "POST" else None


def _form_status(form: object) -> int:
    return 400 if getattr(form, "is_bound", False) and getattr(form, "errors", None) else 200


@require_GET
@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = ActionPlan.objects.all()
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
    plan = get_object_or_404(ActionPlan, year=year)
    goals = selectors.plan_goals(plan=plan)
    return render(
        request,
        "actionplans/plan_detail.html",
        {"plan": plan, "goal_groups": selectors.goals_by_focus_area(goals)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_create(request: HttpRequest, year: int) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, year=year)
    if not policy.may_create_entry(request.user):
        raise PermissionDenied
    form = GoalForm(_posted(request), user=request.user)
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
def goal_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("plan", "focus_area", "department"), pk=pk)
    if not policy.may_report_outcome(request.user, goal):
        raise PermissionDenied
    instance = getattr(goal, "outcome", None)
    form = OutcomeForm(_posted(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        services.goal_outcome_record(user=request.user, goal=goal, **form.cleaned_data)
        messages.success(request, _("Uppföljningen sparades."))
        return redirect("actionplans:detail", year=goal.plan.year)
    return render(
        request,
        "actionplans/outcome_form.html",
        {"form": form, "goal": goal},
        status=_form_status(form),
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
    return render(request, "actionplans/report_list.html", {"reports": reports, "form": form})


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
    report = services.report_request(user=request.user, year=form.cleaned_data["year"])
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
    try:
        services.report_retry(user=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Rapporten lades i kö igen."))
    return redirect("actionplans:report-list")


@require_POST
@login_required
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AnnualReport, pk=pk)
    try:
        services.report_publish(user=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Rapporten är publicerad."))
    return redirect("actionplans:report-list")


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
