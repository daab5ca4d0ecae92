"""The annual report job: one row per requested report, its state and its numbered PDF."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def report_upload_to(instance: AnnualReport, filename: str) -> str:
    """`reports/YEAR/arsrapport-YEAR-ID.pdf` or `.docx`: one fixed name per row and kind.

    Never a user-supplied name: year, row id and the kind's extension only. The extension is
    kept apart per kind so the PDF and its Word copy never compete for the same name (which
    made the storage give the second file a suffixed name).
    """
    extension = "docx" if filename.lower().endswith(".docx") else "pdf"
    return f"reports/{instance.year}/arsrapport-{instance.year}-{instance.pk}.{extension}"


class AnnualReport(models.Model):
    """One requested generation of a year's report: the job and, when done, a version."""

    class Language(models.TextChoices):
        SWEDISH = "sv", _("Svenska")
        ENGLISH = "en", _("Engelska")

    class State(models.TextChoices):
        QUEUED = "queued", _("I kö")
        RUNNING = "running", _("Skapas")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    year = models.PositiveSmallIntegerField(_("år"))
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.QUEUED)
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    failure_reason = models.TextField(_("orsak till fel"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    # The Celery task id of the delivery that holds the running job (see services.report_claim).
    claim_token = models.CharField(max_length=64, blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beställd av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    started_at = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    enqueued_at = models.DateTimeField(_("lagd i kö"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=report_upload_to, blank=True)
    pages = models.PositiveIntegerField(_("sidor"), null=True, blank=True)
    # The stored PDF's SHA-256 (hex), so an archived copy can be checked against this row.
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    # The Word copy rendered by the worker from the same data, and its SHA-256.
    docx = models.FileField(_("Word-fil"), upload_to=report_upload_to, blank=True)
    docx_sha256 = models.CharField(
        _("SHA-256 för Word-filen"), max_length=64, blank=True, editable=False
    )
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    # Options chosen on the request form; the worker renders exactly these.
    language = models.CharField(
        _("språk"), max_length=5, choices=Language.choices, default=Language.SWEDISH
    )
    title = models.CharField(
        _("titel"), max_length=200, blank=True, help_text=_("Tomt: Internationellt arbete ÅR.")
    )
    case_number = models.CharField(_("diarienummer"), max_length=50, blank=True)
    summary = models.TextField(
        _("sammanfattning"),
        blank=True,
        help_text=_("Samordnarens text i rapportens sammanfattning. Markdown är tillåtet."),
    )

    class Meta:
        ordering = ["-year", "-requested_at"]
        verbose_name = _("årsrapport")
        verbose_name_plural = _("årsrapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "version"], name="report_unique_version_per_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="done") | models.Q(version__isnull=False),
                name="report_done_has_version",
            ),
        ]

    def __str__(self) -> str:
        if self.version:
            return str(
                _("Årsrapport %(year)s, version %(v)s") % {"year": self.year, "v": self.version}
            )
        return str(_("Årsrapport %(year)s") % {"year": self.year})

    @property
    def is_done(self) -> bool:
        return self.state == self.State.DONE and bool(self.pdf)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_failed(self) -> bool:
        return self.state == self.State.FAILED

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}
