"""The project bank's filters (django-filter) and its whitelisted sort orders."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from intl_portal.lib.widgets import Select
from intl_portal.organisation.models import Department, FocusArea, SustainableDevelopmentGoal
from partners.filters import country_choices

from .models import FundingProgramme, Project

SORTS: dict[str, tuple[tuple[str, ...], Any]] = {
    "title": (("title", "pk"), _("Titel A–Ö")),
    "-start": (("-start_date", "title", "pk"), _("Startdatum, senaste först")),
    "start": (("start_date", "title", "pk"), _("Startdatum, äldsta först")),
    "-grant": (("-grant_amount", "title", "pk"), _("Beviljat bidrag, störst först")),
    "department": (("department__name", "title", "pk"), _("Förvaltning")),
    "-updated": (("-updated_at", "pk"), _("Senast ändrade")),
}
DEFAULT_SORT = "title"


def order_by_param(qs: QuerySet[Project], sort: str) -> QuerySet[Project]:
    fields, _label = SORTS.get(sort, SORTS[DEFAULT_SORT])
    return qs.order_by(*fields)


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Sök"), method="search")
    department = django_filters.ModelChoiceFilter(
        label=_("Förvaltning"), queryset=Department.objects.all(), empty_label=_("Alla")
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Program"), queryset=FundingProgramme.objects.all(), empty_label=_("Alla")
    )
    phase = django_filters.ChoiceFilter(
        label=_("Fas"), choices=Project.Phase.choices, empty_label=_("Alla")
    )
    year = django_filters.NumberFilter(
        label=_("År"),
        method="running_in_year",
        widget=forms.NumberInput(attrs={"min": 1990, "max": 2100}),
    )
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Fokusområde"),
        queryset=FocusArea.objects.all(),
        method="with_focus_area",
        empty_label=_("Alla"),
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("Globalt mål (Agenda 2030)"),
        queryset=SustainableDevelopmentGoal.objects.all(),
        method="with_sdg",
        empty_label=_("Alla"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Partnerland"),
        choices=country_choices,
        method="with_country",
        empty_label=_("Alla"),
    )

    class Meta:
        model = Project
        fields = ["q", "department", "programme", "phase", "year", "focus_area", "sdg", "country"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():  # before the form is built from them
            if isinstance(filter_, django_filters.ChoiceFilter | django_filters.ModelChoiceFilter):
                filter_.extra.setdefault("widget", Select)  # same HTML, rendered faster
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css
            field.required = False

    def search(self, qs: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        value = value.strip()
        if not value:
            return qs
        # Partner names through a subquery, so that rows never repeat and sums stay right.
        partners = Project.partners.through.objects.filter(partner__name__icontains=value)
        return qs.filter(
            Q(title__icontains=value)
            | Q(acronym__icontains=value)
            | Q(programme_reference__icontains=value)
            | Q(pk__in=partners.values("project_id"))
        )

    def running_in_year(self, qs: QuerySet[Project], name: str, value: Any) -> QuerySet[Project]:
        year = int(value)
        if not 1900 <= year <= 2200:
            return qs.none()
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return qs.filter(Q(start_date__isnull=True) | Q(start_date__lte=last)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=first)
        )

    # M2M filters go through a subquery so that rows never repeat and sums stay right.
    def with_focus_area(self, qs: QuerySet[Project], name: str, value: Any) -> QuerySet[Project]:
        through = Project.focus_areas.through.objects.filter(focusarea=value)
        return qs.filter(pk__in=through.values("project_id"))

    def with_sdg(self, qs: QuerySet[Project], name: str, value: Any) -> QuerySet[Project]:
        through = Project.sdgs.through.objects.filter(sustainabledevelopmentgoal=value)
        return qs.filter(pk__in=through.values("project_id"))

    def with_country(self, qs: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        through = Project.partners.through.objects.filter(partner__country=value)
        return qs.filter(pk__in=through.values("project_id"))
