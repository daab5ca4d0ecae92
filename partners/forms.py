from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intl_portal.lib import numbers, uploads
from intl_portal.lib.concurrency import VersionedForm
from intl_portal.lib.forms import model_choice
from intl_portal.organisation import policy
from intl_portal.organisation.models import User
from intl_portal.organisation.selectors import responsible_candidates

from .models import (
    BenefitAnalysis,
    ContactPerson,
    NetworkMembership,
    NetworkReport,
    Partner,
    Partnership,
    PartnershipDocument,
    PartnershipEvaluation,
    PoliticalContact,
    SelectionAnalysis,
    TwinTownMeeting,
    TwinTownProposal,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _https_urls(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Model form fields, with web addresses typed without a scheme read as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return numbers.comma_decimals(field, **kwargs)  # and decimals typed with a comma


def _textareas(*names: str, rows: int = 3) -> dict[str, forms.Widget]:
    return {name: forms.Textarea(attrs={"rows": rows}) for name in names}


class PartnerForm(VersionedForm, forms.ModelForm):
    class Meta:
        formfield_callback = _https_urls
        model = Partner
        fields = ["name", "country", "region", "website", "notes", "latitude", "longitude"]
        widgets = _textareas("notes")


class PartnershipForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "partner",
            "kind",
            "since_year",
            "status",
            "decision_body",
            "decision_date",
            "decision_paragraph",
            "case_number",
            "ended_decision_body",
            "ended_decision_date",
            "ended_decision_paragraph",
            "ended_case_number",
            "department",
            "political_contact",
            "last_political_contact",
            "last_activity",
            "focus_areas",
            "sdgs",
            "description",
            "is_published",
        ]
        widgets = {
            "decision_date": DateInput(),
            "ended_decision_date": DateInput(),
            "last_political_contact": DateInput(),
            "last_activity": DateInput(),
            "focus_areas": forms.CheckboxSelectMultiple(),
            "sdgs": forms.CheckboxSelectMultiple(),
            **_textareas("description", rows=4),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "partner").queryset = Partner.objects.order_by("name")
        if self.instance.pk:  # later contacts go into the log (political_contact_add)
            del self.fields["last_political_contact"]
        if not policy.is_coordinator(user):
            # A contact keeps department-level contacts of the own department; agreements,
            # decisions and publication are the coordinator's.
            for name in (
                "kind",
                "department",
                "is_published",
                "decision_body",
                "decision_date",
                "decision_paragraph",
                "case_number",
                "ended_decision_body",
                "ended_decision_date",
                "ended_decision_paragraph",
                "ended_case_number",
            ):
                del self.fields[name]


class ContactPersonForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "title", "side", "email", "phone"]


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = PartnershipEvaluation
        fields = ["date", "benefit", "conclusion", "next_step"]
        widgets = {"date": DateInput(), **_textareas("benefit", "conclusion", "next_step")}


class PoliticalContactForm(forms.ModelForm):
    class Meta:
        model = PoliticalContact
        fields = ["date", "kind", "participants", "agreed"]
        widgets = {"date": DateInput(), **_textareas("agreed")}


class DocumentForm(forms.ModelForm):
    file = uploads.CheckedFileField(rule=uploads.DOCUMENTS, label=_("Fil"))

    class Meta:
        model = PartnershipDocument
        fields = ["title", "file", "is_agreement"]


class MeetingForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = TwinTownMeeting
        fields = ["year", "theme", "host", "notes"]
        widgets = _textareas("notes")


