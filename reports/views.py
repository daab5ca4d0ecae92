"""The annual report's pages: the list with the job's state, request, preview, retry, publish,
download, and the public list of published reports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actionplans.forms import ReportRequestForm
from actionplans.models import AnnualReport
from intl_portal.lib.converters import FIRST_YEAR, LAST_YEAR
from intl_portal.lib.workflow import run_transition
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest

from . import selectors, services
from .document import preview_context
from .row_actions import report_actions, report_rows


@require_GET
@login_required
def report_list(request: AuthenticatedRequest) -> HttpResponse:
    reports = selectors.reports_for(user=request.user)
    # The year chosen last (kept in the address after ordering a report), else this year.
    chosen = request.GET.get("year", "")
    year = int(chosen) if chosen.isdigit() and FIRST_YEAR <= int(chosen) <= LAST_YEAR else None
    year = year or timezone.now().year
    form = ReportRequestForm(initial={"year": year})
    context = {
        **_list_context(request, reports),
        "form": form,
        "may_preview": policy.may_preview_report(request.user),
        "preview_year": year,
    }
    return render(request, "reports/list.html", context)


def _list_context(request: AuthenticatedRequest, reports: Iterable[AnnualReport]) -> dict[str, Any]:
    """The rows with their actions and the list's own questions, for the page and its 400."""
    user = request.user
    return {
        "rows": report_rows(user, reports),
        "may_request_report": policy.may_manage_registry(user),
        # Coordinators see every ordered version (the policy's reports_for), others published ones.
        "may_see_all_versions": policy.is_coordinator(user),
        "may_follow_progress": policy.is_coordinator(user),
    }


@require_GET
@login_required
def report_preview(request: AuthenticatedRequest, year: int) -> HttpResponse:
    """The report's content and charts as a web page, from the same data as the PDF."""
    if not policy.may_preview_report(request.user):
        raise PermissionDenied
    context = preview_context(year=year, user=request.user)
    return render(request, "reports/preview.html", context)


@require_POST
@login_required
def report_request(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.may_manage_registry(request.user):
        raise PermissionDenied
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        reports = selectors.reports_for(user=request.user)
        context = {**_list_context(request, reports), "form": form}
        return render(request, "reports/list.html", context, status=400)
    report = services.report_request(user=request.user, **form.cleaned_data)
    messages.success(
        request,
        _("Årsrapporten för %(year)s beställdes. Sidan visar när den är klar.")
        % {"year": report.year},
    )
    return redirect(reverse("reports:report-list") + f"?year={report.year}")


@require_GET
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's row, polled by htmx until it is finished."""
    if not request.user.is_authenticated:
        # The session expired while the page was polling: send the whole page to login
        # instead of swapping a login form into the table row.
        login = f"{resolve_url(settings.LOGIN_URL)}?next={reverse('reports:report-list')}"
        return HttpResponse(status=204, headers={"HX-Redirect": login})
    if not policy.is_coordinator(request.user):
        raise PermissionDenied
    report = get_object_or_404(AnnualReport.objects.select_related("requested_by"), pk=pk)
    context = {"report": report, "actions": report_actions(request.user, report)}
    return render(request, "reports/_row.html", context)


@require_POST
@login_required
def report_retry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AnnualReport, pk=pk)
    return run_transition(
        request,
        lambda: services.report_retry(user=request.user, report=report),
        success=_("Rapporten lades i kö igen."),
        then=resolve_url("reports:report-list"),
    )


@require_POST
@login_required
def report_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AnnualReport, pk=pk)
    return run_transition(
        request,
        lambda: services.report_publish(user=request.user, report=report),
        success=_("Rapporten är publicerad."),
        then=resolve_url("reports:report-list"),
    )


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
def report_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    report = get_object_or_404(AnnualReport, pk=pk)
    if not policy.may_download_report(request.user, report):
        raise PermissionDenied
    return _pdf_response(report)


@require_GET
@login_required
def report_download_word(request: AuthenticatedRequest, pk: int) -> FileResponse:
    report = get_object_or_404(AnnualReport, pk=pk)
    if not policy.may_download_report_word(request.user, report):
        raise PermissionDenied
    try:
        handle = report.docx.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"arsrapport-{report.year}-v{report.version}.docx",
        content_type=DOCX_TYPE,
    )


@require_GET
def public_report_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/public_list.html", {"reports": selectors.published_reports()})


@require_GET
def public_report_download(request: HttpRequest, pk: int) -> FileResponse:
    report = get_object_or_404(selectors.published_reports(), pk=pk)
    return _pdf_response(report)
