"""The map of partner cities: coordinates from the gazetteer, the SVG and its text alternative."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from partners import services
from partners.geo import CACHE_PREFIX, suggest_coordinates
from partners.map import EUROPE, WORLD, Kind, Place, partner_map
from partners.models import Partnership
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _places(svg: str) -> dict[str, str]:
    """Place name → kind of every marker drawn in the page's map."""
    return dict(re.findall(r'data-place="([^"]+)" data-kind="([a-z]+)"', svg))


def test_gazetteer_suggests_city_and_understands_the_word_for_municipality() -> None:
    ringsted = suggest_coordinates(name="Ringsted", country="DK")
    assert ringsted == (Decimal("55.4426"), Decimal("11.7901"))
    assert suggest_coordinates(name="Ringsteds kommun", country="DK") == ringsted
    # A town of 13 000 (Kuressaare) is in it; a place in the wrong country is not.
    lat, lon = suggest_coordinates(name="Kuressaare", country="EE") or (0, 0)
    assert 58 < lat < 58.5 and 22 < lon < 23
    assert suggest_coordinates(name="Ringsted", country="NO") is None
    assert suggest_coordinates(name="Ingenstans-by", country="DK") is None


def test_a_country_the_cache_has_evicted_is_read_again() -> None:
    """A full cache culls entries at random: a country's place names must come back, not turn
    into "unknown place" while the rest of the gazetteer stays cached."""
    ringsted = suggest_coordinates(name="Ringsted", country="DK")
    assert ringsted is not None
    cache.delete(f"{CACHE_PREFIX}DK")
    assert suggest_coordinates(name="Ringsted", country="DK", build=False) is None  # page speed
    assert suggest_coordinates(name="Ringsted", country="DK") == ringsted
    assert suggest_coordinates(name="Ringsted", country="XK") is None  # a country without towns


def test_new_partner_gets_suggested_coordinates_unless_typed_by_hand(world: World) -> None:
    suggested = services.partner_create(
        user=world.coordinator, data={"name": "Halden", "country": "NO", "region": "Østfold"}
    )
    assert (suggested.latitude, suggested.longitude) == (Decimal("59.1248"), Decimal("11.3875"))
    typed = services.partner_create(
        user=world.coordinator,
        data={
            "name": "Sastamala",
            "country": "FI",
            "latitude": Decimal("61.3400"),
            "longitude": Decimal("22.9100"),
        },
    )
    assert (typed.latitude, typed.longitude) == (Decimal("61.3400"), Decimal("22.9100"))
    unknown = services.partner_create(
        user=world.coordinator, data={"name": "Liten by", "country": "DK"}
    )
    assert unknown.latitude is None and unknown.longitude is None


def test_partner_form_corrects_coordinates_by_hand(world: World, client: Client) -> None:
    partner = factories.PartnerFactory(name="Ringsted", country="DK", latitude=55, longitude=11)
    client.force_login(world.coordinator)
    response = client.post(
        reverse("partners:partner-edit", args=[partner.pk]),
        {"name": "Ringsted", "country": "DK", "latitude": "55.4426", "longitude": "11.7901"},
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.latitude, partner.longitude) == (Decimal("55.4426"), Decimal("11.7901"))
    bad = client.post(
        reverse("partners:partner-edit", args=[partner.pk]),
        {"name": "Ringsted", "country": "DK", "latitude": "95", "longitude": "11.7901"},
    )
    assert bad.status_code == 400
    assert "95" in bad.content.decode()  # the typed value is kept
    partner.refresh_from_db()
    assert partner.latitude == Decimal("55.4426")


