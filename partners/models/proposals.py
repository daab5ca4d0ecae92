"""Before a partnership: selection analyses (Lidköping) and public proposals (Värmdö).
After a person asks: the erasure log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intl_portal.organisation.models import Committee

from .registry import DecisionBody, Partner, Partnership


class SelectionAnalysis(models.Model):
    """Benefit and risk analysis before a new cooperation starts (Lidköping)."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Inte beslutad")
        APPROVED = "approved", _("Samarbete inleds")
        REJECTED = "rejected", _("Samarbete inleds inte")

    title = models.CharField(_("rubrik"), max_length=200)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("tänkt partner"),
        on_delete=models.PROTECT,
        related_name="selection_analyses",
    )
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnerskap som blev resultatet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="selection_analyses",
    )
    purpose_and_goals = models.TextField(_("syfte och mål med samarbetet"))
    grounds_for_choice = models.TextField(_("grund för valet av samarbetspart"))
    expected_benefit = models.TextField(_("förväntad nytta"))
    risk_environment = models.TextField(_("risker: miljöpåverkan"))
    risk_security = models.TextField(_("risker: säkerhet"))
    risk_democracy = models.TextField(_("risker: demokrati och mänskliga rättigheter"))
    sources = models.TextField(
        _("källor som har använts"),
        help_text=_("Till exempel Utrikesdepartementets rapport om mänskliga rättigheter."),
    )
    decision = models.CharField(
        _("beslut"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decision_body = models.CharField(
        _("beslutat av"), max_length=10, choices=DecisionBody.choices, blank=True
    )
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decision_note = models.TextField(_("motivering till beslutet"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("upprättad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("upprättad"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("urvalsanalys")
        verbose_name_plural = _("urvalsanalyser")

    def __str__(self) -> str:
        return self.title

    @property
    def status_class(self) -> str:
        """The badge colour portal.css already has for the same meaning."""
        return {"pending": "draft", "approved": "approved", "rejected": "rejected"}[self.decision]


class TwinTownProposal(models.Model):
    """A proposal for a new twin town from a committee or a resident (Värmdö)."""

    class ProposerKind(models.TextChoices):
        RESIDENT = "resident", _("Invånare")
        COMMITTEE = "committee", _("Nämnd eller styrelse")
        ORGANISATION = "organisation", _("Förening eller organisation")

    class Status(models.TextChoices):
        NEW = "new", _("Ny")
        REVIEWING = "reviewing", _("Under beredning")
        CLOSED = "closed", _("Avslutad")

    proposer_kind = models.CharField(
        _("förslaget kommer från"), max_length=20, choices=ProposerKind.choices
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("nämnd"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposer_name = models.CharField(_("ditt namn"), max_length=200)
    proposer_email = models.EmailField(_("din e-postadress"))
    town = models.CharField(_("föreslagen ort"), max_length=200)
    country = CountryField(_("land"))
    motivation = models.TextField(_("varför föreslår du orten?"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    coordinator_note = models.TextField(_("samordnarens anteckning"), blank=True)
    received_at = models.DateTimeField(_("mottaget"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("förslag på vänort")
        verbose_name_plural = _("förslag på vänorter")

    def __str__(self) -> str:
        return f"{self.town} ({self.country.name})"  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)

    @property
    def status_class(self) -> str:
        """The badge colour portal.css already has for the same meaning."""
        return {"new": "submitted", "reviewing": "running", "closed": "completed"}[self.status]


class ErasureLog(models.Model):
    """That personal data was erased, by whom, when and why. Never what was erased."""

    erased_at = models.DateTimeField(_("raderat"), auto_now_add=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raderat av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("skäl"))
    rows_erased = models.PositiveIntegerField(_("antal raderade rader"))
    history_rows_erased = models.PositiveIntegerField(_("antal raderade historikrader"))

    class Meta:
        ordering = ["-erased_at", "-pk"]
        verbose_name = _("radering av personuppgifter")
        verbose_name_plural = _("raderingar av personuppgifter")

    def __str__(self) -> str:
        return f"{self.erased_at:%Y-%m-%d %H:%M}"
