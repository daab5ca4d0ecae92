from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessibilityReport


class AccessibilityReportForm(forms.ModelForm):
    """`website` is a honeypot: hidden from people, filled in by form robots."""

    website = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)

    class Meta:
        model = AccessibilityReport
        fields = ["page", "description", "email"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5, "maxlength": 4000})}
        labels = {"page": _("Vilken sida gäller det? (valfritt)")}
        help_texts = {
            "description": _("Beskriv vad som inte fungerar och hur du försökte använda sidan."),
            "email": _("Valfritt. Används bara för att vi ska kunna svara dig."),
        }
