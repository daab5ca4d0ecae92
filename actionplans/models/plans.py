"""The action plan: governing documents, the yearly plan, its goals, department plans and
adopted versions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_portal.organisation.models import Department, FocusArea, SustainableDevelopmentGoal
from intl_portal.organisation.reviewed import Reviewed
from projects.models import Activity, Project


class WorkingMethod(models.Model):
    """A working method of the strategy, e.g. omvärldsanalys or värdskap."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("arbetssätt")
        verbose_name_plural = _("arbetssätt")

    def __str__(self) -> str:
        return self.name


# Statuses that have no colour of their own in portal.css borrow one with the same meaning.
STATUS_CSS = {
    "accepted": "approved",
    "ready": "done",
    "late": "failed",
    "in_progress": "running",
    "not_measured": "not_started",
    "open": "running",
    "closed": "completed",
}


def status_css(status: str) -> str:
    return STATUS_CSS.get(status, status)


REVISION_YEARS = 4  # Lilla Edet: revise at least every fourth year


class Strategy(models.Model):
    """A governing document (styrdokument) with Eskilstuna's header fields."""

    class Kind(models.TextChoices):
        PROGRAM = "program", _("Program")
        PLAN = "plan", _("Plan")
        POLICY = "policy", _("Policy")
        GUIDELINE = "guideline", _("Riktlinje")

    kind = models.CharField(_("dokumenttyp"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=300)
    adopted_by = models.CharField(
        _("beslutad av"), max_length=200, blank=True, help_text=_("T.ex. kommunfullmäktige.")
    )
    adopted_on = models.DateField(_("beslutad när"), null=True, blank=True)
    case_number = models.CharField(_("diarienummer"), max_length=50, blank=True)
    replaces = models.CharField(_("ersätter"), max_length=300, blank=True)
    applies_to = models.CharField(_("gäller för"), max_length=300, blank=True)
    valid_from = models.DateField(_("gäller fr.o.m."), null=True, blank=True)
    valid_until = models.DateField(
        _("gäller t.o.m."), null=True, blank=True, help_text=_("Tomt betyder tills vidare.")
    )
    owner = models.CharField(_("dokumentansvarig"), max_length=200, blank=True)
    follow_up = models.CharField(_("uppföljning"), max_length=300, blank=True)
    revision_due = models.DateField(
        _("revideras senast"),
        null=True,
        blank=True,
        help_text=_("Tomt: fyra år efter beslutet."),
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("fokusområden"), blank=True, related_name="strategies"
    )
    working_methods = models.ManyToManyField(
        WorkingMethod, verbose_name=_("arbetssätt"), blank=True, related_name="strategies"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")

    def __str__(self) -> str:
        return self.title

    @property
    def revision_overdue(self) -> bool:
        return self.revision_due is not None and self.revision_due < datetime.date.today()


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
    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("styrdokument"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
    )
    decision_body = models.CharField(_("beslutande organ"), max_length=100, blank=True)
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decision_paragraph = models.CharField(_("paragraf (§)"), max_length=20, blank=True)
    decision_case_number = models.CharField(_("diarienummer"), max_length=50, blank=True)
    revision_reason = models.TextField(
        _("skäl till ändringen"),
        blank=True,
        help_text=_("Satt medan en fastställd plan ändras; följer med nästa version."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
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
    activities = models.ManyToManyField(
        Activity, verbose_name=_("kopplade aktiviteter"), blank=True, related_name="goals"
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("globala mål (Agenda 2030)"),
        blank=True,
        related_name="goals",
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("överfört från"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
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


class DepartmentPlan(Reviewed):
    """One department's part of a year's plan: its goals, planned activities and budget."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inskickad")
        RETURNED = "returned", _("Återsänd för komplettering")
        ACCEPTED = "accepted", _("Godkänd")

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("handlingsplan"),
        on_delete=models.CASCADE,
        related_name="department_plans",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("förvaltning"),
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    activities = models.TextField(_("planerade aktiviteter"), blank=True)
    budget = models.DecimalField(
        _("budget (kr)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["department__name"]
        verbose_name = _("förvaltningsplan")
        verbose_name_plural = _("förvaltningsplaner")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "department"], name="department_plan_unique_per_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.plan.year}"

    @property
    def status_css(self) -> str:
        return status_css(self.status)

    @property
    def is_locked(self) -> bool:
        """Locked for the department's contacts: sent in, accepted, or the plan moved on."""
        return self.status in {self.Status.SUBMITTED, self.Status.ACCEPTED} or (
            self.plan.status != ActionPlan.Status.DRAFT
        )


class PlanVersion(models.Model):
    """An adopted version of a plan: a frozen snapshot with the decision and the reason."""

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("handlingsplan"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("versionsnummer"))
    reason = models.TextField(_("skäl"))
    snapshot = models.JSONField(_("innehåll"))
    decision_body = models.CharField(_("beslutande organ"), max_length=100)
    decision_date = models.DateField(_("beslutsdatum"))
    decision_paragraph = models.CharField(_("paragraf (§)"), max_length=20)
    decision_case_number = models.CharField(_("diarienummer"), max_length=50)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fastställd av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("planversion")
        verbose_name_plural = _("planversioner")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return str(_("Version %(n)s") % {"n": self.number})
