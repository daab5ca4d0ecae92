"""The funding radar: calls for proposals, what they match, and who watches them.

Sits above actionplans (it reads plans' goals and the project bank) and below the report.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplans.models import Goal
from intl_portal.organisation.models import Department, FocusArea
from projects.models import Currency, FundingProgramme, Project
from projects.models.project import money_field


class CallStatus(models.TextChoices):
    FORTHCOMING = "forthcoming", _("Kommande")
    OPEN = "open", _("Öppen")
    CLOSED = "closed", _("Stängd")


class Call(models.Model):
    """A call for proposals (utlysning), from the EU portal, a template sheet or by hand."""

    class Source(models.TextChoices):
        EU_PORTAL = "eu_portal", _("EU:s Funding & Tenders-portal")
        UHR = "uhr", _("UHR (Erasmus+)")
        ICLD = "icld", _("ICLD")
        NORDPLUS = "nordplus", _("Nordplus")
        NORDEN = "norden", _("Nordiska ministerrådet")
        TILLVAXTVERKET = "tillvaxtverket", _("Tillväxtverket")
        INTERREG = "interreg", _("Interregsekretariat")
        SI = "si", _("Svenska institutet")
        MANUAL = "manual", _("Annan källa")

    class DeadlineModel(models.TextChoices):
        SINGLE = "single", _("En ansökningsomgång")
        TWO_STAGE = "two_stage", _("Två steg")

    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("finansieringsprogram"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
    )
    identifier = models.CharField(
        _("utlysningens eller ämnets id"),
        max_length=200,
        help_text=_("Till exempel ERASMUS-YOUTH-2027-YOUTH-TOG. Samma id uppdaterar utlysningen."),
    )
    title = models.CharField(_("titel"), max_length=500)
    summary = models.TextField(_("sammanfattning"), blank=True)
    opening_date = models.DateField(_("öppnar"), null=True, blank=True)
    deadline_model = models.CharField(
        _("ansökningsmodell"),
        max_length=20,
        choices=DeadlineModel.choices,
        default=DeadlineModel.SINGLE,
    )
    deadline = models.DateField(
        _("sista ansökningsdag"),
        null=True,
        blank=True,
        help_text=_("Vid två steg: sista dag för steg 1."),
    )
    deadline_second = models.DateField(_("sista dag för steg 2"), null=True, blank=True)
    closes_on = models.DateField(_("stänger"), null=True, blank=True, editable=False)
    currency = models.CharField(
        _("valuta"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    budget_total = money_field(_("total budget för utlysningen"))
    grant_min = money_field(_("bidrag per projekt från"))
    grant_max = money_field(_("bidrag per projekt upp till"))
    cofinancing_rate = models.DecimalField(
        _("finansieringsgrad (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Den andel av kostnaderna som bidraget täcker."),
    )
    eligible_applicants = models.CharField(
        _("vem får söka"),
        max_length=500,
        blank=True,
        help_text=_("Till exempel kommuner, skolor, föreningar."),
    )
    partners_abroad_required = models.BooleanField(
        _("kräver partner i andra länder"), null=True, blank=True
    )
    themes = models.CharField(
        _("teman"), max_length=1000, blank=True, help_text=_("Kommaseparerade ord.")
    )
    url = models.URLField(_("länk"), max_length=1000, blank=True)
    source = models.CharField(_("källa"), max_length=20, choices=Source.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["closes_on", "title"]
        verbose_name = _("utlysning")
        verbose_name_plural = _("utlysningar")
        constraints = [
            models.UniqueConstraint(fields=["source", "identifier"], name="call_unique_source_id"),
            models.CheckConstraint(
                condition=models.Q(grant_min__isnull=True)
                | models.Q(grant_max__isnull=True)
                | models.Q(grant_max__gte=models.F("grant_min")),
                name="call_grant_range",
                violation_error_message=_("Största bidraget kan inte vara mindre än det minsta."),
            ),
            models.CheckConstraint(
                condition=models.Q(deadline_second__isnull=True)
                | models.Q(deadline__isnull=True)
                | models.Q(deadline_second__gte=models.F("deadline")),
                name="call_second_stage_after_first",
                violation_error_message=_("Steg 2 kan inte sluta före steg 1."),
            ),
        ]
        indexes = [
            models.Index(fields=["closes_on", "id"], name="call_closes_order"),
            models.Index(fields=["programme", "closes_on"], name="call_programme_closes"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """Dates that fit together (a rule of the record, whoever saves it)."""
        errors: dict[str, str] = {}
        if self.deadline_model == self.DeadlineModel.TWO_STAGE and not self.deadline_second:
            errors["deadline_second"] = str(_("En utlysning i två steg behöver två datum."))
        if self.deadline_model == self.DeadlineModel.SINGLE and self.deadline_second:
            errors["deadline_second"] = str(
                _("Välj två steg om utlysningen har en andra tidsfrist.")
            )
        if self.opening_date and self.deadline and self.deadline < self.opening_date:
            errors["deadline"] = str(_("Sista ansökningsdag kan inte vara före öppningsdagen."))
        if errors:
            raise ValidationError(errors)

    @property
    def deadlines(self) -> list[datetime.date]:
        return [d for d in (self.deadline, self.deadline_second) if d is not None]

    def status_on(self, today: datetime.date) -> str:
        """Forthcoming before it opens, closed after its last deadline, otherwise open."""
        if self.opening_date and self.opening_date > today:
            return CallStatus.FORTHCOMING
        if self.closes_on and self.closes_on < today:
            return CallStatus.CLOSED
        return CallStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return str(CallStatus(self.status).label)

    def next_deadline_on(self, today: datetime.date) -> datetime.date | None:
        upcoming = [d for d in self.deadlines if d >= today]
        return upcoming[0] if upcoming else (self.closes_on or None)

    @property
    def next_deadline(self) -> datetime.date | None:
        return self.next_deadline_on(timezone.localdate())


class CallText(models.Model):
    """The searchable words of a call (derived, rewritten on every save of the call)."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="text")
    document = models.TextField(blank=True)

    class Meta:
        verbose_name = _("sökbar text")

    def __str__(self) -> str:
        return self.document[:60]


