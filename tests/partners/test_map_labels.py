"""The partner map can be read: no two pieces of text on it overlap, every piece is dark on
light (as WeasyPrint paints it, too), and every place on it can be told by name.

The text boxes are measured with the font the map names (DejaVu Sans, through Pillow), not
with the map's own layout estimate, so the test checks what a reader sees.
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from PIL import ImageFont

from partners.map import Kind, Place, partner_map

SVG = "{http://www.w3.org/2000/svg}"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
Box = tuple[float, float, float, float]

# The demo municipality's places (seed_demo): Skövde lies near Halden and Kuressaare, and
# Modena, Reggio Emilia and Bologna lie within 60 km of each other.
DEMO = [
    Place("Skövde kommun", "Sverige", 58.3903, 13.8461, Kind.HOME),
    Place("Ringsted", "Danmark", 55.4426, 11.7901, Kind.TWIN),
    Place("Kuressaare", "Estland", 58.2481, 22.5039, Kind.PARTNER),
    Place("Vammala", "Finland", 61.3333, 22.9000, Kind.TWIN),
    Place("Bologna", "Italien", 44.4938, 11.3387, Kind.NETWORK),
    Place("Modena", "Italien", 44.6478, 10.9254, Kind.NETWORK),
    Place("Reggio Emilia", "Italien", 44.6983, 10.6312, Kind.NETWORK),
    Place("Halden", "Norge", 59.1248, 11.3875, Kind.TWIN),
    Place("South Derbyshire", "Storbritannien", 52.7740, -1.5574, Kind.TWIN),
]


def contrast_ratio(one: str, other: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _figure(places: list[Place]) -> ET.Element:
    html = render_to_string("partners/_map.html", {"map": partner_map(places)})
    # The figure is XHTML-clean apart from the entities Django escapes; parse it as XML.
    return ET.fromstring(html[html.index("<figure") : html.index("</figure>") + 9])


def _painted(node: ET.Element, inherited: dict[str, str]) -> Iterator[tuple[ET.Element, dict]]:
    """Every element in painting order with its inherited presentation attributes."""
    own = {**inherited, **{k: v for k, v in node.attrib.items() if k not in ("x", "y")}}
    yield node, own
    for child in node:
        yield from _painted(child, own)


def _text_box(node: ET.Element, style: dict[str, str]) -> Box:
    bold = style.get("font-weight") == "bold"
    font = ImageFont.truetype(
        str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")),
        float(style.get("font-size", "16")),
    )
    text = node.text or ""
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    width = font.getlength(text)
    shift = {"middle": width / 2, "end": width}.get(style.get("text-anchor", "start"), 0.0)
    x, y = float(node.attrib["x"]) - shift, float(node.attrib["y"])
    return (x + left, y + top, x + right, y + bottom)


def _inside(inner: Box, outer: Box) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and (inner[3] <= outer[3])
    )


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _labels(svg: ET.Element) -> list[tuple[str, Box, str, list[str]]]:
    """Each text on the map: its words, box, letter colour and the colours behind it."""
    sea = svg.find(f"{SVG}rect")
    land = svg.find(f"{SVG}g")
    assert sea is not None and land is not None
    map_colours = [sea.attrib["fill"], land.attrib["fill"]]
    boxes: list[tuple[Box, str]] = []  # opaque boxes painted so far, with their colour
    found = []
    for node, style in _painted(svg, {}):
        if node.tag == f"{SVG}rect" and node is not sea and "width" in node.attrib:
            x, y = float(node.attrib.get("x", 0)), float(node.attrib.get("y", 0))
            box = (x, y, x + float(node.attrib["width"]), y + float(node.attrib["height"]))
            boxes.append((box, style.get("fill", "#000000")))
        elif node.tag == f"{SVG}text":
            box = _text_box(node, style)
            behind = [colour for under, colour in boxes if _inside(box, under)]
            # WeasyPrint does not read paint-order: a stroke is painted over the letters, so
            # with a stroke the letters take the stroke's colour.
            stroke = style.get("stroke", "none")
            letters = stroke if stroke != "none" else style.get("fill", "#000000")
            found.append((node.text or "", box, letters, behind[-1:] or map_colours))
    return found


@pytest.mark.parametrize(
    "places",
    [
        DEMO,
        # Far from Europe the world map is shown, and the Italian cluster is even tighter.
        [*DEMO, Place("Mbale", "Uganda", 1.08, 34.18, Kind.PARTNER)],
    ],
    ids=["europe", "world"],
)
def test_map_text_does_not_overlap_and_is_dark_on_light(places: list[Place]) -> None:
    figure = _figure(places)
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    width, height = (float(v) for v in svg.attrib["viewBox"].split()[2:])
    labels = _labels(svg)
    assert labels
    for (a, box_a, *_), (b, box_b, *_) in itertools.combinations(labels, 2):
        assert not _overlap(box_a, box_b), (a, b)
    for text, box, letters, behind in labels:
        assert _inside(box, (0, 0, width, height)), text
        for colour in behind:
            assert contrast_ratio(letters, colour) >= 4.5, (text, letters, colour)


def _centre(marker: ET.Element) -> tuple[float, float]:
    if marker.tag == f"{SVG}circle":
        return float(marker.attrib["cx"]), float(marker.attrib["cy"])
    if marker.tag == f"{SVG}rect":
        x, y = float(marker.attrib["x"]), float(marker.attrib["y"])
        return x + float(marker.attrib["width"]) / 2, y + float(marker.attrib["height"]) / 2
    xs, ys = zip(
        *(
            (float(a), float(b))
            for a, b in re.findall(r"([\d.]+),([\d.]+)", marker.attrib["points"])
        ),
        strict=True,
    )
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def test_every_place_on_the_map_is_named_next_to_it_or_by_its_number_in_the_key() -> None:
    figure = _figure(DEMO)
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    labels = _labels(svg)
    markers = {m.attrib["data-place"]: m for m in svg.iter() if "data-place" in m.attrib}
    assert set(markers) == {place.name for place in DEMO}  # the same places as before
    key = figure.find(".//ol")
    entries = ["".join(li.itertext()) for li in key.iter("li")] if key is not None else []
    leaders = svg.findall(f"{SVG}g[@data-layer='leaders']/{SVG}line")
    named_by_number: dict[str, str] = {}
    for line in leaders:
        start = (float(line.attrib["x1"]), float(line.attrib["y1"]))
        end = (float(line.attrib["x2"]), float(line.attrib["y2"]))
        (place,) = [n for n, m in markers.items() if math.dist(_centre(m), start) < 2]
        (text,) = [
            t
            for t, box, *_ in labels
            if _inside((*end, *end), (box[0] - 6, box[1] - 6, box[2] + 6, box[3] + 6))
        ]
        named_by_number[place] = text
    legend = "".join(figure.find(".//ul").itertext())  # type: ignore[union-attr]
    for place in DEMO:
        if place.kind == Kind.HOME:
            assert place.name in legend  # the star is named in the legend
        elif place.name not in {text for text, *_ in labels}:
            # The number drawn at the place heads the key entry that names it.
            number = int(named_by_number[place.name])
            assert entries[number - 1].startswith(f"{place.name}, {place.country_name}")
