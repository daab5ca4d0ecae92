"""Server-drawn SVG charts, identical in the web page and in the PDF.

Each chart carries its own text alternative (<title> and <desc> with every value), so the
numbers are never only in the picture. Colours are not needed to read a chart: each bar has its
label and value written beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 230
VALUE_WIDTH = 130
PLOT_WIDTH = 300
# Presentation attributes, not style="": the portal's CSP forbids inline styles.
FONT_FAMILY = "Liberation Sans, DejaVu Sans, sans-serif"
FONT_SIZE = "12"
PALETTE = ("#0b3d6b", "#2e7d32", "#8a5300", "#6a1b9a", "#00695c", "#b00020")


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int | float
    colour: str | None = None


def _plain(value: Decimal | int | float) -> str:
    """Swedish number format with a non-breaking space between thousands."""
    number = round(float(value))
    return f"{number:,}".replace(",", "\u00a0")


def bar_chart(
    *,
    chart_id: str,
    title: str,
    bars: Sequence[Bar],
    unit: str = "",
    formatter: Callable[[Decimal | int | float], str] = _plain,
) -> SafeString:
    """A horizontal bar chart as inline SVG, with its data as the text alternative."""
    height = max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    peak = max((float(bar.value) for bar in bars), default=0) or 1
    suffix = f" {unit}" if unit else ""
    description = "; ".join(f"{bar.label}: {formatter(bar.value)}{suffix}" for bar in bars)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{}" role="img" '
            'aria-labelledby="{}-title {}-desc" viewBox="0 0 {} {}" width="{}" height="{}">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            chart_id,
            chart_id,
            chart_id,
            width,
            height,
            width,
            height,
            chart_id,
            title,
            chart_id,
            description or "–",
        )
    ]
    for index, bar in enumerate(bars):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        length = max(1.0, PLOT_WIDTH * float(bar.value) / peak) if bar.value else 0
        colour = bar.colour or PALETTE[index % len(PALETTE)]
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-family="{}" font-size="{}" '
                'fill="#1a1a1a">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-family="{}" font-size="{}" fill="#1a1a1a">{}</text>',
                LABEL_WIDTH - 8,
                y + 15,
                FONT_FAMILY,
                FONT_SIZE,
                _label(bar.label, x=LABEL_WIDTH - 8, y=y),
                LABEL_WIDTH,
                y,
                f"{length:.1f}",
                BAR_HEIGHT,
                colour,
                f"{LABEL_WIDTH + length + 6:.1f}",
                y + 15,
                FONT_FAMILY,
                FONT_SIZE,
                f"{formatter(bar.value)}{suffix}",
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - constant markup
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part escaped above


def _truncate(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _label(label: str, *, x: int, y: int, limit: int = 34) -> SafeString:
    """The bar's label; a long one on two lines, broken at a space, never inside a word
    ("Miljö- och / hälsoskyddsförvaltningen" rather than "Miljö- och hälsoskyddsförvaltning…")."""
    head, _space, tail = label[: limit + 1].rpartition(" ")
    if len(label) <= limit or not head:
        return format_html("{}", _truncate(label, limit))
    rest = label[len(head) + 1 :]
    return format_html(
        '<tspan x="{}" y="{}">{}</tspan><tspan x="{}" y="{}">{}</tspan>',
        x,
        y + 9,
        head,
        x,
        y + 21,
        _truncate(rest, limit),
    )


__all__ = ["Bar", "bar_chart"]
