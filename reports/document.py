"""The annual report document: data → HTML → PDF, used by the worker and `render_report`."""

from __future__ import annotations

import io
import logging
import uuid
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from PIL import Image

from actionplans.models import AnnualReport
from intl_portal.lib.pdf_archive import ArchiveInfo
from intl_portal.lib.text import markdown_to_safe_html
from intl_portal.organisation import policy
from intl_portal.organisation.models import Municipality
from intl_portal.organisation.policy import Viewer

from .sections import contents, written_chapters
from .word import build_docx
from .year import ReportYear, report_year

logger = logging.getLogger(__name__)

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_label_css() -> str:
    """CSS `content` for the footer, "Sida X av Y" in the active language."""
    label = _("Sida %(page)s av %(pages)s")
    before, _sep, rest = label.partition("%(page)s")
    middle, _sep, after = rest.partition("%(pages)s")
    parts = [_css_string(before), "counter(page)", _css_string(middle), "counter(pages)"]
    if after:
        parts.append(_css_string(after))
    return " ".join(parts)


def report_logo() -> tuple[bytes, str] | None:
    """The municipality's logo from storage, only if it really is a raster image."""
    logo = Municipality.current().logo
    if not logo:
        return None
    try:
        with logo.open("rb") as fh:
            body = fh.read(LOGO_MAX_BYTES + 1)
        if len(body) > LOGO_MAX_BYTES:
            raise ValueError("logo too large")
        with Image.open(io.BytesIO(body)) as image:
            image.verify()
            mime = LOGO_FORMATS[image.format or ""]
    except Exception:  # noqa: BLE001 - a bad logo leaves the cover without one, nothing more
        logger.warning("Municipality logo is not a usable image; cover rendered without it")
        return None
    return body, mime


def report_summary_html(text: str) -> SafeString:
    """The coordinator's Markdown, sanitised; links become plain text in a printed report."""
    return markdown_to_safe_html(text, links=False)


def report_context(*, year: int, report: AnnualReport | None = None) -> dict[str, Any]:
    """The template context: every chapter of the year plus the report's own options."""
    return _context(report_year(year=year), report=report)


def preview_context(*, year: int, user: Viewer) -> dict[str, Any]:
    """The web preview's context: the report's, without the plan (in any chapter) when the user
    may not read the plan (a council member before it is adopted)."""
    the_year = report_year(year=year)
    if the_year.plan is not None and not policy.may_view_plan(user, the_year.plan):
        the_year = the_year.without_plan()
    return _context(the_year, report=None)


def _context(the_year: ReportYear, *, report: AnnualReport | None) -> dict[str, Any]:
    chapters = written_chapters(the_year)
    default_title = _("Internationellt arbete %(year)s") % {"year": the_year.year}
    return {
        "year": the_year.year,
        "municipality": the_year.municipality,
        "chapters": chapters,
        # Each chapter's context by its key, for the parts outside the chapters (the PDF's
        # figure descriptions).
        "chapter_data": {c.section.key: c.chapter for c in chapters},
        "contents": contents(chapters),
        "report": report,
        "title": (report.title if report and report.title else default_title),
        "case_number": report.case_number if report else "",
        "summary_html": report_summary_html(report.summary if report else ""),
        "generated_at": timezone.localtime(),
        "page_label_css": page_label_css(),
        # The municipality's own text (goals, projects, departments) is Swedish: in another
        # edition it is marked so, for screen readers' pronunciation and for hyphenation.
        "sv_attr": mark_safe(' lang="sv"') if translation.get_language() != "sv" else "",  # noqa: S308
    }


TEMPLATE = "reports/annual_report.html"


def report_html(
    *, year: int, report: AnnualReport | None = None, logo_url: str | None = None
) -> str:
    context = {**report_context(year=year, report=report), "logo_url": logo_url}
    return render_to_string(TEMPLATE, context)


def report_document_id(report: AnnualReport) -> uuid.UUID:
    """The XMP DocumentID: the same for every version of one municipality's year."""
    name = f"intl_portal:annual-report:{Municipality.current().name}:{report.year}"
    return uuid.uuid5(uuid.NAMESPACE_URL, name)


def render_report(*, report: AnnualReport) -> tuple[bytes, int]:
    """The PDF bytes (PDF/A-2a and PDF/UA-1) and page count, in the active language."""
    pdf, pages, _docx = render_report_files(report=report, word=False)
    return pdf, pages


def render_report_files(*, report: AnnualReport, word: bool = True) -> tuple[bytes, int, bytes]:
    """The PDF, its page count and the Word copy, from one reading of the year's data."""
    # Imported here, not at the top: WeasyPrint takes seconds to import (Pango, fonts), and
    # only the worker renders; the web processes that import this module for the preview never
    # need it.
    from intl_portal.lib.pdf import release_memory, render_pdf, resource_url  # noqa: PLC0415

    logo = report_logo()
    resources = {"logo": logo} if logo else {}
    context = {
        **report_context(year=report.year, report=report),
        "logo_url": resource_url("logo") if logo else None,
    }
    html = render_to_string(TEMPLATE, context)
    archive = ArchiveInfo(
        document_id=report_document_id(report),
        language=report.language or "sv",
        created=timezone.now(),
        # A chart's figure is read out with its values and units, not only its title.
        figure_alts={
            str(c["title"]): c["alt"] for c in context["chapter_data"]["charts"]["charts"]
        },
    )
    pdf, pages = render_pdf(html, resources=resources, archive=archive)
    docx = build_docx(context, logo=logo) if word else b""
    release_memory()
    return pdf, pages, docx
