"""Renews what is cached under the to-do generation after every change saved in the portal."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .services import portal_changed

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class PortalChangedMiddleware:
    """After a signed-in user's successful POST (or other unsafe request), the generation moves.

    Events that notify someone move it too (`notify`), including those raised by the worker.
    What changes without either (a date passing) waits at most the cache's lifetime.
    Requests do not run in one transaction (ATOMIC_REQUESTS is off), so by the time the
    response passes here what the view saved is committed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method not in SAFE_METHODS
            and response.status_code < 400  # success and redirects
            and user is not None
            and user.is_authenticated
        ):
            portal_changed()
        return response
