from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from intl_portal.lib.text import markdown_to_safe_html

register = template.Library()


@register.filter
def markdown(value: str) -> SafeString:
    """Sanitised Markdown for user-written text."""
    return markdown_to_safe_html(value)


@register.filter
def history_label(obj: object) -> str:
    """The `app.model` label the history pages take, e.g. "projects.project"."""
    return obj._meta.label_lower  # type: ignore[attr-defined]
