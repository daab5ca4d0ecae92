"""The report renderer reads the portal's own static files and nothing else."""

from __future__ import annotations

import http.client
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from intl_portal.lib.pdf import (
    PORTAL_BASE_URL,
    RefusedURL,
    StaticOnlyURLFetcher,
    render_pdf,
    resolve_static_path,
    resource_url,
)

PASSWD = Path("/etc/passwd")
REPORT_CSS = Path(settings.BASE_DIR) / "static" / "report" / "report.css"


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _attachments(pdf: bytes) -> dict[str, list[bytes]]:
    return dict(PdfReader(io.BytesIO(pdf)).attachments)


# --- The fetcher ----------------------------------------------------------------------------


def test_fetcher_serves_portal_static_files() -> None:
    response = StaticOnlyURLFetcher().fetch("https://portal.invalid/static/report/report.css")

    assert response.read() == REPORT_CSS.read_bytes()
    assert response.content_type == "text/css"


def test_relative_static_url_resolves_against_the_portal_base() -> None:
    assert PORTAL_BASE_URL == "https://portal.invalid/"
    assert resolve_static_path("https://portal.invalid/static/report/report.css") == str(REPORT_CSS)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "http://portal.invalid/static/report/report.css",
        "https://example.org/static/report/report.css",
        "https://portal.invalid.example.org/static/report/report.css",
        "https://user@portal.invalid/static/report/report.css",
        "http://127.0.0.1:9/x.css",
        "https://portal.invalid/static/../../etc/passwd",
        "https://portal.invalid/static/report/../../../etc/passwd",
        "https://portal.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://portal.invalid/static/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "https://portal.invalid/static/..%2f..%2f..%2fetc%2fpasswd",
        "https://portal.invalid/static/%2fetc%2fpasswd",
        "https://portal.invalid/static//etc/passwd",
        "https://portal.invalid/static/report/report.css?v=1",
        "https://portal.invalid/static/report/report.css?../../etc/passwd",
        "https://portal.invalid/etc/passwd",
        "https://portal.invalid/media-not-served/reports/2026/a.pdf",
        "https://portal.invalid/static/",
        "https://portal.invalid/static/report/missing.css",
        "data:text/plain;base64,cm9vdDp4OjA6MDpyb290",
        "data:text/css,body{color:red}",
        "ftp://portal.invalid/static/report/report.css",
    ],
)
def test_fetcher_refuses_everything_but_portal_static_files(url: str) -> None:
    assert resolve_static_path(url) is None
    with pytest.raises(RefusedURL):
        StaticOnlyURLFetcher().fetch(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://portal.invalid/static/report",
        "https://portal.invalid/static/report/",
        "https://portal.invalid/static/vendor",
    ],
)
def test_fetcher_refuses_static_directories(url: str) -> None:
    """A directory is not a static file: refused like everything else, not opened."""
    assert resolve_static_path(url) is None
    with pytest.raises(RefusedURL):
        StaticOnlyURLFetcher().fetch(url)


# --- A local server that would redirect to the password file --------------------------------


