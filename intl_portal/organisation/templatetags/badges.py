"""Status badges and choice labels for lists: tags that cost less per row than the built-ins."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import template
from django.db.models import Field
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def status_badge(value: Any, label: Any) -> SafeString:
    """A status is always shown as words; the colour only repeats it."""
    return format_html('<span class="badge status status-{}">{}</span>', value, label)


@register.filter
def choice_label(instance: Any, field_name: str) -> Any:
    """`instance.get_<field_name>_display()`, from the field's labels read once.

    Django rebuilds the map of every choice (hashing each lazy label) on every call.
    """
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field.attname)
    return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)


@cache
def _labels(field: Field) -> dict[Any, Any]:
    return dict(make_hashable(field.flatchoices))
