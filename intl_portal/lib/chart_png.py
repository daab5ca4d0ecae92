"""The server-drawn bar charts as PNG, for documents that cannot hold SVG (Word).

Same layout as `charts.bar_chart`: label, bar, value with unit beside it, so the chart reads
without colour; drawn at 2x for print with Pillow and the fonts WeasyPrint also uses.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from .charts import BAR_GAP, BAR_HEIGHT, LABEL_WIDTH, PALETTE, PLOT_WIDTH, VALUE_WIDTH, Bar

SCALE = 2
FONT_PATHS = (
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def bar_chart_png(
    *,
    bars: Sequence[Bar],
    unit: str = "",
    formatter: Callable[[Decimal | int | float], str],
) -> bytes:
    """A horizontal bar chart as PNG bytes (RGB, white background)."""
    height = max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    image = Image.new("RGB", (width * SCALE, height * SCALE), "white")
    draw = ImageDraw.Draw(image)
    font = _font(12 * SCALE)
    peak = max((float(bar.value) for bar in bars), default=0) or 1
    suffix = f" {unit}" if unit else ""
    for index, bar in enumerate(bars):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        length = max(1.0, PLOT_WIDTH * float(bar.value) / peak) if bar.value else 0
        colour = _rgb(bar.colour or PALETTE[index % len(PALETTE)])
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        middle = (y + BAR_HEIGHT / 2) * SCALE
        draw.text(
            ((LABEL_WIDTH - 8) * SCALE, middle), label, fill=(26, 26, 26), font=font, anchor="rm"
        )
        if length:
            draw.rectangle(
                (
                    LABEL_WIDTH * SCALE,
                    y * SCALE,
                    (LABEL_WIDTH + length) * SCALE,
                    (y + BAR_HEIGHT) * SCALE,
                ),
                fill=colour,
            )
        draw.text(
            ((LABEL_WIDTH + length + 6) * SCALE, middle),
            f"{formatter(bar.value)}{suffix}".replace("\u00a0", " "),
            fill=(26, 26, 26),
            font=font,
            anchor="lm",
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
