"""The yearly action plan, its goals and follow-up, and the annual report's versions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_portal.organisation.models import Department, FocusArea
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


class DepartmentPlan(models.Model):
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
    review_comment = models.TextField(_("kommentar från samordnaren"), blank=True)
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


class FollowUpRound(models.Model):
    """The year's follow-up: opened by the coordinator with a deadline, then closed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Öppen")
        CLOSED = "closed", _("Stängd")

    plan = models.OneToOneField(
        ActionPlan,
        verbose_name=_("handlingsplan"),
        on_delete=models.CASCADE,
        related_name="followup_round",
    )
    deadline = models.DateField(_("sista dag för rapportering"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("öppnad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("öppnad"), auto_now_add=True)
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-plan__year"]
        verbose_name = _("uppföljningsomgång")
        verbose_name_plural = _("uppföljningsomgångar")

    def __str__(self) -> str:
        return str(_("Uppföljning %(year)s") % {"year": self.plan.year})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def status_css(self) -> str:
        return status_css(self.status)


class FollowUpPart(models.Model):
    """One department's part of a follow-up round."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Ej påbörjad")
        IN_PROGRESS = "in_progress", _("Pågår")
        READY = "ready", _("Klar för granskning")
        RETURNED = "returned", _("Återsänd för komplettering")
        ACCEPTED = "accepted", _("Godkänd")
        NOT_REPORTED = "not_reported", _("Ej rapporterat")

    round = models.ForeignKey(
        FollowUpRound,
        verbose_name=_("uppföljningsomgång"),
        on_delete=models.CASCADE,
        related_name="parts",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("förvaltning"),
        on_delete=models.PROTECT,
        related_name="followup_parts",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    ready_at = models.DateTimeField(_("markerad klar"), null=True, blank=True)
    review_comment = models.TextField(_("kommentar från samordnaren"), blank=True)
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    not_reported_reason = models.TextField(_("skäl till att delen inte rapporterades"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["department__name"]
        verbose_name = _("förvaltningens uppföljning")
        verbose_name_plural = _("förvaltningarnas uppföljningar")
        constraints = [
            models.UniqueConstraint(fields=["round", "department"], name="followup_part_unique")
        ]

    def __str__(self) -> str:
        return f"{self.department} – {self.round}"

    @property
    def is_locked(self) -> bool:
        """Contacts report only while the round is open and the part is not sent in."""
        return not self.round.is_open or self.status in {self.Status.READY, self.Status.ACCEPTED}

    @property
    def is_done(self) -> bool:
        return self.status in {self.Status.READY, self.Status.ACCEPTED}

    @property
    def status_css(self) -> str:
        return status_css(self.status)

    @property
    def board_css(self) -> str:
        return status_css(self.board_state[0])

    @property
    def was_late(self) -> bool:
        deadline = self.round.deadline
        if self.ready_at is not None:
            return timezone.localdate(self.ready_at) > deadline
        return timezone.localdate() > deadline

    @property
    def board_state(self) -> tuple[str, str]:
        """The progress board's word for the part: (css key, label)."""
        if self.status == self.Status.ACCEPTED:
            return "accepted", str(_("Godkänd"))
        if self.status == self.Status.NOT_REPORTED:
            return "not_reported", str(_("Ej rapporterat"))
        if self.status == self.Status.READY:
            late = self.was_late
            return ("late", str(_("Klar, men sent"))) if late else ("ready", str(_("Klar")))
        if timezone.localdate() > self.round.deadline:
            return "late", str(_("Försenad"))
        words = {
            self.Status.RETURNED: ("returned", _("Återsänd")),
            self.Status.IN_PROGRESS: ("in_progress", _("Pågår")),
        }
        key, label = words.get(self.status, ("not_started", _("Ej påbörjad")))  # type: ignore[call-overload]
        return key, str(label)


class FollowUpReminder(models.Model):
    """A reminder e-mail sent for a part: at most one per part and day."""

    part = models.ForeignKey(
        FollowUpPart,
        verbose_name=_("uppföljning"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    sent_on = models.DateField(_("skickad"))
    days_before = models.IntegerField(_("dagar före tidsfristen"))
    recipients = models.TextField(_("mottagare"))

    class Meta:
        ordering = ["-sent_on"]
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        constraints = [
            models.UniqueConstraint(fields=["part", "sent_on"], name="reminder_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.part} {self.sent_on}"


class GoalOutcome(models.Model):
    """The follow-up of one goal: outcome, status and comment."""

    class Status(models.TextChoices):
        ACHIEVED = "achieved", _("Uppnått")
        PARTLY = "partly", _("Delvis uppnått")
        NOT_ACHIEVED = "not_achieved", _("Inte uppnått")
        NOT_STARTED = "not_started", _("Inte påbörjat")
        NOT_MEASURED = "not_measured", _("Inte mätt")

    class Trend(models.TextChoices):
        BETTER = "better", _("Bättre")
        SAME = "same", _("Oförändrad")
        WORSE = "worse", _("Sämre")

    goal = models.OneToOneField(
        Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="outcome"
    )
    value = models.DecimalField(_("utfall"), max_digits=14, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    trend = models.CharField(_("trend"), max_length=10, choices=Trend.choices, blank=True)
    comment = models.TextField(_("analys och kommentar"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
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

    @property
    def status_css(self) -> str:
        return status_css(self.status)


def report_upload_to(instance: AnnualReport, filename: str) -> str:
    # Never a user-supplied name: year and row id only.
    return f"reports/{instance.year}/arsrapport-{instance.year}-{instance.pk}.pdf"


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
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}
