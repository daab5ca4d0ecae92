"""Forms of the settings area. They validate input only; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actionplans.models import WorkingMethod
from intl_portal.lib import uploads
from intl_portal.lib.concurrency import VersionedForm
from intl_portal.lib.forms import model_choice
from intl_portal.organisation.models import (
    Committee,
    Department,
    FocusArea,
    Municipality,
    Role,
    User,
)
from projects.models import Currency, ExchangeRate, FundingProgramme


def _https_by_default(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


def _logo_name(municipality: Municipality) -> str | None:
    return municipality.logo.name or None


class MunicipalityForm(VersionedForm, forms.ModelForm):
    logo_file = uploads.CheckedFileField(
        rule=uploads.LOGOS,
        label=_("Ny logotyp"),
        required=False,
        help_text=_("PNG, JPEG eller WebP, högst 1 MB. Visas i sidhuvudet."),
    )
    remove_logo = forms.BooleanField(label=_("Ta bort logotypen"), required=False)
    # The stored logo is compared like a field: two people replacing it at once is a conflict.
    concurrency_readers = {"logo": _logo_name}
    concurrency_labels = {"logo": _("logotyp")}

    class Meta:
        model = Municipality
        fields = [
            "name",
            "logo_alt",
            "vision",
            "website",
            "contact_email",
            "site_url",
            "dormancy_years",
            "personal_data_retention_years",
        ]
        widgets = {"vision": forms.Textarea(attrs={"rows": 4})}
        formfield_callback = _https_by_default

    def typed(self) -> dict[str, Any]:
        """The profile's fields; the logo comes as one value from `logo_change`."""
        data = super().typed()
        data.pop("logo_file", None)
        data.pop("remove_logo", None)
        return data

    def logo_change(self) -> dict[str, Any]:
        """{"logo": the new, checked file} or {"logo": ""} to remove it; {} for no change."""
        uploaded = self.cleaned_data.get("logo_file")
        if uploaded:
            return {"logo": uploaded}
        if self.cleaned_data.get("remove_logo") and self.instance.logo:
            return {"logo": ""}
        return {}

    def clean_dormancy_years(self) -> int:
        years = self.cleaned_data["dormancy_years"]
        if not 1 <= years <= 50:
            raise forms.ValidationError(_("Ange ett antal år mellan 1 och 50."))
        return years

    def clean_personal_data_retention_years(self) -> int | None:
        years = self.cleaned_data["personal_data_retention_years"]
        if years is not None and not 1 <= years <= 50:
            raise forms.ValidationError(_("Ange ett antal år mellan 1 och 50."))
        return years


class CommitteeForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "abbreviation", "is_active"]


class DepartmentForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "abbreviation", "committee", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "committee").queryset = Committee.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.committee_id)
        )


class FocusAreaForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = FocusArea
        fields = ["name", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class WorkingMethodForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = WorkingMethod
        fields = ["name", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class FundingProgrammeForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = FundingProgramme
        fields = ["name", "sort_order", "is_active"]
        help_texts = {"sort_order": _("Lägre tal visas först i listor.")}


FOREIGN_CURRENCIES = [(code, label) for code, label in Currency.choices if code != Currency.SEK]


class ExchangeRateForm(VersionedForm, forms.ModelForm):
    currency = forms.ChoiceField(label=_("valuta"), choices=FOREIGN_CURRENCIES)
    sek_per_unit = forms.DecimalField(
        label=_("kronor per enhet"),
        max_digits=10,
        decimal_places=4,
        min_value=0.0001,
        localize=True,
        help_text=_("Årets genomsnittskurs, t.ex. 11,43 för en euro."),
    )

    class Meta:
        model = ExchangeRate
        fields = ["year", "currency", "sek_per_unit"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 1990 <= year <= 2100:
            raise forms.ValidationError(_("Ange ett år mellan 1990 och 2100."))
        return year


class ExchangeRateImportForm(forms.Form):
    file = uploads.CheckedFileField(
        rule=uploads.RATE_IMPORTS,
        label=_("Fil med årskurser"),
        help_text=_(
            "CSV (semikolon- eller kommaseparerad) eller Excel (.xlsx) med kolumnerna "
            "år, valuta och kurs (kronor per enhet)."
        ),
    )


ASSIGNABLE_ROLES = [(value, label) for value, label in Role.choices if value != Role.NONE]


class _UserRoleMixin(forms.Form):
    def _limit(self) -> None:
        role = self.fields["role"]
        if isinstance(role, forms.ChoiceField):
            role.choices = ASSIGNABLE_ROLES
        current = getattr(getattr(self, "instance", None), "department_id", None)
        model_choice(self, "department").queryset = Department.objects.filter(
            Q(is_active=True) | Q(pk=current)
        )
        self.fields["department"].help_text = _("Krävs för kontaktpersoner.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.CONTACT and not data.get("department"):
            self.add_error("department", _("En kontaktperson måste höra till en förvaltning."))
        return data


class UserInviteForm(_UserRoleMixin, forms.ModelForm):
    email = forms.EmailField(label=_("e-postadress"), max_length=150)

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "role", "department"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit()
        self.fields["role"].initial = Role.CONTACT
        self.fields["email"].help_text = _("Blir också användarnamnet vid inloggning.")


class UserForm(VersionedForm, _UserRoleMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role", "department"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit()
        self.fields["email"].required = True
