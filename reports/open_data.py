"""What the action plans publish as open data: the published annual reports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intl_portal.lib import opendata
from intl_portal.lib.opendata import Field
from intl_portal.lib.text import markdown_to_plain_text

from . import selectors


def _report_rows(absolute: Callable[[str], str]) -> Iterable[dict[str, Any]]:
    for r in selectors.published_reports():
        yield {
            "id": r.pk,
            "year": r.year,
            "version": r.version,
            "title": r.title or f"Internationellt arbete {r.year}",
            "language": r.language,
            "case_number": r.case_number,
            "published_date": timezone.localdate(r.published_at) if r.published_at else None,
            "pages": r.pages,
            "summary": markdown_to_plain_text(r.summary),
            "pdf_url": absolute(reverse("public_reports:public-report-download", args=[r.pk])),
        }


REPORTS = opendata.Dataset(
    name="reports",
    title=_("Årsrapporter om det internationella arbetet"),
    description=_(
        "Publicerade versioner av kommunens årliga rapport om det internationella arbetet, "
        "med länk till rapporten som PDF."
    ),
    fields=(
        opendata.ID,
        Field("year", "integer", _("år"), _("Året rapporten gäller."), True),
        Field("version", "integer", _("version"), _("Rapportens versionsnummer för året."), True),
        Field("title", "string", _("titel"), _("Rapportens titel.")),
        Field("language", "string", _("språk"), _("Rapportens språk som kod: sv eller en.")),
        Field("case_number", "string", _("diarienummer"), _("Ärendets diarienummer.")),
        Field("published_date", "date", _("publicerad"), _("Dagen rapporten publicerades.")),
        Field("pages", "integer", _("sidor"), _("Antal sidor i PDF-filen.")),
        Field("summary", "string", _("sammanfattning"), _("Rapportens sammanfattning, ren text.")),
        Field("pdf_url", "string", _("PDF"), _("Adress där rapporten kan laddas ned som PDF.")),
    ),  # fmt: skip
    rows=_report_rows,
    themes=("GOVE",),
    keywords=(_("årsrapport"), _("uppföljning")),
)
