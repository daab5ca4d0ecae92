"""Travel climate: a trip's CO₂e from the emission factors, the flight questions of study
visits abroad, and the year's figures on the dashboard."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from projects import travel
from projects.activity_services import activity_update
from projects.models import Activity, EmissionFactor, TravelMode
from tests import factories
from tests.concurrency_forms import as_post, form_data
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _activity(world: World, **fields: object) -> Activity:
    defaults: dict[str, object] = {
        "department": world.own_department,
        "status": Activity.Status.APPROVED,
        "kind": Activity.Kind.CONFERENCE,
        "start_date": datetime.date(2026, 6, 10),
    }
    return factories.ActivityFactory(**(defaults | fields))


def test_factors_are_the_swedish_public_figures_with_their_source() -> None:
    factors = travel.emission_factors()
    assert set(factors) == set(TravelMode.values)
    assert factors["flight"].grams_per_km == Decimal("133.0")
    assert factors["train"].grams_per_km == Decimal("10.0")
    assert factors["car"].per_vehicle is True
    assert factors["digital"].grams_per_km == 0
    assert all("Klimatsmart semester" in f.source for f in factors.values())


def test_co2e_of_a_trip_counts_distance_both_ways_and_every_traveller(world: World) -> None:
    factors = travel.emission_factors()
    flight = _activity(world, travel_mode="flight", travel_distance_km=1900, participants=2)
    # 1 900 km × 2 (tur och retur) × 133 g × 2 resenärer = 1 010,8 kg
    assert travel.activity_co2e(flight, factors).kg == Decimal("1010.8")
    one_way = _activity(
        world, travel_mode="flight", travel_distance_km=1900, round_trip=False, travellers=1,
        participants=40,
    )  # fmt: skip
    assert travel.activity_co2e(one_way, factors).kg == Decimal("252.7")
    # A car's figure is per vehicle: five travellers need two cars.
    car = _activity(world, travel_mode="car", travel_distance_km=100, travellers=5)
    assert travel.activity_co2e(car, factors).kg == Decimal("54.8")  # 200 km × 137 g × 2


def test_digital_meeting_is_zero_and_unknowns_are_never_zero(world: World) -> None:
    factors = travel.emission_factors()
    digital = _activity(world, travel_mode="digital", participants=12)
    assert travel.activity_co2e(digital, factors).kg == Decimal(0)
    no_mode = travel.activity_co2e(_activity(world, participants=3), factors)
    assert no_mode.kg is None and no_mode.missing == "färdsätt"
    no_people = travel.activity_co2e(
        _activity(world, travel_mode="train", travel_distance_km=300), factors
    )
    assert no_people.kg is None and no_people.missing == "antal resenärer"


def test_distance_is_computed_from_the_places_when_none_is_typed(world: World) -> None:
    visit = _activity(world, status=Activity.Status.DRAFT, participants=4)
    activity_update(
        activity=visit,
        user=world.coordinator,
        data={"travel_mode": "train", "travel_from": "Skövde", "travel_to": "Ringsted"},
    )
    visit.refresh_from_db()
    # Skövde–Ringsted is about 350 km as the crow flies; by rail a quarter more.
    assert 410 < (visit.computed_distance_km or 0) < 470
    co2e = travel.activity_co2e(visit, travel.emission_factors())
    assert co2e.distance_computed and co2e.kg is not None
    # A typed distance wins, and the computed one is dropped.
    activity_update(activity=visit, user=world.coordinator, data={"travel_distance_km": 350})
    visit.refresh_from_db()
    assert visit.computed_distance_km is None
    assert travel.activity_co2e(visit, travel.emission_factors()).kg == Decimal("28.0")


def _post(client: Client, world: World, **extra: str) -> tuple[int, str]:
    data = {
        "kind": "study_visit",
        "title": "Studiebesök i Barcelona",
        "start_date": "2026-04-20",
        "place": "Barcelona",
        "country": "ES",
        "participants": "3",
        "travel_mode": "flight",
        "round_trip": "on",
    } | extra
    response = client.post(reverse("projects:activity-create"), data)
    return response.status_code, response.content.decode()


def test_study_visit_abroad_by_air_asks_about_digital_and_nearer_options(
    world: World, client: Client
) -> None:
    client.force_login(world.contact)
    status, body = _post(client, world, flight_motivation="Ingen tågförbindelse i tid")
    assert status == 400
    assert "Svara på om ett digitalt möte övervägdes" in body
    assert "Svara på om en partner på närmare håll övervägdes" in body
    assert "Ingen tågförbindelse i tid" in body  # the typed text is kept
    assert not Activity.objects.exists()
    status, _body = _post(
        client, world, considered_digital="true", considered_nearer="false",
        flight_motivation="Ingen tågförbindelse i tid",
    )  # fmt: skip
    assert status == 302
    saved = Activity.objects.get()
    assert saved.considered_digital is True and saved.considered_nearer is False
    # By train, or by air within Sweden, nothing more is asked.
    assert _post(client, world, travel_mode="train", title="Med tåg")[0] == 302
    assert _post(client, world, country="SE", place="Kiruna", title="Inrikes")[0] == 302


def test_year_figures_count_approved_trips_and_name_the_unknown(world: World) -> None:
    _activity(world, travel_mode="flight", travel_distance_km=1000, participants=1)
    _activity(world, travel_mode="digital", participants=8)
    _activity(world, travel_mode="train", participants=2)  # no distance: unknown
    _activity(world, participants=2)  # a conference without travel data: unknown
    _activity(
        world, travel_mode="flight", travel_distance_km=5000, participants=10,
        status=Activity.Status.DRAFT,
    )  # fmt: skip
    _activity(world, travel_mode="flight", travel_distance_km=800, participants=1,
              start_date=datetime.date(2025, 6, 1))  # fmt: skip
    _activity(world, kind=Activity.Kind.HOSTED_VISIT, participants=5)  # guests travelled
    _activity(
        world, department=world.other_department, travel_mode="bus", travel_distance_km=100,
        participants=10,
    )  # fmt: skip
    figures = travel.travel_figures(year=2026)
    assert figures.kg == Decimal("266.0") + Decimal("54.0")  # 2 000 × 133 g; 2 000 × 27 g
    assert (figures.known, figures.unknown) == (3, 2)
    assert figures.recorded == 4 and figures.digital == 1 and figures.digital_share == 25
    rows = {row.name: (row.kg, row.trips, row.unknown) for row in figures.departments}
    assert rows[world.own_department.name] == (Decimal("266.0"), 2, 2)
    assert rows[world.other_department.name] == (Decimal("54.0"), 1, 0)


def test_dashboard_and_activity_page_show_the_climate_figures(world: World, client: Client) -> None:
    trip = _activity(world, travel_mode="flight", travel_distance_km=1000, participants=1)
    unknown = _activity(world, travel_mode="train", participants=2)
    client.force_login(world.council)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Resornas klimatpåverkan 2026" in dashboard
    assert "266 kg CO₂e från 1 godkänd aktivitet med känd resa." in dashboard
    assert "1 aktivitet saknar uppgift om resan och ingår inte i summan." in dashboard
    page = client.get(reverse("projects:activity-detail", args=[trip.pk])).content.decode()
    assert "266 kg CO₂e" in page
    page = client.get(reverse("projects:activity-detail", args=[unknown.pk])).content.decode()
    assert "uppgift saknas (avstånd)" in page


def test_coordinator_corrects_a_factor_and_every_figure_follows(
    world: World, client: Client
) -> None:
    _activity(world, travel_mode="flight", travel_distance_km=1000, participants=1)
    factor = EmissionFactor.objects.get(mode="flight")
    client.force_login(world.coordinator)
    url = reverse("projects:emission-factor-edit", args=[factor.pk])
    opened = form_data(client.get(url).content.decode())
    opened |= {"grams_per_km": ["150"], "year": ["2026"], "source": ["Egen beräkning 2026"]}
    response = client.post(url, as_post(opened))
    assert response.status_code == 302
    assert travel.travel_figures(year=2026).kg == Decimal("300.0")
    listing = client.get(reverse("projects:emission-factors")).content.decode()
    assert "Egen beräkning 2026" in listing
    reopened = form_data(client.get(url).content.decode())
    bad = client.post(url, as_post(reopened | {"grams_per_km": ["-5"]}))
    assert bad.status_code == 400
    factor.refresh_from_db()
    assert factor.grams_per_km == Decimal("150.0")
    assert [h.grams_per_km for h in factor.history.all()] == [Decimal("150.0")]
