from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import NetworkMembership, Partnership, TwinTownMeeting


@require_GET
@login_required
def registry(request: HttpRequest) -> HttpResponse:
    """Twin towns, agreements, networks and the meeting rotation on one page."""
    context = {
        "partnerships": Partnership.objects.select_related("partner", "department").order_by(
            "kind", "partner__name"
        ),
        "memberships": NetworkMembership.objects.order_by("scope", "name"),
        "meetings": TwinTownMeeting.objects.select_related("host").order_by("year"),
    }
    return render(request, "partners/registry.html", context)
