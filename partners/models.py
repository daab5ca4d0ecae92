"""Partners abroad, partnerships (twin towns, agreements) and network memberships."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intl_portal.organisation.models import Department, FocusArea


class Partner(models.Model):
    """A municipality or organisation abroad."""

    name = models.CharField(_("namn"), max_length=200)
    country = CountryField(_("land"))
    region = models.CharField(_("region"), max_length=200, blank=True)
    website = models.URLField(_("webbplats"), blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partner")
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="partner_unique_name_country")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.name})"


class DecisionBody(models.TextChoices):
    KF = "KF", _("Kommunfullmäktige")
    KS = "KS", _("Kommunstyrelsen")
    COMMITTEE = "namnd", _("Nämnd")


class Partnership(models.Model):
    class Kind(models.TextChoices):
        TWINNING = "twinning", _("Vänort (vänortsavtal)")
        COOPERATION = "cooperation", _("Samarbetsavtal")
        LINK = "link", _("Skol- eller vänskapsutbyte")
        DEPARTMENT = "department", _("Kontakt på förvaltningsnivå")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktiv")
        DORMANT = "dormant", _("Vilande")
        ENDED = "ended", _("Avslutad")

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="partnerships"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    since_year = models.PositiveSmallIntegerField(_("sedan år"), null=True, blank=True)
    decision_body = models.CharField(
        _("beslutat av"), max_length=10, choices=DecisionBody.choices, blank=True
    )
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decision_paragraph = models.CharField(_("paragraf (§)"), max_length=20, blank=True)
    case_number = models.CharField(_("diarienummer"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("ansvarig förvaltning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
    )
    focus_areas = models.ManyToManyField(FocusArea, verbose_name=_("fokusområden"), blank=True)
    last_political_contact = models.DateField(
        _("senaste kontakt med politisk ledning"), null=True, blank=True
    )
    description = models.TextField(_("beskrivning"), blank=True)
    is_published = models.BooleanField(_("publicerad på webbplatsen"), default=False)
    history = HistoricalRecords(m2m_fields=[focus_areas])

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("partnerskap")
        verbose_name_plural = _("partnerskap")

    def __str__(self) -> str:
        return f"{self.partner.name} – {self.get_kind_display()}"


class NetworkMembership(models.Model):
    """Membership of a network or organisation (Eurotowns, SERN, West Sweden …)."""

    class Scope(models.TextChoices):
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("Nationell")
        EUROPEAN = "european", _("Europeisk")
        GLOBAL = "global", _("Global")

    name = models.CharField(_("namn"), max_length=200, unique=True)
    scope = models.CharField(_("nivå"), max_length=10, choices=Scope.choices)
    description = models.TextField(_("beskrivning"), blank=True)
    decided_by = models.CharField(
        _("beslutat av"), max_length=10, choices=DecisionBody.choices, blank=True
    )
    member_since = models.PositiveSmallIntegerField(_("medlem sedan"), null=True, blank=True)
    yearly_fee_sek = models.DecimalField(
        _("årsavgift (kr)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    focus_areas = models.ManyToManyField(FocusArea, verbose_name=_("fokusområden"), blank=True)
    is_active = models.BooleanField(_("aktivt medlemskap"), default=True)
    history = HistoricalRecords(m2m_fields=[focus_areas])

    class Meta:
        ordering = ["name"]
        verbose_name = _("nätverksmedlemskap")
        verbose_name_plural = _("nätverksmedlemskap")

    def __str__(self) -> str:
        return self.name


class TwinTownMeeting(models.Model):
    """One year of the twin-town meeting rotation: theme and host."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    theme = models.CharField(_("tema"), max_length=200)
    host = models.ForeignKey(
        Partner,
        verbose_name=_("värd"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        help_text=_("Tomt när kommunen själv är värd."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = _("vänortsmöte")
        verbose_name_plural = _("vänortsmöten")

    def __str__(self) -> str:
        return f"{self.year}: {self.theme}"
