from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import kinds
from .models import Delivery


class PreferencesForm(forms.Form):
    """Per kind: mail now, a daily digest or no mail; and the language of the mail."""

    language = forms.ChoiceField(label=_("Språk i e-post"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in kinds.KINDS:
            self.fields[kind.key] = forms.ChoiceField(
                label=str(kind.label), choices=Delivery.choices, initial=Delivery.NOW
            )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        grouped: dict[str, list[forms.BoundField]] = {}
        for kind in kinds.KINDS:
            grouped.setdefault(str(kind.group), []).append(self[kind.key])
        return list(grouped.items())

    def choices(self) -> dict[str, str]:
        return {kind.key: self.cleaned_data[kind.key] for kind in kinds.KINDS}
