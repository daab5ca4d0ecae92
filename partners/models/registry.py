"""Partners abroad, partnerships with them, their people, evaluations and documents."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intl_portal.lib import uploads
from intl_portal.organisation.models import Department, FocusArea, SustainableDevelopmentGoal

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class Partner(models.Model):
    """A municipality or organisation abroad."""

    name = models.CharField(_("namn"), max_length=200)
    country = CountryField(_("land"))
    region = models.CharField(_("region"), max_length=200, blank=True)
    website = models.URLField(_("webbplats"), blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)
    latitude = models.DecimalField(
        _("latitud"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Grader, t.ex. 55.4426. Föreslås från ortregistret när fältet lämnas tomt."),
    )
    longitude = models.DecimalField(
        _("longitud"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Grader, t.ex. 11.7901 (väster om Greenwich negativt)."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partner")
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="partner_unique_name_country")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.name})"  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)


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
    since_year = models.PositiveSmallIntegerField(
        _("sedan år"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    decision_body = models.CharField(
        _("beslutat av"), max_length=10, choices=DecisionBody.choices, blank=True
    )
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decision_paragraph = models.CharField(_("paragraf (§)"), max_length=20, blank=True)
    case_number = models.CharField(_("diarienummer"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    ended_decision_body = models.CharField(
        _("avslutad genom beslut av"), max_length=10, choices=DecisionBody.choices, blank=True
    )
    ended_decision_date = models.DateField(_("datum för beslut om avslut"), null=True, blank=True)
    ended_decision_paragraph = models.CharField(
        _("paragraf (§) för avslut"), max_length=20, blank=True
    )
    ended_case_number = models.CharField(_("diarienummer för avslut"), max_length=50, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("ansvarig förvaltning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
    )
    political_contact = models.CharField(
        _("politisk kontakt"),
        max_length=200,
        blank=True,
        help_text=_("Uppdraget, till exempel kommunfullmäktiges ordförande."),
    )
    focus_areas = models.ManyToManyField(FocusArea, verbose_name=_("fokusområden"), blank=True)
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("globala mål (Agenda 2030)"),
        blank=True,
        related_name="partnerships",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("förvaltningsansvarig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Den som ansvarar för relationen. Ändras genom en överlämning."),
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ersättare"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_political_contact = models.DateField(
        _("senaste kontakt med politisk ledning"), null=True, blank=True
    )
    last_activity = models.DateField(_("senaste aktivitet"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    is_published = models.BooleanField(_("publicerad på webbplatsen"), default=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True, null=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[focus_areas, sdgs])

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("partnerskap")
        verbose_name_plural = _("partnerskap")

    def __str__(self) -> str:
        return f"{self.partner.name} – {self.get_kind_display()}"

    @property
    def is_department_contact(self) -> bool:
        return self.kind == self.Kind.DEPARTMENT

    def last_contact_any(self) -> datetime.date | None:
        dates = [d for d in (self.last_political_contact, self.last_activity) if d]
        return max(dates) if dates else None


class ContactPerson(models.Model):
    """A person at the partner or in our organisation. Personal data: internal only."""

    class Side(models.TextChoices):
        PARTNER = "partner", _("Hos partnern")
        OWN = "own", _("I kommunen")

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnerskap"),
        on_delete=models.CASCADE,
        related_name="contact_persons",
    )
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("roll eller titel"), max_length=200, blank=True)
    side = models.CharField(_("sida"), max_length=10, choices=Side.choices, default=Side.PARTNER)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name


class PartnershipEvaluation(models.Model):
    """A continuous evaluation of a partnership (Lilla Edet point 6)."""

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnerskap"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    date = models.DateField(_("datum"))
    benefit = models.TextField(_("nytta för kommunen"))
    conclusion = models.TextField(_("slutsats"))
    next_step = models.TextField(_("nästa steg"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utvärderad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("utvärdering")
        verbose_name_plural = _("utvärderingar")

    def __str__(self) -> str:
        return f"{self.partnership} {self.date:%Y-%m-%d}"


class PoliticalContact(models.Model):
    """One contact with a partner's political leadership: the log that "last contact" and the
    dormancy come from (it replaced a single date field that each contact overwrote)."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Besök")
        MEETING = "meeting", _("Möte")
        DIGITAL = "digital", _("Digitalt")

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnerskap"),
        on_delete=models.CASCADE,
        related_name="political_contacts",
    )
    date = models.DateField(_("datum"))
    participants = models.CharField(_("vilka som möttes"), max_length=300, blank=True)
    kind = models.CharField(_("hur"), max_length=10, choices=Kind.choices, blank=True)
    agreed = models.TextField(_("vad som överenskoms"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("kontakt med politisk ledning")
        verbose_name_plural = _("kontakter med politisk ledning")

    def __str__(self) -> str:
        return f"{self.partnership} {self.date:%Y-%m-%d}"


def document_path(instance: object, filename: str) -> str:
    """Never the user's file name: a generated one under a private folder."""
    return uploads.storage_name(f"private/partnerships/{getattr(instance, 'partnership_id', 0)}")


class PartnershipDocument(models.Model):
    """A document of a partnership, typically the signed agreement. Private file."""

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnerskap"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(
        _("fil"),
        upload_to=document_path,
        max_length=300,
    )
    is_agreement = models.BooleanField(_("undertecknat avtal"), default=True)
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")

    def __str__(self) -> str:
        return self.title


class TwinTownMeeting(models.Model):
    """One year of the twin-town meeting rotation: theme and host."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True, validators=YEAR_VALIDATORS)
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
    notes = models.TextField(_("anteckningar"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = _("vänortsmöte")
        verbose_name_plural = _("vänortsmöten")

    def __str__(self) -> str:
        return f"{self.year}: {self.theme}"
