"""The yearly action plan, its goals and follow-up, and the annual report's versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_portal.organisation.models import Department, FocusArea
from projects.models import Project


class ActionPlan(models.Model):
    """The municipality-wide action plan for one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PROPOSED = "proposed", _("Förslag")
        ADOPTED = "adopted", _("Fastställd")

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    title = models.CharField(_("titel"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")

    def __str__(self) -> str:
        return self.title or str(_("Handlingsplan %(year)s") % {"year": self.year})


class Goal(models.Model):
    """A measurable goal of the plan, owned by a department or by the municipality."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("handlingsplan"), on_delete=models.CASCADE, related_name="goals"
    )
    focus_area = models.ForeignKey(
        FocusArea, verbose_name=_("fokusområde"), on_delete=models.PROTECT, related_name="goals"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("ansvarig förvaltning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        help_text=_("Tomt för ett kommungemensamt mål."),
    )
    description = models.TextField(_("mål"))
    indicator = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("enhet"), max_length=50, blank=True)
    baseline = models.DecimalField(
        _("utgångsvärde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=2)
    projects = models.ManyToManyField(
        Project, verbose_name=_("kopplade projekt"), blank=True, related_name="goals"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["focus_area__name", "pk"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_locked(self) -> bool:
        return self.plan.status == ActionPlan.Status.ADOPTED


class GoalOutcome(models.Model):
    """The follow-up of one goal: outcome, status and comment."""

    class Status(models.TextChoices):
        ACHIEVED = "achieved", _("Uppnått")
        PARTLY = "partly", _("Delvis uppnått")
        NOT_ACHIEVED = "not_achieved", _("Inte uppnått")
        NOT_STARTED = "not_started", _("Inte påbörjat")

    goal = models.OneToOneField(
        Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="outcome"
    )
    value = models.DecimalField(_("utfall"), max_digits=14, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rapporterad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("rapporterad"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")

    def __str__(self) -> str:
        return f"{self.goal}: {self.value}"


def report_upload_to(instance: AnnualReport, filename: str) -> str:
    # Never a user-supplied name: year and row id only.
    return f"reports/{instance.year}/arsrapport-{instance.year}-{instance.pk}.pdf"


class AnnualReport(models.Model):
    """One requested generation of a year's report: the job and, when done, a version."""

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
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)

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
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}
