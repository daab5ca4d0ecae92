"""What several chapters share: the words for a missing value, and a bar chart with its text."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from intl_portal.lib.charts import Bar, bar_chart
from intl_portal.lib.formats import number


def missing() -> str:
    return str(_("uppgift saknas"))


def total_text(values: list[Any], fmt: Any, *, noun: str) -> str:
    """A sum that says how many values it lacks; "uppgift saknas" when it has none."""
    known = [v for v in values if v is not None]
    if not known:
        return missing()
    text = fmt(sum(known, Decimal(0)) if isinstance(known[0], Decimal) else sum(known))
    lacking = len(values) - len(known)
    if lacking:
        text += " " + _("(uppgift saknas för %(n)s av %(total)s %(noun)s)") % {
            "n": lacking,
            "total": len(values),
            "noun": noun,
        }
    return text


def chart(
    chart_id: str,
    title: Any,
    bars: list[Bar],
    unit: Any = "",
    formatter: Callable[[Any], str] | None = None,
) -> dict[str, Any]:
    """A bar chart with the text that holds every value (under the chart and as its /Alt)."""
    fmt = formatter or number
    suffix = f" {unit}" if unit else ""
    values = "; ".join(f"{bar.label}: {fmt(bar.value)}{suffix}" for bar in bars)
    values = f"{values}." if values else ""
    kwargs: dict[str, Any] = {"formatter": formatter} if formatter else {}
    return {
        "id": chart_id,
        "title": title,
        "svg": (
            bar_chart(chart_id=chart_id, title=str(title), bars=bars, unit=str(unit), **kwargs)
            if bars
            else ""
        ),
        "bars": bars,
        "unit": unit,
        "formatter": formatter,
        # Every value with its unit: the text under the chart and the figure's /Alt.
        "values_text": values,
        "alt": f"{title}. " + (values or _("Inga uppgifter för året.")),
    }
