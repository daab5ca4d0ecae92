"""Public pages, the activity calendar and its iCal feed (open data: projects/open_data.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from . import selectors

# --- Public pages and open data -------------------------------------------------------------


@require_GET
def public_project_list(request: HttpRequest) -> HttpResponse:
    projects = selectors.public_projects()
    return render(request, "projects/public_list.html", {"projects": projects})


@require_GET
def public_project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        selectors.public_projects().prefetch_related("focus_areas", "sdgs"), pk=pk
    )
    return render(request, "projects/public_detail.html", {"project": project})


# --- Calendar --------------------------------------------------------------------------------
