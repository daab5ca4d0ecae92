"""A sortable column header: a link that keeps the filters, and aria-sort on the th; the
partnership list's rows."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import render_value_in_context
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from intl_portal.organisation.templatetags.badges import choice_label
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


@register.simple_tag(takes_context=True)
def partnership_rows(context: template.Context, page: Any) -> SafeString:
    """The partnership list's rows, written here rather than by a template loop.

    The same markup as the loop it replaces, character for character: the loop's lookups and
    filters cost more than the rest of the page's table (25 rows, each with seven cells).
    """

    def text(value: Any) -> str:  # what {{ value }} writes
        return str(render_value_in_context(value, context))

    rows = []
    for p in page:
        areas = ", ".join(text(area.name) for area in p.focus_areas.all())
        url = reverse("partners:partnership-detail", args=[p.pk])
        cells = [
            text(p.partner.country.name),
            text(choice_label(p, "kind")),
            text(p.since_year) if p.since_year else "–",
            text(p.department) if p.department else "–",
            text(date(p.last_contact, "Y-m-d") or "–"),
            partnership_status_badge(p),
        ]
        rows.append(
            f'\n    <tr>\n      <td><a href="{text(url)}">{text(p.partner.name)}</a>\n        '
            + (f"<br><small>{areas}</small>" if areas else "")
            + "</td>"
            + "".join(f"\n      <td>{cell}</td>" for cell in cells)
            + "\n    </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped by text()