@dataclass
class RedirectServer:
    url: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def redirect_server() -> Iterator[RedirectServer]:
    """An HTTP server on 127.0.0.1 answering every request with 302 to file:///etc/passwd."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            seen.append(self.path)
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield RedirectServer(url=f"http://127.0.0.1:{server.server_port}", requests=seen)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _probe(server: RedirectServer) -> int:
    """Prove the server is up and records requests (so "no request" means something)."""
    host, port = server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        connection.request("GET", "/probe")
        return connection.getresponse().status
    finally:
        connection.close()


def test_fetcher_never_contacts_a_redirecting_server(redirect_server: RedirectServer) -> None:
    for path in ("/x.css", "/image.png", "/static/report/report.css"):
        with pytest.raises(RefusedURL):
            StaticOnlyURLFetcher().fetch(redirect_server.url + path)

    assert redirect_server.requests == []
    assert _probe(redirect_server) == 302
    assert redirect_server.requests == ["/probe"]


def test_render_never_contacts_a_redirecting_server(redirect_server: RedirectServer) -> None:
    html = f"""<!DOCTYPE html><html lang="sv"><head><title>Test</title>
      <link rel="stylesheet" href="{redirect_server.url}/style.css">
      <link rel="attachment" href="{redirect_server.url}/bilaga.txt">
    </head><body>
      <p>Omdirigeringstest</p>
      <img src="{redirect_server.url}/bild.png" alt="bild">
      <div style="background: url('{redirect_server.url}/bakgrund.png')">x</div>
    </body></html>"""

    pdf, pages = render_pdf(html)

    assert pages == 1
    assert "Omdirigeringstest" in _pdf_text(pdf)
    assert redirect_server.requests == []
    assert _probe(redirect_server) == 302
    assert redirect_server.requests == ["/probe"]


# --- Rendering hostile documents ------------------------------------------------------------

HOSTILE_HTML = """<!DOCTYPE html>
<html lang="sv"><head>
  <title>Årsrapport</title>
  <link rel="attachment" href="file:///etc/passwd" title="lösenord">
  <link rel="attachment" href="https://portal.invalid/static/../../etc/passwd">
  <link rel="stylesheet" href="http://127.0.0.1:9/x.css">
  <link rel="stylesheet" href="file:///etc/passwd">
  <link rel="stylesheet" href="/static/report/report.css">
  <style>@import url("file:///etc/passwd");</style>
</head><body>
  <h1>Internationellt arbete 2026</h1>
  <p>Första sidan.</p>
  <img src="file:///etc/passwd" alt="passwd">
  <img src="https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg" alt="fjärrbild">
  <object data="file:///etc/passwd" type="text/plain">objekt</object>
  <embed src="file:///etc/passwd" type="text/plain">
  <iframe src="file:///etc/passwd"></iframe>
  <h2 style="page-break-before: always">Andra sidan</h2>
  <p>Slut.</p>
</body></html>"""


@pytest.fixture(scope="module")
def hostile_pdf() -> tuple[bytes, int]:
    return render_pdf(HOSTILE_HTML)


def test_hostile_document_still_renders(hostile_pdf: tuple[bytes, int]) -> None:
    pdf, pages = hostile_pdf

    assert pdf.startswith(b"%PDF-")
    assert pages == 2
    text = _pdf_text(pdf)
    assert "Internationellt arbete 2026" in text
    assert "Andra sidan" in text
    # The portal's own stylesheet was served: its page footer (the language-neutral fallback;
    # the report sets "Sida X av Y" in its own language) is on page 2.
    assert "2 / 2" in text


def test_hostile_document_contains_nothing_from_etc_passwd(
    hostile_pdf: tuple[bytes, int],
) -> None:
    pdf, _pages = hostile_pdf
    text = _pdf_text(pdf)
    passwd_lines = [line for line in PASSWD.read_text().splitlines() if line.strip()]

    assert "root:x:0:0" not in text
    assert b"root:x:0:0" not in pdf
    for line in passwd_lines:
        assert line not in text


def test_hostile_document_embeds_no_file(hostile_pdf: tuple[bytes, int]) -> None:
    pdf, _pages = hostile_pdf

    assert _attachments(pdf) == {}
    assert b"/EmbeddedFile" not in pdf


def test_attachment_check_detects_an_embedded_static_file() -> None:
    """Control for the test above: an allowed attachment does show up."""
    html = """<!DOCTYPE html><html lang="sv"><head><title>Bilaga</title>
      <link rel="attachment" href="/static/report/report.css"></head>
      <body><p>Med bilaga</p></body></html>"""

    pdf, _pages = render_pdf(html)

    attachments = _attachments(pdf)
    assert len(attachments) == 1
    assert next(iter(attachments.values())) == [REPORT_CSS.read_bytes()]


# --- In-memory resources (the municipality's logo) -----------------------------------------


def test_fetcher_serves_a_named_resource_by_its_exact_url_only() -> None:
    fetcher = StaticOnlyURLFetcher({"logo": (b"\x89PNG...", "image/png")})

    assert fetcher.fetch(resource_url("logo")).read() == b"\x89PNG..."
    for url in [
        resource_url("logo") + "?x",
        resource_url("../logo"),
        resource_url("other"),
        "file:///etc/passwd",
    ]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
