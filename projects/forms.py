from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intl_portal.organisation import policy

from .models import Project

YES_NO_UNKNOWN = [("unknown", _("Inte angivet")), ("true", _("Ja, undersökt")), ("false", _("Nej"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "acronym",
            "summary",
            "department",
            "project_lead",
            "role",
            "programme",
            "programme_reference",
            "phase",
            "start_date",
            "end_date",
            "currency",
            "budget_total",
            "grant_amount",
            "own_contribution",
            "cofinancing_eu",
            "cofinancing_nordic",
            "cofinancing_sida",
            "cofinancing_note",
            "partners",
            "focus_areas",
            "target_groups",
            "is_published",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "cofinancing_note": forms.Textarea(attrs={"rows": 3}),
            "cofinancing_eu": forms.NullBooleanSelect(),
            "cofinancing_nordic": forms.NullBooleanSelect(),
            "cofinancing_sida": forms.NullBooleanSelect(),
            "partners": forms.CheckboxSelectMultiple(),
            "focus_areas": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("cofinancing_eu", "cofinancing_nordic", "cofinancing_sida"):
            self.fields[name].widget.choices = YES_NO_UNKNOWN
        self.fields["partners"].queryset = self.fields["partners"].queryset.order_by("name")
        if not policy.is_coordinator(user):
            # A contact's project belongs to the contact's department; only the
            # coordinator decides what is published.
            del self.fields["department"]
            del self.fields["is_published"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatum kan inte vara före startdatum."))
        total, grant = data.get("budget_total"), data.get("grant_amount")
        if total is not None and grant is not None and grant > total:
            self.add_error(
                "grant_amount", _("Bidraget kan inte vara större än den totala budgeten.")
            )
        return data


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar till förvaltningen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
