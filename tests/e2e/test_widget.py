"""The website widget framed by the municipality's site, in Chromium: an allowed origin shows
it, any other origin is refused by the browser (CSP frame-ancestors)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import Browser

from projects.models import Project
from tests import factories
from tests.e2e.conftest import Browsing

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _host_site(widget_url: str) -> tuple[ThreadingHTTPServer, str]:
    """A stand-in for the municipality's website: one page that frames the widget."""
    page = (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Kommunen</title>'
        f'</head><body><main><h1>Kommunens webbplats</h1><iframe src="{widget_url}" '
        'title="Internationellt arbete" width="600" height="500"></iframe></main></body></html>'
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def host_sites(live_server: Any) -> Iterator[tuple[str, str]]:
    allowed, allowed_origin = _host_site(f"{live_server.url}/widget/?visa=projekt")
    refused, refused_origin = _host_site(f"{live_server.url}/widget/?visa=projekt")
    try:
        yield allowed_origin, refused_origin
    finally:
        allowed.shutdown()
        refused.shutdown()


def test_widget_shows_in_the_allowed_site_and_is_refused_elsewhere(
    browsing: Browsing, chromium: Browser, host_sites: tuple[str, str]
) -> None:
    allowed_origin, refused_origin = host_sites
    factories.MunicipalityFactory(name="Lidköpings kommun")
    factories.ProjectFactory(
        title="Unga röster i Norden", status=Project.Status.APPROVED, is_published=True
    )
    with override_settings(WIDGET_FRAME_ANCESTORS=[allowed_origin]):
        # The widget page itself: accessible, no CSP problems, colours from the URL.
        own = browsing.open()
        own.goto(browsing.url("/widget/?visa=projekt&farg=7a0040"))
        browsing.checker.check(own, "widget")
        colour = own.locator(".intl-widget a").first.evaluate("a => getComputedStyle(a).color")
        assert colour == "rgb(122, 0, 64)"

        # Host pages are opened outside the checker: the refused frame logs a CSP error there.
        context = chromium.new_context()
        try:
            page = context.new_page()
            page.goto(allowed_origin)
            frame = page.frame_locator("iframe")
            frame.get_by_role("link", name="Unga röster i Norden").wait_for(timeout=10_000)
            page.screenshot(path=str(browsing.checker.directory / "widget-allowed.png"))

            errors: list[str] = []
            page.on("console", lambda message: errors.append(message.text))
            page.goto(refused_origin)
            page.wait_for_load_state("load")
            page.wait_for_timeout(500)
            framed = [f for f in page.frames if f != page.main_frame]
            assert framed, "the host page has its iframe"
            assert "Unga röster i Norden" not in framed[0].content()
            assert any("frame-ancestors" in text for text in errors), errors
        finally:
            context.close()