def test_public_map_holds_published_partner_cities_with_text_alternative(
    world: World, client: Client
) -> None:
    factories.PartnershipFactory(
        partner__name="Ringsted", partner__country="DK", partner__latitude="55.4426",
        partner__longitude="11.7901", is_published=True,
    )  # fmt: skip
    factories.PartnershipFactory(
        partner__name="Kuressaare", partner__country="EE", partner__latitude="58.2481",
        partner__longitude="22.5039", kind=Partnership.Kind.COOPERATION, is_published=True,
    )  # fmt: skip
    factories.PartnershipFactory(
        partner__name="Hemligby", partner__latitude="55.0", partner__longitude="12.0",
        is_published=False,
    )  # fmt: skip
    factories.PartnershipFactory(
        partner__name="Slutby", partner__latitude="56.0", partner__longitude="10.0",
        is_published=True, status=Partnership.Status.ENDED, ended_decision_date="2020-01-01",
    )  # fmt: skip
    network = factories.NetworkMembershipFactory(name="SERN")
    network.member_partners.add(
        factories.PartnerFactory(
            name="Modena", country="IT", latitude="44.6478", longitude="10.9254"
        )
    )
    suggest_coordinates(name="Skövde", country="SE")  # the gazetteer is in the cache
    body = client.get(reverse("public_partnerships:public-list")).content.decode()
    svg = body[body.index('<svg class="partner-map-svg"') : body.index("</svg>")]
    assert _places(svg) == {
        "Skövde kommun": "home",
        "Ringsted": "twin",
        "Kuressaare": "partner",
        "Modena": "network",
    }
    # Twin towns are circles, cooperation partners squares, network members triangles.
    assert re.search(r'<circle [^>]*data-place="Ringsted"', svg)
    assert re.search(r'<rect [^>]*data-place="Kuressaare"', svg)
    assert re.search(r'<polygon [^>]*data-place="Modena"', svg)
    # Every place has a number on the map and an entry in the key (by country, then name);
    # the text alternative lists the cities by country.
    assert re.findall(r'data-number="(\d+)">\d+</text>', svg) == ["1", "2", "3"]
    key = body[body.index('<ol class="partner-map-key">') : body.index("</ol>")]
    assert re.findall(r"<li>([^,<]+),", key) == ["Ringsted", "Kuressaare", "Modena"]
    desc = re.search(r'<desc id="partner-map-desc">([^<]*)</desc>', svg)
    assert desc is not None
    assert desc.group(1).startswith("3 orter i 3 länder.")
    assert "Danmark: Ringsted (vänort)." in desc.group(1)
    assert "Estland: Kuressaare (samarbetsort)." in desc.group(1)
    assert "Italien: Modena (nätverksmedlem)." in desc.group(1)
    assert desc.group(1).endswith("Skövde kommun, den egna kommunen, är utmärkt med en stjärna.")
    assert 'role="img" aria-labelledby="partner-map-title partner-map-desc"' in svg
    assert "Hemligby" not in body and "Slutby" not in body


def test_coordinator_sees_unpublished_partnerships_on_the_registry_map(
    world: World, client: Client
) -> None:
    factories.PartnershipFactory(
        partner__name="Hemligby", partner__latitude="55.0", partner__longitude="12.0",
        is_published=False,
    )  # fmt: skip
    factories.PartnerFactory(name="Utan koordinater")
    client.force_login(world.council)
    body = client.get(reverse("partners:partnership-list")).content.decode()
    assert {place: kind for place, kind in _places(body).items() if kind != "home"} == {
        "Hemligby": "twin"
    }


def test_no_map_without_any_placed_partner(world: World, client: Client) -> None:
    factories.PartnershipFactory(partner__name="Okänd plats", is_published=True)
    body = client.get(reverse("public_partnerships:public-list")).content.decode()
    assert "partner-map-svg" not in body


def test_map_shows_europe_and_turns_to_the_world_for_a_partner_further_away() -> None:
    ringsted = Place("Ringsted", "Danmark", 55.44, 11.79, Kind.TWIN)
    europe = partner_map([ringsted])
    assert europe.view == EUROPE.name
    x, y = EUROPE.project(11.79, 55.44)
    assert 0 < x < europe.width and 0 < y < europe.height
    world_map = partner_map([ringsted, Place("Mbale", "Uganda", 1.08, 34.18, Kind.PARTNER)])
    assert world_map.view == WORLD.name
    assert all(0 < m.x < world_map.width and 0 < m.y < world_map.height for m in world_map.markers)
    # The country shapes are drawn from the bundled atlas, and no shape is empty.
    assert len(europe.countries) > 40 and all(d.startswith("M") for d in europe.countries)
