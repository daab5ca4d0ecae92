from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from intl_portal.lib import numbers, uploads
from intl_portal.lib.concurrency import VersionedForm
from intl_portal.lib.forms import choice_queryset, model_choice
from intl_portal.organisation import policy
from partners.models import NetworkMembership, Partner, Partnership

from .models import Activity, Project
from .revisions import read_indicators

YES_NO_UNKNOWN = [("unknown", _("Inte angivet")), ("true", _("Ja, undersökt")), ("false", _("Nej"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectForm(VersionedForm, forms.ModelForm):
    formfield_callback = numbers.comma_decimals  # decimals typed with a comma are read

    # The indicator rows are edited on the same page: compared as one value of the project.
    concurrency_readers = {"indicators": read_indicators}
    concurrency_labels = {"indicators": _("Indikatorer")}

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
            "programme_strand",
            "programme_reference",
            "phase",
            "start_date",
            "end_date",
            "currency",
            "budget_total",
            "grant_amount",
            "own_contribution",
            "own_contribution_in_kind",
            "cofinancing_eu",
            "cofinancing_nordic",
            "cofinancing_sida",
            "cofinancing_note",
            "partners",
            "networks",
            "focus_areas",
            "sdgs",
            "target_groups",
            "participants_women",
            "participants_men",
            "participants_other",
            "participants_young",
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
            "networks": forms.CheckboxSelectMultiple(),
            "focus_areas": forms.CheckboxSelectMultiple(),
            "sdgs": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("cofinancing_eu", "cofinancing_nordic", "cofinancing_sida"):
            self.fields[name].widget.choices = YES_NO_UNKNOWN
        # Skövde: the municipality's own twin towns and partners are considered first.
        model_choice(self, "partners").queryset = partners_twin_towns_first()
        model_choice(self, "partners").label_from_instance = _partner_label  # type: ignore[method-assign,assignment]
        # The municipality's current network memberships come before the ended ones.
        model_choice(self, "networks").queryset = NetworkMembership.objects.order_by(
            "-is_active", "name"
        )
        model_choice(self, "networks").label_from_instance = _network_label  # type: ignore[method-assign,assignment]
        model_choice(self, "programme").queryset = choice_queryset(self, "programme").filter(
            Q(is_active=True) | Q(pk=self.instance.programme_id)
        )
        if not policy.is_coordinator(user):
            # A contact's project belongs to the contact's department; only the
            # coordinator decides what is published.
            del self.fields["department"]
            del self.fields["is_published"]
        else:  # a deactivated department keeps its old projects but gets no new ones
            model_choice(self, "department").queryset = choice_queryset(self, "department").filter(
                Q(is_active=True) | Q(pk=self.instance.department_id)
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatum kan inte vara före startdatum."))
        total, grant = data.get("budget_total"), data.get("grant_amount")
        if total is not None and grant is not None and grant > total:
            self.add_error(
                "grant_amount", _("Bidraget kan inte vara större än den totala budgeten.")
            )
        young = data.get("participants_young")
        counted = [data.get(f"participants_{k}") for k in ("women", "men", "other")]
        has_counts = any(c is not None for c in counted)
        if young is not None and has_counts and young > sum(c or 0 for c in counted):
            self.add_error(
                "participants_young", _("Antalet unga kan inte vara större än antalet deltagare.")
            )
        return data


def partners_twin_towns_first() -> Any:
    active = Partnership.objects.filter(
        partner=OuterRef("pk"),
        status=Partnership.Status.ACTIVE,
        kind__in=[Partnership.Kind.TWINNING, Partnership.Kind.COOPERATION],
    )
    return Partner.objects.annotate(is_twin_town=Exists(active)).order_by("-is_twin_town", "name")


def _partner_label(partner: Any) -> str:
    if getattr(partner, "is_twin_town", False):
        return str(_("%(partner)s – kommunens vänort/samarbetsort")) % {"partner": partner}
    return str(partner)


def _network_label(membership: Any) -> str:
    if membership.is_active:
        return str(membership)
    return str(_("%(network)s – avslutat medlemskap")) % {"network": membership}


class IndicatorForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    description = forms.CharField(
        label=_("Indikator"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    unit = forms.CharField(
        label=_("Enhet"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    # Rendered by Django's NumberInput ("40.00", never the localised "40,00" a browser drops).
    target = numbers.DecimalField(
        label=_("Målvärde"),
        max_digits=14,
        decimal_places=2,
        required=False,
        min_value=Decimal(0),
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "any"}),
    )
    outcome = numbers.DecimalField(
        label=_("Utfall"),
        max_digits=14,
        decimal_places=2,
        required=False,
        min_value=Decimal(0),
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "any"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = any(data.get(k) not in (None, "") for k in ("unit", "target", "outcome"))
        if filled and not data.get("description"):
            self.add_error("description", _("Beskriv vad indikatorn mäter."))
        return data


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=2, can_delete=True, max_num=30)


def indicator_rows(formset: Any) -> list[dict[str, Any]]:
    """The formset's filled, not deleted rows, as the services take them."""
    return [
        {k: form.cleaned_data.get(k) for k in ("id", "description", "unit", "target", "outcome")}
        for form in formset.forms
        if form.cleaned_data
        and form.cleaned_data.get("description")
        and not form.cleaned_data.get("DELETE")
    ]


class AttachmentForm(forms.Form):
    # Checked in the service (attachments.RULE), where a too-large file is refused too.
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, Word (DOCX), Excel (XLSX), PNG eller JPEG, högst 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ATTACHMENTS.accept}),
    )
    description = forms.CharField(label=_("Beskrivning"), max_length=300, required=False)


class ProjectImportForm(forms.Form):
    file = uploads.CheckedFileField(
        rule=uploads.SHEET_IMPORTS,
        label=_("Excel-fil (.xlsx)"),
        help_text=_(
            "Första raden är rubriker som i exporten: titel, akronym, förvaltning, program, "
            "fas, startdatum, slutdatum, valuta, total budget, beviljat bidrag, egen insats, "
            "medfinansiering EU, medfinansiering Norden, medfinansiering Sida."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    approve = forms.BooleanField(
        label=_("Godkänn direkt till projektbanken"),
        required=False,
        help_text=_(
            "Annars importeras projekten som utkast. Godkända projekt måste ange om "
            "medfinansiering har undersökts (EU, Norden, Sida)."
        ),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar till förvaltningen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class ActivityForm(VersionedForm, forms.ModelForm):
    formfield_callback = numbers.comma_decimals  # decimals typed with a comma are read

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "department",
            "project",
            "start_date",
            "end_date",
            "place",
            "country",
            "participants",
            "participants_note",
            "purpose",
            "value_gained",
            "sdgs",
            "cost",
            "travel_mode",
            "travel_distance_km",
            "travel_from",
            "travel_to",
            "round_trip",
            "travellers",
            "considered_digital",
            "considered_nearer",
            "flight_motivation",
            "needs_political_anchoring",
            "anchoring_date",
            "anchoring_reference",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "anchoring_date": DateInput(),
            "flight_motivation": forms.Textarea(attrs={"rows": 2}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "value_gained": forms.Textarea(attrs={"rows": 3}),
            "sdgs": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        projects = Project.objects.select_related("department").order_by("title")
        if not policy.is_coordinator(user):
            del self.fields["department"]
            projects = projects.filter(department_id=user.department_id)
        model_choice(self, "project").queryset = projects

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatum kan inte vara före startdatum."))
        return data
