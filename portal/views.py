"""Pages that draw on every app: the dashboard, the public home page and /health/.

These live in the composition root (beside urls.py), which may import every app; the apps
themselves import only downwards.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans import selectors as plan_selectors
from funding import selectors as funding_selectors
from intl_portal.lib import flood
from intl_portal.lib import health as probes
from intl_portal.lib.forms import posted
from intl_portal.notifications.services import cached_in_generation
from intl_portal.organisation import policy
from intl_portal.organisation import services as organisation_services
from intl_portal.organisation.forms import AccessibilityReportForm
from intl_portal.organisation.http import AuthenticatedRequest
from intl_portal.organisation.models import AccessibilityReport
from partners import selectors as partner_selectors
from projects import selectors as project_selectors
from projects import travel
from reports import selectors as report_selectors

from . import todo


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Machine-readable state of the database and the broker; 503 when either is down."""
    state = {
        "database": "ok" if probes.database_ok() else "unavailable",
        "broker": "ok" if probes.broker_ok() else "unavailable",
    }
    healthy = all(value == "ok" for value in state.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **state}, status=200 if healthy else 503
    )


def _dashboard_context(user: Any) -> dict[str, Any]:
    year = timezone.localdate().year
    context = {
        **project_selectors.project_figures(),
        **plan_selectors.plan_figures(),
        **partner_selectors.partner_figures(),
        **funding_selectors.dashboard_calls(user=user),
        "funding_figures": funding_selectors.funding_figures(year=year),
        "travel": travel.travel_figures(year=year),
        "todo": todo.dashboard_todo(user),
    }
    if policy.may_see_unowned_relationships(user):
        context["unowned"] = partner_selectors.unowned_relationships()
    # Links only to what the user may open (a council member reads adopted plans and closed
    # rounds only): the policy's answers, cached with the rows they are about.
    for key in ("latest_plan", "upcoming_plan"):
        plan = context[key]
        context[f"may_view_{key}"] = plan is not None and policy.may_view_plan(user, plan)
    context["open_rounds"] = [
        {**item, "may_view": policy.may_view_round(user, item["round"])}
        for item in context["open_rounds"]
    ]
    # Evaluated here, so that what is cached holds rows, not queries to run again.
    return {k: list(v) if isinstance(v, QuerySet) else v for k, v in context.items()}


@require_GET
@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    """Everything that waits for the user and the municipality's figures.

    Cached per user and language for DASHBOARD_CACHE_SECONDS under the to-do generation, which
    moves with every change saved in the portal and every event recorded: a change shows at
    once; only what a passing date changes may wait that long.
    """
    user = request.user
    context = cached_in_generation(
        f"dashboard:{user.pk}:{translation.get_language()}",
        settings.DASHBOARD_CACHE_SECONDS,
        lambda: _dashboard_context(user),
    )
    return render(request, "dashboard.html", context)


@require_GET
def todo_count(request: HttpRequest) -> HttpResponse:
    """The navigation's count of what waits for the user, fetched after the page (htmx), so
    that no page pays for it; cached briefly, renewed whenever a notification is recorded."""
    if not request.user.is_authenticated:
        # No session on the count's request (it ended, or a checker sent its cookie with the
        # page only): a redirect would be followed and the whole login page swapped into the
        # menu, a second header with its ids (issue 33). htmx sends the page to login instead.
        page = urlsplit(request.headers.get("HX-Current-URL", ""))
        back = page.path + (f"?{page.query}" if page.query else "") or reverse("dashboard")
        login = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': back})}"
        return HttpResponse(status=204, headers={"HX-Redirect": login})
    return render(request, "dashboard/_todo_count.html", {"n": todo.todo_count(request.user)})


@require_GET
def public_home(request: HttpRequest) -> HttpResponse:
    context = {
        "projects": project_selectors.public_projects()[:10],
        "reports": report_selectors.published_reports()[:5],
    }
    return render(request, "public/home.html", context)


ACCESSIBILITY_LIMIT = 5
ACCESSIBILITY_WINDOW_SECONDS = 60 * 60


@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, with a form to report a problem."""
    form = AccessibilityReportForm(
        posted(request),
        initial={"page": request.GET.get("page", "")[:500]},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid() and not form.cleaned_data.get("website"):
            if flood.over_limit(
                request,
                scope="accessibility",
                limit=ACCESSIBILITY_LIMIT,
                window_seconds=ACCESSIBILITY_WINDOW_SECONDS,
            ):
                form.add_error(
                    None,
                    _("Du har skickat många anmälningar på kort tid. Försök igen om en stund."),
                )
                status = 429
            else:
                data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
                organisation_services.accessibility_report_submit(**data)
                messages.success(request, _("Tack! Din anmälan har skickats till kommunen."))
                return redirect("accessibility")
        elif form.is_valid():  # the honeypot was filled: look accepted, store nothing
            return redirect("accessibility")
        else:
            status = 400
    context = {
        "form": form,
        "reviewed": datetime.date.fromisoformat(settings.ACCESSIBILITY_REVIEWED),
        "updated": datetime.date.fromisoformat(settings.ACCESSIBILITY_STATEMENT_UPDATED),
        # The same question accessibility_reports asks before it shows the reports.
        "may_handle_accessibility_reports": policy.is_coordinator(request.user),
    }
    return render(request, "public/accessibility.html", context, status=status)


@require_GET
@login_required
def accessibility_reports(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.is_coordinator(request.user):
        raise PermissionDenied
    reports = AccessibilityReport.objects.select_related("handled_by")
    return render(request, "public/accessibility_reports.html", {"reports": reports})


@require_POST
@login_required
def accessibility_report_handled(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AccessibilityReport, pk=pk)
    organisation_services.accessibility_report_mark_handled(user=request.user, report=report)
    messages.success(request, _("Anmälan är markerad som åtgärdad."))
    return redirect("accessibility-reports")
