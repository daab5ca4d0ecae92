"""International activities: study visits, hosted visits and interns, conferences, events."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intl_portal.organisation.models import Department, SustainableDevelopmentGoal
from intl_portal.organisation.reviewed import Reviewed

from .project import Project
from .travel import TravelMode


class Activity(Reviewed):
    class Kind(models.TextChoices):
        STUDY_VISIT = "study_visit", _("Studiebesök (utresa)")
        HOSTED_VISIT = "hosted_visit", _("Mottaget besök (värdskap)")
        INTERN = "intern", _("Praktikant (värdskap)")
        CONFERENCE = "conference", _("Konferens")
        EVENT = "event", _("Evenemang")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inskickat för granskning")
        RETURNED = "returned", _("Återsänt för komplettering")
        APPROVED = "approved", _("Godkänt")

    kind = models.CharField(_("typ av aktivitet"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("rubrik"), max_length=300)
    department = models.ForeignKey(
        Department,
        verbose_name=_("förvaltning"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("del av projekt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=200, blank=True)
    country = CountryField(_("land"), blank=True)
    participants = models.PositiveIntegerField(_("antal deltagare"), null=True, blank=True)
    participants_note = models.CharField(
        _("deltagare"),
        max_length=300,
        blank=True,
        help_text=_("Roller eller grupper, till exempel ”tre rektorer”. Skriv inga namn."),
    )
    purpose = models.TextField(_("syfte"), blank=True)
    value_gained = models.TextField(_("nytta och lärdomar"), blank=True)
    cost = models.DecimalField(
        _("kostnad (kr)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), message=_("Beloppet får inte vara negativt."))],
    )
    travel_mode = models.CharField(
        _("färdsätt"), max_length=10, choices=TravelMode.choices, blank=True
    )
    travel_distance_km = models.PositiveIntegerField(
        _("avstånd enkel resa (km)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(25000)],
        help_text=_("Lämna tomt om du anger varifrån och vart: då räknas avståndet ut."),
    )
    travel_from = models.CharField(_("reste från (ort i Sverige)"), max_length=200, blank=True)
    travel_to = models.CharField(
        _("reste till (ort i aktivitetens land)"), max_length=200, blank=True
    )
    round_trip = models.BooleanField(_("tur och retur"), default=True)
    computed_distance_km = models.PositiveIntegerField(
        _("beräknat avstånd (km)"), null=True, blank=True, editable=False
    )
    travellers = models.PositiveIntegerField(
        _("antal resenärer"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10000)],
        help_text=_("Lämna tomt om alla deltagare reste."),
    )
    considered_digital = models.BooleanField(
        _("övervägdes ett digitalt möte?"), null=True, blank=True
    )
    considered_nearer = models.BooleanField(
        _("övervägdes en partner på närmare håll?"), null=True, blank=True
    )
    flight_motivation = models.TextField(_("varför flyg?"), blank=True)
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("globala mål (Agenda 2030)"),
        blank=True,
        related_name="activities",
    )
    needs_political_anchoring = models.BooleanField(
        _("större konferens eller viktigt besök"),
        default=False,
        help_text=_("Kräver politisk förankring i kommunstyrelsens presidium."),
    )
    anchoring_date = models.DateField(_("presidiets beslutsdatum"), null=True, blank=True)
    anchoring_reference = models.CharField(
        _("presidiets beslut (paragraf eller diarienummer)"), max_length=100, blank=True
    )
    status = models.CharField(
        _("granskningsstatus"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="activity_end_not_before_start",
                violation_error_message=_("Slutdatum kan inte vara före startdatum."),
            ),
        ]
        indexes = [models.Index(fields=["start_date"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors = self.missing_flight_answers()
        if errors:
            raise ValidationError(errors)

    def missing_flight_answers(self) -> dict[str, str]:
        """Lidköping's rule: a study visit abroad by air records whether a digital meeting and
        a nearer partner were considered."""
        abroad = bool(self.country) and str(self.country) != "SE"
        if not (
            self.kind == self.Kind.STUDY_VISIT and self.travel_mode == TravelMode.FLIGHT and abroad
        ):
            return {}
        errors = {}
        if self.considered_digital is None:
            errors["considered_digital"] = str(
                _("Svara på om ett digitalt möte övervägdes innan ni valde att flyga.")
            )
        if self.considered_nearer is None:
            errors["considered_nearer"] = str(
                _("Svara på om en partner på närmare håll övervägdes innan ni valde att flyga.")
            )
        return errors

    @property
    def is_locked(self) -> bool:
        return self.status in {self.Status.SUBMITTED, self.Status.APPROVED}

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def anchoring_missing(self) -> bool:
        return self.needs_political_anchoring and not (
            self.anchoring_date and self.anchoring_reference
        )


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's secret link to the read-only iCal feed; a new link revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("nyckel"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("skapad"), auto_now=True)
    # The secret itself is kept out of the audit history.
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("kalenderlänk")
        verbose_name_plural = _("kalenderlänkar")

    def __str__(self) -> str:
        return str(self.user)
