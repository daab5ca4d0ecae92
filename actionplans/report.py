"""The annual report document: data → HTML → PDF, used by the worker and `render_report`."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from intl_portal.lib.pdf import render_pdf

from .selectors import report_data


def report_html(*, year: int) -> str:
    context = {**report_data(year=year), "generated_at": timezone.localtime()}
    return render_to_string("actionplans/report/annual_report.html", context)


def render_report(*, year: int) -> tuple[bytes, int]:
    """The PDF bytes and page count of the year's report."""
    return render_pdf(report_html(year=year))
