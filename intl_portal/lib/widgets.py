"""Form widgets that write their HTML in Python."""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # not in stubs


def _text(value: Any) -> str:
    """`{{ value }}` in a template: localised, then escaped unless already safe."""
    if type(value) is str:  # the common case, without Django's lazy-aware wrappers
        return html.escape(value)
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """What django/forms/widgets/attrs.html writes: ` name="value"`, or ` name` for True."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{html.escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    """forms.Select that writes the markup of Django's own templates without rendering them.

    Django builds a context per <option> and renders each through a template include; the
    country filter has about 250 options, and that cost more than the rest of the project bank
    page. The output is the same, character for character (tests/organisation/test_widgets.py).
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        # As ChoiceWidget.get_context and optgroups, for a single select whose options take no
        # attributes of their own (Select.option_inherits_attrs is False).
        values = self.format_value(value)
        parts = [f'<select name="{_text(name)}"{_attrs(self.build_attrs(self.attrs, attrs))}>']
        has_selected = False
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                group_name, options = option_value, option_label
            else:
                group_name = None
                options = [("" if option_value is None else option_value, option_label)]
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for sub_value, sub_label in options:
                selected = not has_selected and str(sub_value) in values
                has_selected |= selected
                parts.append(_option(sub_value, sub_label, selected=selected))
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def _option(value: Any, label: Any, *, selected: bool) -> str:
    """django/forms/widgets/select_option.html, included on a line of its own."""
    mark = " selected" if selected else ""
    return f'\n  <option value="{html.escape(str(value))}"{mark}>{_text(label)}</option>\n'
