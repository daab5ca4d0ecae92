"""How people travelled to and from activities, and the emission factors that turn a trip into
CO₂e (Lidköping: nearby expertise before long trips, digital meetings wherever possible)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TravelMode(models.TextChoices):
    FLIGHT = "flight", _("Flyg")
    TRAIN = "train", _("Tåg")
    BUS = "bus", _("Buss")
    CAR = "car", _("Bil")
    FERRY = "ferry", _("Färja")
    DIGITAL = "digital", _("Digitalt möte (ingen resa)")


class EmissionFactor(models.Model):
    """Grams of CO₂e per kilometre for one way of travelling, with where the figure comes from.

    Per passenger-kilometre, except for the car, whose figure is per vehicle-kilometre and is
    shared by the travellers in the same car.
    """

    mode = models.CharField(_("färdsätt"), max_length=10, choices=TravelMode.choices, unique=True)
    grams_per_km = models.DecimalField(
        _("gram CO₂e per kilometer"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(5000))],
    )
    per_vehicle = models.BooleanField(
        _("per fordonskilometer"),
        default=False,
        help_text=_("Faktorn gäller per fordon (bil) och delas av resenärerna i samma fordon."),
    )
    vehicle_capacity = models.PositiveSmallIntegerField(
        _("resenärer per fordon"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Används bara för faktorer per fordonskilometer."),
    )
    source = models.CharField(_("källa"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("gäller från år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["mode"]
        verbose_name = _("emissionsfaktor")
        verbose_name_plural = _("emissionsfaktorer")

    def __str__(self) -> str:
        return str(self.get_mode_display())
