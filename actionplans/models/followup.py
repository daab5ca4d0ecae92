"""The follow-up of an adopted plan: rounds, departments' parts, reminders and goal outcomes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_portal.organisation.models import Department
from intl_portal.organisation.reviewed import Reviewed

from .plans import ActionPlan, Goal, status_css


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


class FollowUpPart(Reviewed):
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
