"""WeasyPrint rendering that reads nothing but the portal's own static files."""

from __future__ import annotations

import logging
import mimetypes
import os
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Documents are rendered with this base URL; only /static/ below it is ever served.
PORTAL_BASE_URL = "https://portal.invalid/"
STATIC_PREFIX = "/static/"
# In-memory resources handed to one render (the municipality's logo), never files by path.
RESOURCE_PREFIX = f"{PORTAL_BASE_URL}resource/"


class RefusedURL(ValueError):
    """A URL the report may not load (WeasyPrint logs it and renders on)."""


class StaticOnlyURLFetcher(URLFetcher):
    """Serves the portal's own static files; refuses file://, other hosts and everything else.

    It never opens a network connection, so there is no redirect to follow. Besides static
    files it serves only the named in-memory resources it was given, by exact URL.
    """

    def __init__(self, resources: dict[str, tuple[bytes, str]] | None = None) -> None:
        super().__init__(allow_redirects=False, allowed_protocols={"https"})
        self.resources = {resource_url(name): item for name, item in (resources or {}).items()}

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url in self.resources:
            body, mime = self.resources[url]
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})
        path = resolve_static_path(url)
        if path is None:
            logger.warning("Report renderer refused URL %s", url[:200])
            raise RefusedURL(f"refused: {url[:200]}")
        mime, _ = mimetypes.guess_type(path)
        with open(path, "rb") as fh:
            body = fh.read()
        return URLFetcherResponse(
            url, body=body, headers={"Content-Type": mime or "application/octet-stream"}
        )


def resource_url(name: str) -> str:
    return f"{RESOURCE_PREFIX}{name}"


def resolve_static_path(url: str) -> str | None:
    """The file behind a portal static URL, or None for anything else."""
    parts = urlsplit(url)
    base = urlsplit(PORTAL_BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    if parts.query or not parts.path.startswith(STATIC_PREFIX):
        return None
    relative = PurePosixPath(unquote(parts.path[len(STATIC_PREFIX) :]))
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return None
    found = finders.find(str(relative))
    return found if isinstance(found, str) and os.path.isfile(found) else None


def render_pdf(
    html: str, *, resources: dict[str, tuple[bytes, str]] | None = None
) -> tuple[bytes, int]:
    """Render an HTML document to PDF bytes; returns the bytes and the page count."""
    document = HTML(
        string=html, base_url=PORTAL_BASE_URL, url_fetcher=StaticOnlyURLFetcher(resources)
    ).render()
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)
