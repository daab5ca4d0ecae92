"""The municipality-wide project bank: projects, programmes and exchange rates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.expressions import Combinable
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_portal.organisation.models import Department, FocusArea, SustainableDevelopmentGoal
from intl_portal.organisation.reviewed import Reviewed
from partners.models import NetworkMembership, Partner


class FundingProgramme(models.Model):
    """An editable list: Erasmus+, Interreg, ESF+, Horizon Europe …"""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("finansieringsprogram")
        verbose_name_plural = _("finansieringsprogram")

    def __str__(self) -> str:
        return self.name


class Currency(models.TextChoices):
    SEK = "SEK", _("kronor (SEK)")
    EUR = "EUR", _("euro (EUR)")
    NOK = "NOK", _("norska kronor (NOK)")
    DKK = "DKK", _("danska kronor (DKK)")
    ISK = "ISK", _("isländska kronor (ISK)")
    GBP = "GBP", _("brittiska pund (GBP)")
    USD = "USD", _("amerikanska dollar (USD)")
    CHF = "CHF", _("schweizerfranc (CHF)")


class ExchangeRate(models.Model):
    """The yearly rate used to report amounts in SEK."""

    year = models.PositiveSmallIntegerField(_("år"))
    currency = models.CharField(_("valuta"), max_length=3, choices=Currency.choices)
    sek_per_unit = models.DecimalField(
        _("kronor per enhet"), max_digits=10, decimal_places=4, validators=[MinValueValidator(0)]
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "currency"]
        verbose_name = _("växelkurs")
        verbose_name_plural = _("växelkurser")
        constraints = [
            models.UniqueConstraint(fields=["year", "currency"], name="exchange_rate_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.currency}: {self.sek_per_unit}"


MONEY_VALIDATORS = [MinValueValidator(Decimal(0), message=_("Beloppet får inte vara negativt."))]


def money_field(
    verbose_name: Any,
) -> models.DecimalField[str | float | Decimal | Combinable | None, Decimal | None]:
    """An amount in whole units of the project's currency; unknown is blank, never 0."""
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
    )


class Project(Reviewed):
    class Role(models.TextChoices):
        LEAD = "lead", _("Huvudpartner (lead partner)")
        PARTNER = "partner", _("Partner")
        ASSOCIATE = "associate", _("Deltagare/associerad partner")

    class Phase(models.TextChoices):
        IDEA = "idea", _("Idé")
        APPLICATION = "application", _("Ansökan")
        GRANTED = "granted", _("Beviljat")
        REJECTED = "rejected", _("Avslag")
        ONGOING = "ongoing", _("Pågående")
        COMPLETED = "completed", _("Avslutat")
        CANCELLED = "cancelled", _("Avbrutet")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inskickat för granskning")
        RETURNED = "returned", _("Återsänt för komplettering")
        APPROVED = "approved", _("Godkänt i projektbanken")

    title = models.CharField(_("titel"), max_length=300)
    acronym = models.CharField(_("akronym"), max_length=50, blank=True)
    summary = models.TextField(
        _("sammanfattning"), blank=True, help_text=_("Markdown: rubriker, listor och länkar.")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("ägande förvaltning"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    project_lead = models.CharField(_("projektledare"), max_length=200, blank=True)
    role = models.CharField(
        _("kommunens roll"), max_length=20, choices=Role.choices, default=Role.PARTNER
    )
    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("finansieringsprogram"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    programme_strand = models.CharField(
        _("delprogram eller inriktning"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel Interreg Öresund-Kattegat-Skagerrak."),
    )
    programme_reference = models.CharField(
        _("programmets projektnummer"), max_length=100, blank=True
    )
    phase = models.CharField(_("fas"), max_length=20, choices=Phase.choices, default=Phase.IDEA)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    currency = models.CharField(
        _("valuta"), max_length=3, choices=Currency.choices, default=Currency.SEK
    )
    budget_total = money_field(_("total budget"))
    grant_amount = money_field(_("beviljat bidrag"))
    own_contribution = money_field(_("egen insats"))
    own_contribution_in_kind = money_field(_("insats i natura (arbetstid, lokaler)"))
    cofinancing_eu = models.BooleanField(_("EU-finansiering undersökt"), null=True, blank=True)
    cofinancing_nordic = models.BooleanField(
        _("nordisk finansiering undersökt"), null=True, blank=True
    )
    cofinancing_sida = models.BooleanField(_("Sida-finansiering undersökt"), null=True, blank=True)
    cofinancing_note = models.TextField(_("kommentar om medfinansiering"), blank=True)
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partner"), blank=True, related_name="projects"
    )
    networks = models.ManyToManyField(
        NetworkMembership, verbose_name=_("nätverk"), blank=True, related_name="projects"
    )
    focus_areas = models.ManyToManyField(FocusArea, verbose_name=_("fokusområden"), blank=True)
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("globala mål (Agenda 2030)"),
        blank=True,
        related_name="projects",
    )
    target_groups = models.CharField(_("målgrupper"), max_length=300, blank=True)
    participants_women = models.PositiveIntegerField(_("deltagare: kvinnor"), null=True, blank=True)
    participants_men = models.PositiveIntegerField(_("deltagare: män"), null=True, blank=True)
    participants_other = models.PositiveIntegerField(
        _("deltagare: annan könsidentitet eller ej angivet"), null=True, blank=True
    )
    participants_young = models.PositiveIntegerField(
        _("varav unga (13–30 år)"), null=True, blank=True
    )
    is_published = models.BooleanField(_("publicera på webbplatsen"), default=False)

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
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[partners, networks, focus_areas, sdgs])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_end_not_before_start",
                violation_error_message=_("Slutdatum kan inte vara före startdatum."),
            ),
            models.CheckConstraint(
                condition=models.Q(grant_amount__isnull=True)
                | models.Q(budget_total__isnull=True)
                | models.Q(grant_amount__lte=models.F("budget_total")),
                name="project_grant_not_above_total",
                violation_error_message=_("Bidraget kan inte vara större än den totala budgeten."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "is_published"]),
            # The bank's default order (SORTS["title"]): its first and last pages read no more
            # than a page of this index, at any size of the bank.
            models.Index(fields=["title", "id"], name="project_bank_title_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        """Submitted and approved projects are closed to department contacts."""
        return self.status in {self.Status.SUBMITTED, self.Status.APPROVED}

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_public(self) -> bool:
        return self.is_approved and self.is_published

    @property
    def participants_total(self) -> int | None:
        counts = [self.participants_women, self.participants_men, self.participants_other]
        if all(c is None for c in counts):
            return None
        return sum(c or 0 for c in counts)
