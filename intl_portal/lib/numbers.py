"""Decimals as people type them: 40,5 and 40.5 and 1 500 000 are all read.

The widget stays Django's NumberInput, which writes the value unlocalised ("40.50"), the only
form a browser's number input accepts: a hand-written "40,00" was dropped by the browser and
saved as nothing (the indicator wipe of issue 15).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

SPACES = ("\u00a0", "\u202f", " ")


class DecimalField(forms.DecimalField):
    """A DecimalField that also reads a decimal comma and digit-group spaces."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            for space in SPACES:
                value = value.replace(space, "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)


def comma_decimals(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """A ModelForm's `formfield_callback`: model decimals get the comma-reading field."""
    if isinstance(field, models.DecimalField):
        return field.formfield(form_class=DecimalField, **kwargs)
    return field.formfield(**kwargs)
