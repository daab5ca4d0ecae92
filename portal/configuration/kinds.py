"""The settings area's reference data: what each kind is, how it is listed and written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy

from actionplans.models import WorkingMethod
from actionplans.services import working_methods
from intl_portal.lib.concurrency import Opened
from intl_portal.organisation import services as organisation
from intl_portal.organisation.models import Committee, Department, FocusArea
from projects import reference_data
from projects.models import ExchangeRate, FundingProgramme

from . import forms


@dataclass(frozen=True)
class Kind:
    # Any: each kind is a different model; the KINDS table pairs them with their services.
    model: Any
    form: type[django_forms.ModelForm]
    create: Callable[..., models.Model]
    update: Callable[[Any, dict[str, Any], Opened | None], models.Model]
    plural: Any
    singular: Any
    intro: Any
    columns: tuple[tuple[str, Any], ...]
    select_related: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {
    "committees": Kind(
        Committee,
        forms.CommitteeForm,
        organisation.committee_create,
        lambda obj, data, opened: organisation.committee_update(
            committee=obj, data=data, opened=opened
        ),
        gettext_lazy("Nämnder"),
        gettext_lazy("nämnd"),
        gettext_lazy(
            "Kommunfullmäktige, kommunstyrelsen och nämnderna som förvaltningarna hör till."
        ),
        (("name", gettext_lazy("Namn")), ("abbreviation", gettext_lazy("Förkortning"))),
    ),
    "departments": Kind(
        Department,
        forms.DepartmentForm,
        organisation.department_create,
        lambda obj, data, opened: organisation.department_update(
            department=obj, data=data, opened=opened
        ),
        gettext_lazy("Förvaltningar"),
        gettext_lazy("förvaltning"),
        gettext_lazy(
            "En avvecklad förvaltning finns kvar på sina gamla projekt och i historiken, "
            "men kan inte väljas för nya."
        ),
        (
            ("name", gettext_lazy("Namn")),
            ("abbreviation", gettext_lazy("Förkortning")),
            ("committee", gettext_lazy("Nämnd")),
        ),
        ("committee",),
    ),
    "focus-areas": Kind(
        FocusArea,
        forms.FocusAreaForm,
        organisation.focus_area_create,
        lambda obj, data, opened: organisation.focus_area_update(
            focus_area=obj, data=data, opened=opened
        ),
        gettext_lazy("Fokusområden"),
        gettext_lazy("fokusområde"),
        gettext_lazy("Styrdokumentets inriktningar som projekt, vänorter och mål kopplas till."),
        (("name", gettext_lazy("Namn")), ("description", gettext_lazy("Beskrivning"))),
    ),
    "working-methods": Kind(
        WorkingMethod,
        forms.WorkingMethodForm,
        working_methods.working_method_create,
        lambda obj, data, opened: working_methods.working_method_update(
            method=obj, data=data, opened=opened
        ),
        gettext_lazy("Arbetssätt"),
        gettext_lazy("arbetssätt"),
        gettext_lazy("Styrdokumentets arbetssätt, t.ex. omvärldsanalys och värdskap."),
        (("name", gettext_lazy("Namn")), ("description", gettext_lazy("Beskrivning"))),
    ),
    "programmes": Kind(
        FundingProgramme,
        forms.FundingProgrammeForm,
        reference_data.funding_programme_create,
        lambda obj, data, opened: reference_data.funding_programme_update(
            programme=obj, data=data, opened=opened
        ),
        gettext_lazy("Finansieringsprogram"),
        gettext_lazy("finansieringsprogram"),
        gettext_lazy(
            "Programmen som projekt söker medel ur. Ett inaktivt program finns kvar på "
            "sina projekt men kan inte väljas för nya."
        ),
        (("name", gettext_lazy("Namn")), ("sort_order", gettext_lazy("Ordning"))),
    ),
    "exchange-rates": Kind(
        ExchangeRate,
        forms.ExchangeRateForm,
        reference_data.exchange_rate_create,
        lambda obj, data, opened: reference_data.exchange_rate_update(
            rate=obj, data=data, opened=opened
        ),
        gettext_lazy("Växelkurser"),
        gettext_lazy("växelkurs"),
        gettext_lazy(
            "Årets genomsnittskurs per valuta. Belopp i en valuta utan kurs för sitt år räknas "
            "inte om till kronor utan visas som ”kurs saknas”."
        ),
        (
            ("year", gettext_lazy("År")),
            ("currency", gettext_lazy("Valuta")),
            ("sek_per_unit", gettext_lazy("Kronor per enhet")),
        ),
    ),
}
KIND_ORDER = (
    "committees",
    "departments",
    "focus-areas",
    "working-methods",
    "programmes",
    "exchange-rates",
)


def kind_of(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError as exc:
        raise Http404 from exc
