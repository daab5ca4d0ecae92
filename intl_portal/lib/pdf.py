"""WeasyPrint rendering that reads nothing but the portal's own static files."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import mimetypes
import os
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import pydyf
import weasyprint
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.pdf import tags as weasyprint_tags
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .pdf_archive import ArchiveInfo, make_archival

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
        guessed, _ = mimetypes.guess_type(path)
        with open(path, "rb") as fh:
            body = fh.read()
        return URLFetcherResponse(
            url, body=body, headers={"Content-Type": guessed or "application/octet-stream"}
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
    html: str,
    *,
    resources: dict[str, tuple[bytes, str]] | None = None,
    archive: ArchiveInfo | None = None,
) -> tuple[bytes, int]:
    """Render an HTML document to PDF bytes; returns the bytes and the page count.

    Without `archive` the file is PDF/UA-1. With it, the file is PDF/A-2a and PDF/UA-1 at
    once: WeasyPrint writes PDF/A-2a and `pdf_archive.make_archival` adds the rest.
    """
    document = HTML(
        string=html, base_url=PORTAL_BASE_URL, url_fetcher=StaticOnlyURLFetcher(resources)
    ).render(font_config=_font_config())
    if archive is None:
        return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)
    pdf = document.write_pdf(pdf_variant="pdf/a-2a")
    return make_archival(pdf, archive).pdf, len(document.pages)


@functools.cache
def _font_config() -> FontConfiguration:
    """One font configuration for every render in this process.

    Left to itself, WeasyPrint makes a new one (a new Pango font map) per render, and each
    left memory behind: a worker grew by about 1 MB per annual report. The portal's documents
    use the system's fonts only (no @font-face), so nothing accumulates in the shared one.
    """
    return FontConfiguration()


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_memory() -> None:
    """Give the memory a large render freed back to the system (glibc's malloc_trim).

    A worker otherwise keeps the peak of its largest report for the rest of its life. Does
    nothing where the C library has no malloc_trim.
    """
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


# --- Languages of parts in the structure tree ---------------------------------------------
# WeasyPrint 70 writes the document's language (/Lang in the catalog) but not the `lang` of
# the elements inside it, so a Swedish name in the English edition would be read with English
# pronunciation. The structure elements are built in `weasyprint.pdf.tags._build_box_tree`
# (recursively, through the module attribute): wrapping it gives each element built for an
# HTML element with its own `lang` a /Lang entry. Pinned to the WeasyPrint version it was
# written against; tests/organisation/test_pdf_archive.py reads /Lang back from a real file.
_TAGGED_WEASYPRINT = "70."
_build_box_tree = weasyprint_tags._build_box_tree


def _build_box_tree_with_lang(box, parent, *args, **kwargs):
    element = getattr(box, "element", None)
    lang = None
    if element is not None and getattr(box, "element_tag", None) not in ("html", "body"):
        lang = element.get("lang")
    for struct in _build_box_tree(box, parent, *args, **kwargs):
        if lang and struct.get("P") == parent.reference and "Lang" not in struct:
            struct["Lang"] = pydyf.String(lang)
        yield struct


if not weasyprint.__version__.startswith(_TAGGED_WEASYPRINT):  # pragma: no cover
    raise ImportError(
        f"intl_portal.lib.pdf wraps WeasyPrint {_TAGGED_WEASYPRINT}x tagging internals; "
        f"found {weasyprint.__version__}: check _build_box_tree_with_lang"
    )
weasyprint_tags._build_box_tree = _build_box_tree_with_lang