class MatchKeywords(models.Model):
    """Keywords in Swedish and English for a focus area or a goal of the plan."""

    focus_area = models.OneToOneField(
        FocusArea,
        verbose_name=_("fokusområde"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding_keywords",
    )
    goal = models.OneToOneField(
        Goal,
        verbose_name=_("mål"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding_keywords",
    )
    words_sv = models.TextField(_("nyckelord på svenska"), blank=True)
    words_en = models.TextField(_("nyckelord på engelska"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nyckelord")
        verbose_name_plural = _("nyckelord")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focus_area__isnull=True, goal__isnull=False)
                | models.Q(focus_area__isnull=False, goal__isnull=True),
                name="keywords_for_one_thing",
            )
        ]

    def __str__(self) -> str:
        return str(self.focus_area or self.goal)

    @property
    def words(self) -> list[str]:
        found: dict[str, None] = {}
        for text in (self.words_sv, self.words_en):
            for part in text.replace(";", ",").replace("\n", ",").split(","):
                word = part.strip().lower()
                if word:
                    found[word] = None
        return list(found)


class CallHit(models.Model):
    """Which words of one focus area or goal a call matched (derived by funding.matching)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="hits")
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    words = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["focus_area", "call"], name="callhit_area_call")]

    def __str__(self) -> str:
        return ", ".join(self.words)


class CallScore(models.Model):
    """A call's score for one department, or for the municipality (department empty)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="scores")
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    score = models.PositiveIntegerField(default=0)
    words = models.JSONField(default=list)
    programme_match = models.BooleanField(default=False)
    # The call's last deadline (NO_DEADLINE when it has none: sorted last, never closed),
    # copied here so that the radar's order by deadline and its status filter read one
    # index range instead of sorting every call (set by funding.matching).
    deadline_key = models.DateField(default=datetime.date.max)
    # The department's id, 0 for the municipality: an equality the indexes can order by (an
    # IS NULL condition cannot give PostgreSQL an ordered index scan).
    department_key = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["call", "department"],
                name="callscore_once",
                nulls_distinct=False,
            )
        ]
        indexes = [
            models.Index(fields=["department_key", "-score", "call"], name="callscore_rank"),
            models.Index(
                fields=["department_key", "deadline_key", "call"], name="callscore_deadline"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call_id}: {self.score}"


class CallInterest(models.Model):
    """A department's mark on a call: interesting, or not relevant."""

    class Mark(models.TextChoices):
        INTERESTED = "interested", _("Intressant")
        NOT_RELEVANT = "not_relevant", _("Inte aktuell")

    call = models.ForeignKey(
        Call, verbose_name=_("utlysning"), on_delete=models.CASCADE, related_name="interests"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("förvaltning"), on_delete=models.CASCADE, related_name="+"
    )
    mark = models.CharField(_("markering"), max_length=20, choices=Mark.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("markerad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("markerad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bevakning")
        verbose_name_plural = _("bevakningar")
        constraints = [models.UniqueConstraint(fields=["call", "department"], name="interest_once")]

    def __str__(self) -> str:
        return f"{self.department}: {self.call}"


class CallIdea(models.Model):
    """A project idea started from a call ("Starta projektidé")."""

    call = models.ForeignKey(
        Call, verbose_name=_("utlysning"), on_delete=models.PROTECT, related_name="ideas"
    )
    project = models.OneToOneField(
        Project, verbose_name=_("projekt"), on_delete=models.CASCADE, related_name="from_call"
    )
    created_at = models.DateTimeField(_("startad"), auto_now_add=True)

    class Meta:
        verbose_name = _("projektidé från utlysning")
        verbose_name_plural = _("projektidéer från utlysningar")

    def __str__(self) -> str:
        return f"{self.call} → {self.project}"


class CallReminder(models.Model):
    """A deadline reminder sent to a department: at most one per deadline, day count and
    department (30 and 7 days before)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reminders")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField(_("tidsfrist"))
    days_before = models.PositiveSmallIntegerField(_("dagar före"))
    sent_on = models.DateField(_("skickad"))
    recipients = models.TextField(_("mottagare"))

    class Meta:
        verbose_name = _("påminnelse om utlysning")
        verbose_name_plural = _("påminnelser om utlysningar")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "department", "deadline", "days_before"],
                name="call_reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.call} {self.department} {self.deadline} −{self.days_before}"
