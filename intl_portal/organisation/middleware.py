from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Swedish unless the user chose another language with the language switch.

    The browser's Accept-Language is ignored on purpose: a Swedish municipal service speaks
    Swedish by default, whatever language the workstation's browser was installed in.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class IdleSessionMiddleware:
    """The idle timeout: a session ends SESSION_COOKIE_AGE seconds after its last use.

    Each use pushes the session's end forward, but at most once per SESSION_REFRESH_SECONDS:
    saving the session on every request (SESSION_SAVE_EVERY_REQUEST) wrote to the database on
    every page view, which cost each request a commit. A session therefore ends between
    SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE seconds after it was
    last used. Sessions without data (public visitors) are never created or touched.
    """

    KEY = "_last_refresh"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.modified:
            return response
        last = session.get(self.KEY, 0)  # loads it: an unknown or ended session is empty now
        now = int(time.time())
        if not session.is_empty() and now - last >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = now  # marks it modified: saved, and its cookie and end renewed
        return response


def stamp_session_at_login(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    """Logging in saves a fresh session: its first pages need not write it again."""
    if hasattr(request, "session"):
        request.session[IdleSessionMiddleware.KEY] = int(time.time())
