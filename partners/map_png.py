"""The partner map as PNG, for documents that cannot hold SVG (the report's Word copy).

Drawn with Pillow from the same layout as the SVG (partners/_map.html): countries, the
markers by shape and colour, and each place's number in a white box joined to its marker,
so the key below the picture names the places.
"""

from __future__ import annotations

import io
import re
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from .map import BADGE_FONT, PartnerMap

SCALE = 2  # drawn at twice the SVG's size, for print
SEA, LAND, BORDER, INK, WHITE = "#e6f0f7", "#d8d3c4", "#ffffff", "#1a1a1a", "#ffffff"
FONT_PATHS = (  # the numbers' font in the SVG, then look-alikes
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
POINT = re.compile(r"(-?[\d.]+),(-?[\d.]+)")


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _points(text: str) -> list[tuple[float, float]]:
    return [(float(x) * SCALE, float(y) * SCALE) for x, y in POINT.findall(text)]


def partner_map_png(partner_map: PartnerMap) -> bytes:
    """The map as PNG bytes (RGB), the same places and numbers as the SVG."""
    size = (round(partner_map.width * SCALE), round(partner_map.height * SCALE))
    image = Image.new("RGB", size, SEA)
    draw = ImageDraw.Draw(image)
    for path in partner_map.countries:
        for ring in path.split("M")[1:]:
            points = _points(ring)
            if len(points) >= 3:
                draw.polygon(points, fill=LAND, outline=BORDER)
    _draw_markers(draw, partner_map)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _draw_markers(draw: ImageDraw.ImageDraw, partner_map: PartnerMap) -> None:
    """Leader lines under the markers, the numbers' boxes on top (as in the SVG)."""
    for marker in partner_map.markers:
        if marker.badge:
            end = (marker.badge.text_x * SCALE, marker.badge.text_y * SCALE)
            draw.line([(marker.x * SCALE, marker.y * SCALE), end], fill=INK, width=SCALE)
    for marker in partner_map.markers:
        x, y = marker.x * SCALE, marker.y * SCALE
        if marker.shape == "circle":
            draw.ellipse(
                (x - 12, y - 12, x + 12, y + 12), fill=marker.colour, outline=WHITE, width=3
            )
        elif marker.shape == "square":
            draw.rectangle(
                (x - 10, y - 10, x + 10, y + 10), fill=marker.colour, outline=WHITE, width=3
            )
        else:
            draw.polygon(_points(marker.points), fill=marker.colour, outline=WHITE)
    font = _font(round(BADGE_FONT * SCALE))
    for marker in partner_map.markers:
        badge = marker.badge
        if badge is None:
            continue
        box = [value * SCALE for value in badge.box]
        draw.rounded_rectangle(box, radius=3 * SCALE, fill=WHITE, outline=INK, width=SCALE)
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        draw.text(centre, str(marker.number), fill=INK, font=font, anchor="mm")
