"""Friendly error pages that need nothing but the template engine (no database)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader


def _page(template: str, status: int, request: HttpRequest) -> HttpResponse:
    # Rendered without context processors: the database may be the thing that is down.
    body = loader.get_template(template).render({"request_path": request.path})
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page("errors/400.html", 400, request)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page("errors/403.html", 403, request)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page("errors/404.html", 404, request)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page("errors/500.html", 500, request)
