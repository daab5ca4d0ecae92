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


def shape_name(shape: str) -> str:
    """The marker's shape in words: the legend symbol's text alternative."""
    return {
        "star": _("Stjärna"),
        "circle": _("Cirkel"),
        "square": _("Kvadrat"),
        "triangle": _("Triangel"),
    }[shape]


@dataclass(frozen=True)
class Place:
    name: str
    country_name: str
    latitude: float
    longitude: float
    kind: str


@dataclass(frozen=True)
class Badge:
    """A marker's number in a white box, joined to the marker by a leader line."""

    x: float  # top-left corner
    y: float
    width: float
    height: float
    text_x: float  # centre of the number's baseline
    text_y: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.x + self.width, self.y + self.height)


@dataclass(frozen=True)
class Marker:
    place: Place
    number: int | None  # the number in the map's key; the own municipality has none
    x: float
    y: float
    shape: str
    colour: str
    points: str  # polygon points for the triangle or the star
    corner_x: float  # top-left corner of the square
    corner_y: float
    badge: Badge | None


@dataclass(frozen=True)
class KeyEntry:
    number: int
    name: str
    country_name: str
    kind_label: str


@dataclass(frozen=True)
class PartnerMap:
    view: str
    width: float
    height: float
    countries: tuple[str, ...]
    markers: tuple[Marker, ...]
    legend: tuple[tuple[str, str, str, str, str], ...]  # kind, label, shape, colour, shape name
    key: tuple[KeyEntry, ...]
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


# The numbers are set in DejaVu Sans Bold (the report's font, also on most desktops) at
# BADGE_FONT px: a digit is 0.70 em wide and 0.73 em tall. Names are not written on the map:
# close places (Modena, Reggio Emilia, Bologna) would overlap at any size that fits Europe on a
# page, so each place gets a number in a white box, and the key below the map names it.
BADGE_FONT = 15.0
BADGE_HEIGHT = 17.0
DIGIT_WIDTH = 10.5
BADGE_PADDING = 3.5
MARKER_REACH = {"star": 9.0, "circle": 7.5, "square": 6.5, "triangle": 7.0}  # incl. outline
GAP = 2.0  # px kept free around a badge
RINGS = (14.0, 20.0, 27.0, 35.0, 44.0, 54.0, 66.0, 80.0, 96.0, 114.0, 134.0, 160.0, 190.0)
# Directions tried on each ring, in this order: right, left, up, down, then the diagonals.
ANGLES = (0, 180, 270, 90, 315, 45, 225, 135, 340, 20, 200, 160, 295, 245, 65, 115)

Box = tuple[float, float, float, float]


def _overlaps(a: Box, b: Box, gap: float = GAP) -> bool:
    return not (
        a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1]
    )


def _star(x: float, y: float, outer: float = 8.0, inner: float = 3.4) -> str:
    corners = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 5 * i - math.pi / 2
        corners.append(f"{x + radius * math.cos(angle):.1f},{y + radius * math.sin(angle):.1f}")
    return " ".join(corners)


def _badge(
    position: tuple[float, float], number: int, *, height: float, blocked: list[Box]
) -> Badge:
    """The first free spot for the number, nearest the marker first: never over another
    badge or marker, and inside the map."""
    x, y = position
    width = len(str(number)) * DIGIT_WIDTH + 2 * BADGE_PADDING
    spots = [
        (x + radius * math.cos(math.radians(angle)), y + radius * math.sin(math.radians(angle)))
        for radius in RINGS
        for angle in ANGLES
    ]
    chosen = spots[0]
    for cx, cy in spots:
        box = (cx - width / 2, cy - BADGE_HEIGHT / 2, cx + width / 2, cy + BADGE_HEIGHT / 2)
        inside = box[0] >= GAP and box[1] >= GAP and box[2] <= WIDTH - GAP
        inside = inside and box[3] <= height - GAP
        if inside and not any(_overlaps(box, other) for other in blocked):
            chosen = (cx, cy)
            break
    left, top = chosen[0] - width / 2, chosen[1] - BADGE_HEIGHT / 2
    baseline = top + (BADGE_HEIGHT + 0.73 * BADGE_FONT) / 2
    return Badge(
        x=round(left, 1),
        y=round(top, 1),
        width=round(width, 1),
        height=BADGE_HEIGHT,
        text_x=round(chosen[0], 1),
        text_y=round(baseline, 1),
    )


def _numbered(places: list[Place]) -> list[tuple[Place, int | None]]:
    """The key's order: by country, then name (the own municipality is not numbered)."""
    others = sorted(
        (p for p in places if p.kind != Kind.HOME), key=lambda p: (p.country_name, p.name)
    )
    home: list[tuple[Place, int | None]] = [(p, None) for p in places if p.kind == Kind.HOME]
    return [*home, *((place, index) for index, place in enumerate(others, start=1))]


def _markers(view: View, places: list[Place]) -> list[Marker]:
    """Markers at the places, each with its number placed where it overlaps nothing."""
    numbered = _numbered(places)
    positions = [view.project(place.longitude, place.latitude) for place, _number in numbered]
    obstacles: list[Box] = []
    for (place, _number), (x, y) in zip(numbered, positions, strict=True):
        reach = MARKER_REACH[KIND_STYLE[place.kind][0]]
        obstacles.append((x - reach, y - reach, x + reach, y + reach))
    # Crowded places choose first, so the nearest free spots go to those that need them.
    order = sorted(
        range(len(numbered)),
        key=lambda i: (
            -sum(1 for j in range(len(numbered)) if math.dist(positions[i], positions[j]) < 60)
        ),
    )
    badges: dict[int, Badge] = {}
    taken: list[Box] = []
    for i in order:
        number = numbered[i][1]
        if number is None:
            continue
        badge = _badge(positions[i], number, height=view.height, blocked=taken + obstacles)
        badges[i] = badge
        taken.append(badge.box)
    markers: list[Marker] = []
    for i, ((place, number), (x, y)) in enumerate(zip(numbered, positions, strict=True)):
        shape, colour = KIND_STYLE[place.kind]
        if shape == "star":
            outline = _star(x, y)
        else:
            outline = f"{x:.1f},{y - 6:.1f} {x - 6:.1f},{y + 5:.1f} {x + 6:.1f},{y + 5:.1f}"
        markers.append(
            Marker(
                place=place,
                number=number,
                x=round(x, 1),
                y=round(y, 1),
                shape=shape,
                colour=colour,
                points=outline,
                corner_x=round(x - 5, 1),
                corner_y=round(y - 5, 1),
                badge=badges.get(i),
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
    home = [place for place in places if place.kind == Kind.HOME]
    labels = {kind: kind_label(kind) for kind in kinds}
    if home:
        labels = {Kind.HOME: _("%(name)s, den egna kommunen") % {"name": home[0].name}, **labels}
    legend = tuple(
        (kind, label, *KIND_STYLE[kind], shape_name(KIND_STYLE[kind][0]))
        for kind, label in labels.items()
    )
    by_country, description = _description(places)
    markers = tuple(_markers(view, places))
    key = tuple(
        KeyEntry(m.number, m.place.name, m.place.country_name, kind_label(m.place.kind))
        for m in sorted(markers, key=lambda m: m.number or 0)
        if m.number is not None
    )
    return PartnerMap(
        view=view.name,
        width=WIDTH,
        height=view.height,
        countries=country_paths(view),
        markers=markers,
        legend=legend,
        key=key,
        by_country=by_country,
        description=description,
        has_places=any(place.kind != Kind.HOME for place in places),
    )
