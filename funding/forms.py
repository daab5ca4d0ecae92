from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intl_portal.lib import numbers, uploads
from intl_portal.lib.forms import model_choice
from intl_portal.lib.widgets import Select
from intl_portal.organisation.models import Department, FocusArea
from projects.forms import DateInput
from projects.models import FundingProgramme

from .models import Call, CallInterest, MatchKeywords

YES_NO_UNKNOWN = [("", _("Uppgift saknas")), ("true", _("Ja")), ("false", _("Nej"))]


class CallForm(forms.ModelForm):
    cofinancing_rate = numbers.DecimalField(
        label=_("finansieringsgrad (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Den andel av kostnaderna som bidraget täcker, till exempel 80 eller 62,5."),
    )
    url = forms.URLField(label=_("länk"), required=False, max_length=1000, assume_scheme="https")
    partners_abroad_required = forms.TypedChoiceField(
        label=_("kräver partner i andra länder"),
        choices=YES_NO_UNKNOWN,
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Call
        fields = [
            "programme",
            "identifier",
            "title",
            "summary",
            "source",
            "opening_date",
            "deadline_model",
            "deadline",
            "deadline_second",
            "currency",
            "budget_total",
            "grant_min",
            "grant_max",
            "cofinancing_rate",
            "eligible_applicants",
            "partners_abroad_required",
            "themes",
            "url",
        ]
        widgets = {
            "opening_date": DateInput(),
            "deadline": DateInput(),
            "deadline_second": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "themes": forms.TextInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "programme").queryset = FundingProgramme.objects.filter(is_active=True)
        if self.instance.pk is not None:
            value = self.instance.partners_abroad_required
            self.initial["partners_abroad_required"] = "" if value is None else str(value).lower()


class CallImportForm(forms.Form):
    file = uploads.CheckedFileField(
        rule=uploads.DATA_IMPORTS,
        label=_("Fil (.xlsx, .csv eller .json)"),
        help_text=_(
            "Mallen som Excel eller CSV, eller ett sparat svar från EU-portalens sök-API (JSON)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.json"}),
    )


class InterestForm(forms.Form):
    mark = forms.ChoiceField(label=_("Markering"), choices=CallInterest.Mark.choices)
    department = forms.ModelChoiceField(
        label=_("Förvaltning"), queryset=Department.objects.all(), required=False
    )


class KeywordsForm(forms.ModelForm):
    class Meta:
        model = MatchKeywords
        fields = ["words_sv", "words_en"]
        widgets = {
            "words_sv": forms.Textarea(attrs={"rows": 2}),
            "words_en": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "words_sv": _("Kommaseparerade ord. Ordets början räcker: ”ungdom” hittar ”ungdomar”."),
            "words_en": _("Kommaseparerade ord, till exempel youth, exchange, school."),
        }


class RadarFilterForm(forms.Form):
    SORTS = [("deadline", _("Sista ansökningsdag")), ("score", _("Matchning"))]
    WINDOWS = [
        ("", _("Alla")),
        ("30", _("Inom 30 dagar")),
        ("90", _("Inom 90 dagar")),
        ("180", _("Inom ett halvår")),
    ]
    STATUSES = [
        ("active", _("Kommande och öppna")),
        ("forthcoming", _("Kommande")),
        ("open", _("Öppna")),
        ("closed", _("Stängda")),
        ("all", _("Alla")),
    ]

    q = forms.CharField(label=_("Sök"), required=False, max_length=200)
    programme = forms.ModelChoiceField(
        label=_("Program"), queryset=FundingProgramme.objects.all(), required=False
    )
    window = forms.ChoiceField(label=_("Sista ansökningsdag"), choices=WINDOWS, required=False)
    focus_area = forms.ModelChoiceField(
        label=_("Fokusområde"), queryset=FocusArea.objects.filter(is_active=True), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Förvaltning"), queryset=Department.objects.all(), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)
    sort = forms.ChoiceField(label=_("Sortera efter"), choices=SORTS, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "q":  # the portal's Select writes its options without a template each
                field.widget = Select(choices=field.widget.choices)
            field.widget.attrs["class"] = "form-control" if name == "q" else "form-select"