class MembershipForm(VersionedForm, forms.ModelForm):
    formfield_callback = numbers.comma_decimals  # decimals typed with a comma are read

    class Meta:
        formfield_callback = _https_urls
        model = NetworkMembership
        fields = [
            "name",
            "scope",
            "description",
            "website",
            "decided_by",
            "member_since",
            "yearly_fee_sek",
            "representatives",
            "focus_areas",
            "sdgs",
            "member_partners",
            "is_active",
        ]
        widgets = {
            "representatives": forms.CheckboxSelectMultiple(),
            "member_partners": forms.SelectMultiple(attrs={"size": 8}),
            "focus_areas": forms.CheckboxSelectMultiple(),
            "sdgs": forms.CheckboxSelectMultiple(),
            **_textareas("description"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "representatives").queryset = User.objects.filter(
            is_active=True
        ).order_by("last_name", "first_name", "username")


SCORE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class BenefitAnalysisForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = BenefitAnalysis
        fields = [
            "year",
            "quality",
            "quality_comment",
            "influence",
            "influence_comment",
            "participation",
            "participation_comment",
            "utilisation",
            "utilisation_comment",
            "recommendation",
            "summary",
        ]
        widgets = {
            **{name: forms.RadioSelect(choices=SCORE_CHOICES) for name in BenefitAnalysis.CRITERIA},
            **_textareas(*(f"{n}_comment" for n in BenefitAnalysis.CRITERIA), "summary", rows=2),
        }


class NetworkReportForm(forms.ModelForm):
    class Meta:
        model = NetworkReport
        fields = ["date", "title", "text"]
        widgets = {"date": DateInput(), **_textareas("text", rows=5)}


class SelectionAnalysisForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = SelectionAnalysis
        fields = [
            "title",
            "partner",
            "purpose_and_goals",
            "grounds_for_choice",
            "expected_benefit",
            "risk_environment",
            "risk_security",
            "risk_democracy",
            "sources",
            "decision",
            "decision_body",
            "decision_date",
            "decision_note",
            "partnership",
        ]
        widgets = {
            "decision_date": DateInput(),
            **_textareas(
                "purpose_and_goals",
                "grounds_for_choice",
                "expected_benefit",
                "risk_environment",
                "risk_security",
                "risk_democracy",
                "sources",
                "decision_note",
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "partner").queryset = Partner.objects.order_by("name")
        model_choice(self, "partnership").queryset = Partnership.objects.select_related(
            "partner"
        ).order_by("partner__name")


class ProposalForm(forms.ModelForm):
    """The public form. `website` is a honeypot: a hidden input people never fill, which
    form-filling robots do (the rate limit in the view stops the rest)."""

    website = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)

    class Meta:
        model = TwinTownProposal
        fields = [
            "proposer_kind",
            "committee",
            "proposer_name",
            "proposer_email",
            "town",
            "country",
            "motivation",
        ]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 5, "maxlength": 4000})}
        help_texts = {
            "committee": _("Fyll i om förslaget kommer från en nämnd eller styrelse."),
            "proposer_email": _(
                "Används bara för att samordnaren ska kunna svara dig. Publiceras aldrig."
            ),
        }

    def clean_motivation(self) -> str:
        text = self.cleaned_data["motivation"]
        if len(text) > 4000:
            raise forms.ValidationError(_("Skriv högst 4000 tecken."))
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("proposer_kind") == TwinTownProposal.ProposerKind.COMMITTEE and not data.get(
            "committee"
        ):
            self.add_error(
                "committee", _("Välj vilken nämnd eller styrelse förslaget kommer från.")
            )
        return data


class ProposalReviewForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = TwinTownProposal
        fields = ["status", "coordinator_note"]
        widgets = _textareas("coordinator_note")


class ImportUploadForm(forms.Form):
    file = uploads.CheckedFileField(
        rule=uploads.SHEET_IMPORTS,
        label=_("Excel-fil (.xlsx)"),
        help_text=_(
            "Första raden är rubriker: namn, land, region, webbplats, typ, sedan, status, "
            "förvaltning, beslutat av, beslutsdatum, paragraf, diarienummer."
        ),
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Namn eller e-postadress"), min_length=3, max_length=200, strip=True
    )


class ErasureForm(forms.Form):
    q = forms.CharField(widget=forms.HiddenInput, min_length=3, max_length=200)
    reason = forms.CharField(
        label=_("Skäl till raderingen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Till exempel: personen har begärt radering (artikel 17 GDPR)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Shown on the same page as the search form: ids of its own (the search has id_q).
        kwargs.setdefault("auto_id", "id_erasure_%s")
        super().__init__(*args, **kwargs)


class _HandoverFields(VersionedForm, forms.ModelForm):
    """The hand-over page: the new owner and deputy, when, and a note for the history."""

    date = forms.DateField(label=_("Datum för överlämningen"), widget=DateInput())
    note = forms.CharField(
        label=_("Anteckning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel varför ansvaret flyttas och vad den nya ansvariga ska veta."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].required = True
        self.fields["owner"].label = _("Ny förvaltningsansvarig")
        self.fields["deputy"].label = _("Ny ersättare")
        for name in ("owner", "deputy"):
            # Active coordinators and contacts; the present person stays listed even when
            # deactivated, so that the other of the two can be changed alone.
            current = getattr(self.instance, f"{name}_id", None)
            field = model_choice(self, name)
            field.queryset = responsible_candidates() | User.objects.filter(pk=current or 0)
            field.empty_label = _("– ingen –")
        self.initial.setdefault("date", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        owner, deputy = data.get("owner"), data.get("deputy")
        if owner is not None and deputy is not None and owner.pk == deputy.pk:
            self.add_error("deputy", _("Ersättaren kan inte vara samma person."))
        return data


class PartnershipHandoverForm(_HandoverFields):
    class Meta:
        model = Partnership
        fields = ["owner", "deputy"]


class MembershipHandoverForm(_HandoverFields):
    class Meta:
        model = NetworkMembership
        fields = ["owner", "deputy"]
