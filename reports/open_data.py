"""What the action plans publish as open data: the published annual reports."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionplans.models import AnnualReport
from intl_portal.lib import opendata
from intl_portal.lib.columns import Column, Columns, published
from intl_portal.lib.text import markdown_to_plain_text

from . import selectors

# Open data only: the reports have no export and no import.
REPORT_COLUMNS: Columns[AnnualReport] = Columns((
    Column("id", field=opendata.ID, publish=lambda r: r.pk),
    published("year", "integer", _("år"), _("Året rapporten gäller."), required=True),
    published(
        "version", "integer", _("version"), _("Rapportens versionsnummer för året."),
        required=True,
    ),
    published(
        "title", "string", _("titel"), _("Rapportens titel."),
        lambda r: r.title or f"Internationellt arbete {r.year}",
    ),
    published("language", "string", _("språk"), _("Rapportens språk som kod: sv eller en.")),
    published("case_number", "string", _("diarienummer"), _("Ärendets diarienummer.")),
    published(
        "published_date", "date", _("publicerad"), _("Dagen rapporten publicerades."),
        lambda r: timezone.localdate(r.published_at) if r.published_at else None,
    ),
    published("pages", "integer", _("sidor"), _("Antal sidor i PDF-filen.")),
    published(
        "summary", "string", _("sammanfattning"), _("Rapportens sammanfattning, ren text."),
        lambda r: markdown_to_plain_text(r.summary),
    ),
    published(
        "pdf_url", "string", _("PDF"), _("Adress där rapporten kan laddas ned som PDF."),
        lambda r: reverse("public_reports:public-report-download", args=[r.pk]), link=True,
    ),
))  # fmt: skip

REPORTS = REPORT_COLUMNS.dataset(
    selectors.published_reports,
    name="reports",
    title=_("Årsrapporter om det internationella arbetet"),
    description=_(
        "Publicerade versioner av kommunens årliga rapport om det internationella arbetet, "
        "med länk till rapporten som PDF."
    ),
    themes=("GOVE",),
    keywords=(_("årsrapport"), _("uppföljning")),
)
