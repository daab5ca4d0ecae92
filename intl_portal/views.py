"""Pages that draw on every app: the dashboard, the public home page and /health/.

These live in the composition root (beside urls.py), which may import every app; the apps
themselves import only downwards.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from actionplans import selectors as plan_selectors
from intl_portal.lib import health as probes
from partners import selectors as partner_selectors
from projects import selectors as project_selectors


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


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    context = {
        **project_selectors.project_figures(user=request.user),
        **plan_selectors.plan_figures(),
        **partner_selectors.partner_figures(),
    }
    return render(request, "dashboard.html", context)


@require_GET
def public_home(request: HttpRequest) -> HttpResponse:
    context = {
        "projects": project_selectors.public_projects()[:10],
        "reports": plan_selectors.published_reports()[:5],
    }
    return render(request, "public/home.html", context)


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "public/accessibility.html")
