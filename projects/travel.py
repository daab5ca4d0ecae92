"""Travel climate: the distance of a trip, its CO₂e from the emission factors, the year's figures.

One place computes a trip's emissions, read when shown (so a corrected factor corrects every
figure). An unknown mode, distance or number of travellers is "uppgift saknas", never 0; a
digital meeting is a real zero.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from partners.geo import suggest_coordinates

from .models import Activity, EmissionFactor, TravelMode

EARTH_RADIUS_KM = 6371.0
# Roads, rails and sea lanes are longer than the great circle; flights roughly follow it.
ROUTE_FACTOR = {TravelMode.FLIGHT: 1.0}
GROUND_ROUTE_FACTOR = 1.25
HOME_COUNTRY = "SE"  # trips start in the municipality


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def computed_distance_km(
    *, mode: str, travel_from: str, travel_to: str, country: str
) -> int | None:
    """One-way distance between a place in Sweden and a place in the activity's country, from
    the gazetteer; None when either place is unknown."""
    if not (mode and travel_from and travel_to and country) or mode == TravelMode.DIGITAL:
        return None
    start = suggest_coordinates(name=travel_from, country=HOME_COUNTRY)
    end = suggest_coordinates(name=travel_to, country=str(country))
    if not start or not end:
        return None
    km = great_circle_km((float(start[0]), float(start[1])), (float(end[0]), float(end[1])))
    return round(km * ROUTE_FACTOR.get(mode, GROUND_ROUTE_FACTOR))  # type: ignore[call-overload]  # a mode's value


def fill_computed_distance(activity: Activity) -> None:
    """The distance from the places travelled between, when no distance was typed."""
    activity.computed_distance_km = (
        None
        if activity.travel_distance_km
        else computed_distance_km(
            mode=activity.travel_mode,
            travel_from=activity.travel_from,
            travel_to=activity.travel_to,
            country=str(activity.country or ""),
        )
    )


def emission_factors() -> dict[str, EmissionFactor]:
    return {factor.mode: factor for factor in EmissionFactor.objects.all()}


@dataclass(frozen=True)
class Co2e:
    """A trip's emissions in kg CO₂e, or why they are unknown."""

    kg: Decimal | None
    missing: str = ""  # what is missing, in words, when kg is None
    distance_km: int | None = None
    distance_computed: bool = False


def activity_co2e(activity: Activity, factors: dict[str, EmissionFactor]) -> Co2e:
    mode = activity.travel_mode
    if not mode:
        return Co2e(None, _("färdsätt"))
    if mode == TravelMode.DIGITAL:
        return Co2e(Decimal(0))
    distance = activity.travel_distance_km or activity.computed_distance_km
    computed = not activity.travel_distance_km and activity.computed_distance_km is not None
    travellers = activity.travellers or activity.participants
    factor = factors.get(mode)
    missing = [
        word
        for word, value in (
            (_("avstånd"), distance),
            (_("antal resenärer"), travellers),
            (_("emissionsfaktor"), factor),
        )
        if not value
    ]
    if missing or factor is None or distance is None or travellers is None:
        return Co2e(None, ", ".join(missing), distance, computed)
    km = distance * (2 if activity.round_trip else 1)
    units = math.ceil(travellers / factor.vehicle_capacity) if factor.per_vehicle else travellers
    kg = (Decimal(km) * factor.grams_per_km * units / 1000).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return Co2e(kg, "", distance, computed)


@dataclass
class DepartmentTravel:
    name: str
    kg: Decimal = Decimal(0)
    trips: int = 0
    unknown: int = 0


@dataclass
class TravelFigures:
    """The year's travel: total CO₂e of the trips whose emissions are known, how many are not
    known, the share of activities met digitally, and the same per department."""

    year: int
    kg: Decimal = Decimal(0)
    known: int = 0
    unknown: int = 0
    digital: int = 0
    recorded: int = 0  # activities with a travel mode
    departments: list[DepartmentTravel] = field(default_factory=list)

    @property
    def digital_share(self) -> int | None:
        """Per cent of the activities with a recorded mode that were digital meetings."""
        return round(100 * self.digital / self.recorded) if self.recorded else None

    @property
    def has_data(self) -> bool:
        return bool(self.recorded or self.unknown)


OWN_TRIP_KINDS = (Activity.Kind.STUDY_VISIT, Activity.Kind.CONFERENCE)


def travel_figures(*, year: int, activities: Any = None) -> TravelFigures:
    """Approved activities starting in the year (the travel of drafts is not counted)."""
    qs = activities if activities is not None else Activity.objects.all()
    qs = (
        qs.filter(
            status=Activity.Status.APPROVED,
            start_date__gte=datetime.date(year, 1, 1),
            start_date__lte=datetime.date(year, 12, 31),
        )
        # Our own trips: study visits and conferences, and anything whose travel was recorded.
        .filter(Q(kind__in=OWN_TRIP_KINDS) | ~Q(travel_mode=""))
        .select_related("department")
        .order_by("department__name", "pk")
    )
    return trip_figures(year=year, activities=qs)


def trip_figures(*, year: int, activities: Iterable[Activity]) -> TravelFigures:
    """The figures of the year's approved activities already read (the annual report's), of
    which the trips are counted: study visits, conferences and any activity with a mode."""
    factors = emission_factors()
    figures = TravelFigures(year=year)
    by_department: dict[str, DepartmentTravel] = {}
    trips = (a for a in activities if a.kind in OWN_TRIP_KINDS or a.travel_mode)
    for activity in trips:
        co2e = activity_co2e(activity, factors)
        row = by_department.setdefault(
            activity.department.name, DepartmentTravel(activity.department.name)
        )
        if activity.travel_mode:
            figures.recorded += 1
        if activity.travel_mode == TravelMode.DIGITAL:
            figures.digital += 1
        if co2e.kg is None:
            figures.unknown += 1
            row.unknown += 1
        else:
            figures.known += 1
            figures.kg += co2e.kg
            row.trips += 1
            row.kg += co2e.kg
    figures.departments = sorted(by_department.values(), key=lambda d: (-d.kg, d.name))
    return figures
