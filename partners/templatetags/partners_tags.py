"""A sortable column header: a link that keeps the filters, and aria-sort on the th."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from partners import selectors

register = template.Library()


@register.simple_tag
def sort_header(listing: object, key: str, label: str) -> SafeString:
    current = getattr(listing, "sort", "")
    filter_query = getattr(listing, "filter_query", "")
    active = current.removeprefix("-") == key
    descending = current.startswith("-")
    next_sort = f"-{key}" if active and not descending else key
    query = f"{filter_query}&sort={next_sort}" if filter_query else f"sort={next_sort}"
    if active:
        aria = "descending" if descending else "ascending"
        hint = _("sorterat fallande") if descending else _("sorterat stigande")
        return format_html(
            '<th scope="col" aria-sort="{}"><a href="?{}">{} <span class="visually-hidden">'
            '({})</span><span aria-hidden="true">{}</span></a></th>',
            aria,
            query,
            label,
            hint,
            "▼" if descending else "▲",
        )
    return format_html(
        '<th scope="col"><a href="?{}">{}<span class="visually-hidden"> ({})</span></a></th>',
        query,
        label,
        _("sortera"),
    )


@register.filter
def partnership_status(partnership: Any) -> Any:
    """`{{ p|partnership_status }}`: the one status (selectors.partnership_status)."""
    return selectors.partnership_status(partnership)


@register.simple_tag
def partnership_status_badge(partnership: Any) -> SafeString:
    """The status as a badge: words, the colour only repeating them."""
    status = selectors.partnership_status(partnership)
    return format_html('<span class="badge status status-{}">{}</span>', status.key, status.label)
