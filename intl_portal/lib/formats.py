"""Swedish (and English) number, money and date formats for documents and pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import dateformat, translation

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: the Swedish thousands separator in print


def number(value: Decimal | int | float | None, *, decimals: int = 0) -> str:
    """1 234 567 in Swedish (no-break spaces), 1,234,567 in English; '–' for nothing."""
    if value is None or value == "":
        return "–"
    if decimals == 0:
        text = f"{round(float(value)):,}"
    else:
        text = f"{float(value):,.{decimals}f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
    if _english():
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", NBSP).replace("-", "−")


def money(value: Decimal | int | float | None) -> str:
    """1 234 567 kr (Swedish) or SEK 1,234,567 (English), never broken across lines."""
    if value is None or value == "":
        return "–"
    if _english():
        return f"SEK{NBSP}{number(value)}"
    return f"{number(value)}{NBSP}kr"


def long_date(value: datetime.date | datetime.datetime | None) -> str:
    """23 november 2026 (Swedish) or 23 November 2026 (English)."""
    if value is None:
        return "–"
    return dateformat.format(value, "j F Y")


def _english() -> bool:
    return (translation.get_language() or "sv").startswith("en")
