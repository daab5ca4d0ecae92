"""List filters (django-filter): search, and the facets every list offers."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from intl_portal.lib.widgets import Select
from intl_portal.organisation.models import Department, FocusArea, SustainableDevelopmentGoal

from .models import (
    NetworkMembership,
    Partner,
    Partnership,
    SelectionAnalysis,
    TwinTownProposal,
)

YES_NO = [("yes", _("Ja")), ("no", _("Nej"))]


def country_choices() -> list[tuple[str, str]]:
    """The countries by name in the current language, for a filter's choices.

    A callable: django-countries keeps the list per language, where the `countries` object
    itself would be translated and normalised option by option on every use (milliseconds each
    time a form is validated or drawn).
    """
    return list(countries)


class SearchFilterSet(django_filters.FilterSet):
    """A free-text `q` over the fields a subclass names in `search_fields`."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(label=_("Sök"), method="search", max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():  # before the form is built from them
            if isinstance(filter_, django_filters.ChoiceFilter | django_filters.ModelChoiceFilter):
                filter_.extra["empty_label"] = _("Alla")
                filter_.extra.setdefault("widget", Select)  # same HTML, rendered faster
        for field in self.form.fields.values():
            is_choice = isinstance(field, forms.ChoiceField)
            field.widget.attrs["class"] = "form-select" if is_choice else "form-control"

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class PartnershipFilter(SearchFilterSet):
    search_fields = ("partner__name", "partner__region", "description", "case_number")
    country = django_filters.ChoiceFilter(
        label=_("Land"), field_name="partner__country", choices=country_choices
    )
    kind = django_filters.ChoiceFilter(label=_("Typ"), choices=Partnership.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Partnership.Status.choices)
    department = django_filters.ModelChoiceFilter(
        label=_("Förvaltning"), queryset=Department.objects.order_by("name")
    )
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Fokusområde"),
        field_name="focus_areas",
        queryset=FocusArea.objects.order_by("name"),
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("Globalt mål (Agenda 2030)"),
        field_name="sdgs",
        queryset=SustainableDevelopmentGoal.objects.all(),
    )
    dormant = django_filters.ChoiceFilter(
        label=_("Flaggad som vilande"), choices=YES_NO, method="filter_dormant"
    )

    class Meta:
        model = Partnership
        fields: list[str] = []

    def filter_dormant(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(dormancy_flag=value == "yes")


class PartnerFilter(SearchFilterSet):
    search_fields = ("name", "region", "notes")
    country = django_filters.ChoiceFilter(label=_("Land"), choices=country_choices)
    kind = django_filters.ChoiceFilter(
        label=_("Typ av partnerskap"),
        field_name="partnerships__kind",
        choices=Partnership.Kind.choices,
        distinct=True,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status för partnerskap"),
        field_name="partnerships__status",
        choices=Partnership.Status.choices,
        distinct=True,
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Förvaltning"),
        field_name="partnerships__department",
        queryset=Department.objects.order_by("name"),
        distinct=True,
    )
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Fokusområde"),
        field_name="partnerships__focus_areas",
        queryset=FocusArea.objects.order_by("name"),
        distinct=True,
    )

    class Meta:
        model = Partner
        fields: list[str] = []


class MembershipFilter(SearchFilterSet):
    search_fields = ("name", "description")
    scope = django_filters.ChoiceFilter(label=_("Nivå"), choices=NetworkMembership.Scope.choices)
    is_active = django_filters.ChoiceFilter(
        label=_("Aktivt medlemskap"), choices=YES_NO, method="filter_active"
    )
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Fokusområde"),
        field_name="focus_areas",
        queryset=FocusArea.objects.order_by("name"),
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("Globalt mål (Agenda 2030)"),
        field_name="sdgs",
        queryset=SustainableDevelopmentGoal.objects.all(),
    )

    class Meta:
        model = NetworkMembership
        fields: list[str] = []

    def filter_active(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(is_active=value == "yes")


class SelectionAnalysisFilter(SearchFilterSet):
    search_fields = ("title", "partner__name", "purpose_and_goals")
    country = django_filters.ChoiceFilter(
        label=_("Land"), field_name="partner__country", choices=country_choices
    )
    decision = django_filters.ChoiceFilter(
        label=_("Beslut"), choices=SelectionAnalysis.Decision.choices
    )

    class Meta:
        model = SelectionAnalysis
        fields: list[str] = []


class ProposalFilter(SearchFilterSet):
    search_fields = ("town", "motivation")
    country = django_filters.ChoiceFilter(label=_("Land"), choices=country_choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=TwinTownProposal.Status.choices)
    proposer_kind = django_filters.ChoiceFilter(
        label=_("Förslaget kommer från"), choices=TwinTownProposal.ProposerKind.choices
    )

    class Meta:
        model = TwinTownProposal
        fields: list[str] = []
