"""Network and organisation memberships, their yearly benefit analyses and reports."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_portal.organisation.models import FocusArea, SustainableDevelopmentGoal

from .registry import YEAR_VALIDATORS, DecisionBody

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


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
    website = models.URLField(_("webbplats"), blank=True)
    decided_by = models.CharField(
        _("beslutat av"), max_length=10, choices=DecisionBody.choices, blank=True
    )
    member_since = models.PositiveSmallIntegerField(
        _("medlem sedan"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    yearly_fee_sek = models.DecimalField(
        _("årsavgift (kr)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representanter"),
        blank=True,
        related_name="network_memberships",
    )
    focus_areas = models.ManyToManyField(FocusArea, verbose_name=_("fokusområden"), blank=True)
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("globala mål (Agenda 2030)"),
        blank=True,
        related_name="memberships",
    )
    member_partners = models.ManyToManyField(
        "partners.Partner",
        verbose_name=_("medlemsorter på kartan"),
        related_name="network_memberships",
        blank=True,
        help_text=_("Andra medlemmars orter som visas på kartan över partnerorter."),
    )
    is_active = models.BooleanField(_("aktivt medlemskap"), default=True)
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
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[focus_areas, sdgs])

    class Meta:
        ordering = ["name"]
        verbose_name = _("nätverksmedlemskap")
        verbose_name_plural = _("nätverksmedlemskap")

    def __str__(self) -> str:
        return self.name


class BenefitAnalysis(models.Model):
    """Skövde: the yearly analysis of a membership's benefit, 1–5 on four criteria."""

    class Recommendation(models.TextChoices):
        KEEP = "keep", _("Behåll")
        REVIEW = "review", _("Se över")
        LEAVE = "leave", _("Lämna")

    CRITERIA = ("quality", "influence", "participation", "utilisation")

    membership = models.ForeignKey(
        NetworkMembership,
        verbose_name=_("medlemskap"),
        on_delete=models.CASCADE,
        related_name="analyses",
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    quality = models.PositiveSmallIntegerField(
        _("kvalitet på erfarenhetsutbyten (1–5)"), validators=SCORE_VALIDATORS
    )
    quality_comment = models.TextField(_("kommentar om kvalitet"), blank=True)
    influence = models.PositiveSmallIntegerField(
        _("möjlighet till påverkan (1–5)"), validators=SCORE_VALIDATORS
    )
    influence_comment = models.TextField(_("kommentar om påverkan"), blank=True)
    participation = models.PositiveSmallIntegerField(
        _("egen medverkansnivå (1–5)"), validators=SCORE_VALIDATORS
    )
    participation_comment = models.TextField(_("kommentar om medverkan"), blank=True)
    utilisation = models.PositiveSmallIntegerField(
        _("nyttjandegrad (1–5)"), validators=SCORE_VALIDATORS
    )
    utilisation_comment = models.TextField(_("kommentar om nyttjande"), blank=True)
    recommendation = models.CharField(
        _("rekommendation"), max_length=10, choices=Recommendation.choices
    )
    summary = models.TextField(_("sammanfattning"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("analyserad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership__name", "-year"]
        verbose_name = _("nyttoanalys")
        verbose_name_plural = _("nyttoanalyser")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "year"], name="benefit_analysis_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.year}"

    @property
    def status_class(self) -> str:
        """The badge colour portal.css already has for the same meaning."""
        return {"keep": "active", "review": "dormant", "leave": "ended"}[self.recommendation]

    @property
    def total(self) -> int:
        return self.quality + self.influence + self.participation + self.utilisation


class NetworkReport(models.Model):
    """A representative's report of the network's activity (Skövde)."""

    membership = models.ForeignKey(
        NetworkMembership,
        verbose_name=_("medlemskap"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    date = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=200)
    text = models.TextField(_("rapport"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rapporterad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("rapport från nätverk")
        verbose_name_plural = _("rapporter från nätverk")

    def __str__(self) -> str:
        return self.title
