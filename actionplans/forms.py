from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intl_portal.organisation import policy

from .models import ActionPlan, Goal, GoalOutcome


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["year", "title"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2000 <= year <= timezone.now().year + 5:
            raise forms.ValidationError(
                _("Ange ett år mellan 2000 och %(max)s.") % {"max": timezone.now().year + 5}
            )
        return year


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = [
            "focus_area",
            "department",
            "description",
            "indicator",
            "unit",
            "baseline",
            "target",
            "projects",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "projects": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = self.fields["focus_area"].queryset.filter(
            is_active=True
        )
        projects = self.fields["projects"].queryset.filter(status="approved").order_by("title")
        if not policy.is_coordinator(user):
            del self.fields["department"]
            projects = projects.filter(department_id=user.department_id)
        self.fields["projects"].queryset = projects


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = GoalOutcome
        fields = ["value", "status", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class ReportRequestForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
