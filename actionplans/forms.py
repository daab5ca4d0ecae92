from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intl_portal.lib import numbers
from intl_portal.lib.concurrency import VersionedForm
from intl_portal.lib.forms import choice_queryset, model_choice
from intl_portal.organisation import policy

from .models import (
    ActionPlan,
    AnnualReport,
    DepartmentPlan,
    Goal,
    GoalOutcome,
    PlanVersion,
    Strategy,
)


def _check_year(year: int) -> int:
    if not 2000 <= year <= timezone.now().year + 5:
        raise forms.ValidationError(
            _("Ange ett år mellan 2000 och %(max)s.") % {"max": timezone.now().year + 5}
        )
    return year


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["year", "title", "strategy"]

    def clean_year(self) -> int:
        return _check_year(self.cleaned_data["year"])


class GoalForm(VersionedForm, forms.ModelForm):
    version_required = True

    formfield_callback = numbers.comma_decimals  # decimals typed with a comma are read

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
            "activities",
            "sdgs",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "projects": forms.CheckboxSelectMultiple(),
            "activities": forms.CheckboxSelectMultiple(),
            "sdgs": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, user: Any, year: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        focus_areas = choice_queryset(self, "focus_area").filter(is_active=True)
        model_choice(self, "focus_area").queryset = focus_areas
        projects = choice_queryset(self, "projects").filter(status="approved").order_by("title")
        activities = (
            choice_queryset(self, "activities")
            .filter(status="approved")
            .select_related("department")
            .order_by("-start_date", "title")
        )
        if year is not None:
            activities = activities.filter(start_date__year=year)
        department_id = user.department_id
        if self.instance.pk and self.instance.department_id:
            department_id = self.instance.department_id
        if not policy.is_coordinator(user):
            del self.fields["department"]
            projects = projects.filter(department_id=department_id)
            activities = activities.filter(department_id=department_id)
        model_choice(self, "projects").queryset = projects
        model_choice(self, "activities").queryset = activities


class DepartmentPlanForm(VersionedForm, forms.ModelForm):
    version_required = True

    formfield_callback = numbers.comma_decimals  # decimals typed with a comma are read

    class Meta:
        model = DepartmentPlan
        fields = ["activities", "budget"]
        widgets = {"activities": forms.Textarea(attrs={"rows": 5})}


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar till förvaltningen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en kommentar som säger vad som ska kompletteras.")},
    )


class OutcomeForm(VersionedForm, forms.ModelForm):
    version_required = True

    formfield_callback = numbers.comma_decimals  # decimals typed with a comma are read

    class Meta:
        model = GoalOutcome
        fields = ["value", "status", "trend", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "value": _("Lämna tomt om målet inte har mätts."),
            "comment": _("Analys: varför blev utfallet som det blev, och vad görs nu?"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needs_value = data.get("status") not in {
            GoalOutcome.Status.NOT_MEASURED,
            GoalOutcome.Status.NOT_STARTED,
            None,
        }
        if needs_value and data.get("value") is None and "value" not in self.errors:
            self.add_error("value", _("Ange utfallet, eller välj status Inte mätt."))
        return data


class AdoptForm(forms.ModelForm):
    class Meta:
        model = PlanVersion
        fields = ["decision_body", "decision_date", "decision_paragraph", "decision_case_number"]
        widgets = {"decision_date": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "decision_body": _("T.ex. KS (kommunstyrelsen)."),
            "decision_case_number": _("T.ex. KS 2026/123."),
        }


class ReviseForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl till ändringen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ändringen blir en ny version när planen fastställs igen."),
        error_messages={"required": _("Skriv varför planen ändras.")},
    )


class CopyForwardForm(forms.Form):
    year = forms.IntegerField(label=_("År för den nya planen"))
    title = forms.CharField(label=_("Titel"), max_length=300, required=False)
    carry_over = forms.BooleanField(
        label=_("För över mål som inte uppnåtts"),
        required=False,
        help_text=_("Mål som inte har status Uppnått kopieras till den nya planen."),
    )

    def clean_year(self) -> int:
        year = _check_year(self.cleaned_data["year"])
        if ActionPlan.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("Det finns redan en handlingsplan för %(year)s.") % {"year": year}
            )
        return year


class RoundOpenForm(forms.Form):
    deadline = forms.DateField(
        label=_("Sista dag för rapportering"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("Sista dag kan inte ha passerat redan."))
        return deadline


class RoundCloseForm(forms.Form):
    unreported_reason = forms.CharField(
        label=_("Skäl till att delar inte rapporterats"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(
            attrs={
                "rows": 2,
                "id": "unreported-reason",
                "aria-describedby": "unreported-help",
                "class": "form-control",
            }
        ),
    )


class CompareForm(forms.Form):
    old = forms.IntegerField(label=_("Jämför version"), min_value=1)
    new = forms.IntegerField(label=_("med version"), min_value=1)


class StrategyForm(VersionedForm, forms.ModelForm):
    version_required = True

    class Meta:
        model = Strategy
        fields = [
            "kind",
            "title",
            "adopted_by",
            "adopted_on",
            "case_number",
            "replaces",
            "applies_to",
            "valid_from",
            "valid_until",
            "owner",
            "follow_up",
            "revision_due",
            "focus_areas",
            "working_methods",
        ]
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
            "revision_due": forms.DateInput(attrs={"type": "date"}),
            "focus_areas": forms.CheckboxSelectMultiple(),
            "working_methods": forms.CheckboxSelectMultiple(),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("Slutdatum kan inte vara före startdatum."))
        return data


class ReportRequestForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    language = forms.ChoiceField(
        label=_("Språk"), choices=AnnualReport.Language.choices, initial="sv"
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Tomt: ”Internationellt arbete” och året."),
    )
    case_number = forms.CharField(label=_("Diarienummer"), max_length=50, required=False)
    summary = forms.CharField(
        label=_("Sammanfattning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Samordnarens text som inleder rapporten. Markdown är tillåtet."),
    )
