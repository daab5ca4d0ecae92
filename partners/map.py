"""An offline map of partner cities, drawn on the server as SVG.

Country shapes come from Natural Earth through the `world-atlas` TopoJSON files vendored under
`static/vendor/world-atlas/` (no tiles, no network). Europe is shown unless a place lies
outside it, then the world. Places are told apart by shape as well as colour, and the map
carries a text alternative that lists the places by country.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ATLAS_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "world-atlas"
WIDTH = 800.0
MIN_STEP = 1.2  # px: points closer than this to the previous one are dropped


@dataclass(frozen=True)
class View:
    name: str
    west: float
    east: float
    south: float
    north: float
    parallel: float  # standard parallel of the equirectangular projection
    atlas: str

    @property
    def scale(self) -> float:
        return WIDTH / ((self.east - self.west) * math.cos(math.radians(self.parallel)))

    @property
    def height(self) -> float:
        return round((self.north - self.south) * self.scale, 1)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) * math.cos(math.radians(self.parallel)) * self.scale
        return x, (self.north - lat) * self.scale

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


EUROPE = View("europe", -25.0, 45.0, 34.0, 71.5, 52.0, "countries-50m.json")
WORLD = View("world", -180.0, 180.0, -58.0, 84.0, 0.0, "countries-110m.json")


class Kind:
    """What a place is to the municipality; each kind has its own marker shape and colour."""

    HOME = "home"
    TWIN = "twin"
    PARTNER = "partner"
    NETWORK = "network"


KIND_STYLE = {  # marker shape and colour; all colours reach 4.5:1 against the land colour
    Kind.HOME: ("star", "#1a1a1a"),
    Kind.TWIN: ("circle", "#0b4f8a"),
    Kind.PARTNER: ("square", "#9a3b00"),
    Kind.NETWORK: ("triangle", "#1f6b2a"),
}


def kind_label(kind: str) -> str:
    return {
        Kind.HOME: _("Den egna kommunen"),
        Kind.TWIN: _("Vänort"),
        Kind.PARTNER: _("Samarbetsort"),
        Kind.NETWORK: _("Nätverksmedlem"),
    }[kind]


@dataclass(frozen=True)
class Place:
    name: str
    country_name: str
    latitude: float
    longitude: float
    kind: str


@dataclass(frozen=True)
class Marker:
    place: Place
    x: float
    y: float
    shape: str
    colour: str
    points: str  # polygon points for the triangle or the star
    corner_x: float  # top-left corner of the square
    corner_y: float
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class PartnerMap:
    view: str
    width: float
    height: float
    countries: tuple[str, ...]
    markers: tuple[Marker, ...]
    legend: tuple[tuple[str, str, str, str], ...]  # kind, label, shape, colour
    by_country: tuple[tuple[str, tuple[str, ...]], ...]
    description: str
    has_places: bool


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def _path(view: View, rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for original in rings:
        ring = original
        if max(p[0] for p in ring) - min(p[0] for p in ring) > 180:
            # A ring across the antimeridian (Russia's Chukotka): keep it in one piece.
            ring = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        if (
            max(lons) < view.west - 5
            or min(lons) > view.east + 5
            or max(lats) < view.south - 5
            or min(lats) > view.north + 5
        ):
            continue
        kept: list[tuple[float, float]] = []
        for lon, lat in ring:
            x, y = view.project(lon, lat)
            if kept and abs(x - kept[-1][0]) < MIN_STEP and abs(y - kept[-1][1]) < MIN_STEP:
                continue
            kept.append((x, y))
        if len(kept) < 3:
            continue
        coords = " ".join(f"{x:.0f},{y:.0f}" for x, y in kept)
        parts.append(f"M{coords}Z")
    return "".join(parts)


@lru_cache(maxsize=2)
def country_paths(view: View) -> tuple[str, ...]:
    """SVG path data of every country visible in the view (read once per process)."""
    topology = json.loads((ATLAS_DIR / view.atlas).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        data = _path(view, rings)
        if data:
            paths.append(data)
    return tuple(paths)


def _label_box(x: float, y: float, text: str, anchor: str) -> tuple[float, float, float, float]:
    width = 6.4 * len(text) + 4
    left = x - width if anchor == "end" else x
    return (left, y - 10, left + width, y + 3)


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _star(x: float, y: float, outer: float = 8.0, inner: float = 3.4) -> str:
    corners = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 5 * i - math.pi / 2
        corners.append(f"{x + radius * math.cos(angle):.1f},{y + radius * math.sin(angle):.1f}")
    return " ".join(corners)


def _markers(view: View, places: list[Place]) -> list[Marker]:
    """Markers with labels placed beside them, avoiding labels that overlap."""
    markers: list[Marker] = []
    boxes: list[tuple[float, float, float, float]] = []
    for place in sorted(places, key=lambda p: (-p.latitude, p.longitude, p.name)):
        x, y = view.project(place.longitude, place.latitude)
        shape, colour = KIND_STYLE[place.kind]
        options = [
            (x + 8, y + 4, "start"),
            (x - 8, y + 4, "end"),
            (x + 8, y - 8, "start"),
            (x + 8, y + 14, "start"),
            (x - 8, y - 8, "end"),
            (x - 8, y + 14, "end"),
        ]
        if x > WIDTH - 120:
            options.sort(key=lambda option: option[2] != "end")
        chosen = options[0]
        for option in options:
            box = _label_box(option[0], option[1], place.name, option[2])
            if not any(_overlaps(box, other) for other in boxes):
                chosen = option
                break
        boxes.append(_label_box(chosen[0], chosen[1], place.name, chosen[2]))
        if shape == "star":
            outline = _star(x, y)
        else:
            outline = f"{x:.1f},{y - 6:.1f} {x - 6:.1f},{y + 5:.1f} {x + 6:.1f},{y + 5:.1f}"
        markers.append(
            Marker(
                place=place,
                x=round(x, 1),
                y=round(y, 1),
                shape=shape,
                colour=colour,
                points=outline,
                corner_x=round(x - 5, 1),
                corner_y=round(y - 5, 1),
                label_x=round(chosen[0], 1),
                label_y=round(chosen[1], 1),
                anchor=chosen[2],
            )
        )
    return markers


def _description(places: list[Place]) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], str]:
    home = [place for place in places if place.kind == Kind.HOME]
    places = [place for place in places if place.kind != Kind.HOME]
    grouped: dict[str, list[str]] = defaultdict(list)
    for place in places:
        grouped[place.country_name].append(f"{place.name} ({kind_label(place.kind).lower()})")
    by_country = tuple(
        (country, tuple(sorted(names))) for country, names in sorted(grouped.items())
    )
    places_text = ngettext("%(n)d ort", "%(n)d orter", len(places)) % {"n": len(places)}
    countries_text = ngettext("%(n)d land", "%(n)d länder", len(by_country)) % {
        "n": len(by_country)
    }
    summary = _("%(places)s i %(countries)s.") % {
        "places": places_text,
        "countries": countries_text,
    }
    details = " ".join(f"{country}: {', '.join(names)}." for country, names in by_country)
    if home:
        details += " " + _("%(name)s, den egna kommunen, är utmärkt med en stjärna.") % {
            "name": home[0].name
        }
    return by_country, f"{summary} {details}".strip()


def partner_map(places: list[Place]) -> PartnerMap:
    """The map of the given places: Europe when they all lie in it, else the world."""
    view = EUROPE if all(EUROPE.contains(p.longitude, p.latitude) for p in places) else WORLD
    kinds = [
        kind
        for kind in (Kind.TWIN, Kind.PARTNER, Kind.NETWORK)
        if any(p.kind == kind for p in places)
    ]
    legend = tuple((kind, kind_label(kind), *KIND_STYLE[kind]) for kind in kinds)
    by_country, description = _description(places)
    return PartnerMap(
        view=view.name,
        width=WIDTH,
        height=view.height,
        countries=country_paths(view),
        markers=tuple(_markers(view, places)),
        legend=legend,
        by_country=by_country,
        description=description,
        has_places=any(place.kind != Kind.HOME for place in places),
    )
