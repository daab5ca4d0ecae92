"""The settings area ("Inställningar"): coordinators run the portal without the Django admin.

It spans the organisation core (municipality, committees, departments, focus areas, users),
the project bank's reference data (funding programmes, exchange rates) and the strategy's
working methods, so it lives beside the URL conf in the composition root and asks each app's
own services to write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans.models import WorkingMethod
from actionplans.services import working_methods
from intl_portal.organisation import policy
from intl_portal.organisation import services as organisation
from intl_portal.organisation.http import AuthenticatedRequest
from intl_portal.organisation.models import (
    Committee,
    Department,
    FocusArea,
    Municipality,
    Role,
    User,
)
from projects import reference_data
from projects.models import ExchangeRate, FundingProgramme

from . import forms, logo


def _coordinator_only(request: HttpRequest) -> None:
    if not policy.may_manage_settings(request.user):
        raise PermissionDenied


def _add_errors(form: django_forms.BaseForm, exc: ValidationError) -> None:
    """A service's refusal shown on the form; unknown fields become form-wide errors."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc)


def _status(form: django_forms.BaseForm) -> int:
    return 400 if form.is_bound and form.errors else 200


def _render(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    section: str,
    status: int = 200,
) -> HttpResponse:
    """Render a settings page with the area's navigation."""
    sections = [
        ("index", _("Översikt"), reverse("settings:index")),
        ("municipality", _("Kommunen"), reverse("settings:municipality")),
        ("users", _("Användare"), reverse("settings:user-list")),
        *(
            (kind, KINDS[kind].plural, reverse("settings:kind-list", kwargs={"kind": kind}))
            for kind in KIND_ORDER
        ),
    ]
    context = {**context, "settings_sections": sections, "section": section}
    return render(request, template, context, status=status)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


# --- The index ------------------------------------------------------------------------------


@require_GET
@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    _coordinator_only(request)
    sections = [
        (kind, KINDS[kind].plural, KINDS[kind].model.objects.count()) for kind in KIND_ORDER
    ]
    return _render(
        request,
        "settings/index.html",
        {
            "sections": sections,
            "user_count": User.objects.filter(is_active=True).count(),
        },
        section="index",
    )


# --- The municipality and its logo ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def municipality(request: AuthenticatedRequest) -> HttpResponse:
    _coordinator_only(request)
    current = Municipality.current()
    form = forms.MunicipalityForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=current,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        uploaded = data.pop("logo_file", None)
        remove = data.pop("remove_logo", False)
        extension = logo.EXTENSIONS[logo.validate(uploaded)] if uploaded else ""
        try:
            organisation.municipality_update(
                municipality=current,
                logo=uploaded or None,
                logo_extension=extension,
                remove_logo=remove,
                **data,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Kommunens uppgifter är sparade."))
            return redirect("settings:municipality")
    return _render(
        request,
        "settings/municipality.html",
        {"form": form, "current": current},
        section="municipality",
        status=_status(form),
    )


@require_GET
@cache_control(public=True, max_age=300)
def municipality_logo(request: HttpRequest) -> FileResponse:
    """The logo in the header of every page, public pages included."""
    current = Municipality.objects.order_by("pk").first()
    if current is None or not current.logo:
        raise Http404
    try:
        handle = current.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = logo.sniff(handle.read(16)) or "application/octet-stream"
    handle.seek(0)
    return FileResponse(handle, content_type=content_type)


# --- Reference data: one list, create and edit page per kind --------------------------------


@dataclass(frozen=True)
class Kind:
    # Any: each kind is a different model; the KINDS table pairs them with their services.
    model: Any
    form: type[django_forms.ModelForm]
    create: Callable[..., models.Model]
    update: Callable[[Any, dict[str, Any]], models.Model]
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
        lambda obj, data: organisation.committee_update(committee=obj, **data),
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
        lambda obj, data: organisation.department_update(department=obj, **data),
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
        lambda obj, data: organisation.focus_area_update(focus_area=obj, **data),
        gettext_lazy("Fokusområden"),
        gettext_lazy("fokusområde"),
        gettext_lazy("Styrdokumentets inriktningar som projekt, vänorter och mål kopplas till."),
        (("name", gettext_lazy("Namn")), ("description", gettext_lazy("Beskrivning"))),
    ),
    "working-methods": Kind(
        WorkingMethod,
        forms.WorkingMethodForm,
        working_methods.working_method_create,
        lambda obj, data: working_methods.working_method_update(method=obj, **data),
        gettext_lazy("Arbetssätt"),
        gettext_lazy("arbetssätt"),
        gettext_lazy("Styrdokumentets arbetssätt, t.ex. omvärldsanalys och värdskap."),
        (("name", gettext_lazy("Namn")), ("description", gettext_lazy("Beskrivning"))),
    ),
    "programmes": Kind(
        FundingProgramme,
        forms.FundingProgrammeForm,
        reference_data.funding_programme_create,
        lambda obj, data: reference_data.funding_programme_update(programme=obj, **data),
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
        lambda obj, data: reference_data.exchange_rate_update(rate=obj, **data),
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


def _kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError as exc:
        raise Http404 from exc


def _cells(obj: models.Model, kind: Kind) -> list[Any]:
    cells = []
    for field, _label in kind.columns:
        display = getattr(obj, f"get_{field}_display", None)
        value = display() if display else getattr(obj, field)
        cells.append(formats.localize(value) if isinstance(value, Decimal) else value)
    return cells


@require_GET
@login_required
def kind_list(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    _coordinator_only(request)
    config = _kind(kind)
    objects = config.model.objects.select_related(*config.select_related)
    has_active = any(f.name == "is_active" for f in config.model._meta.fields)
    rows = [
        {
            "obj": obj,
            "cells": _cells(obj, config),
            "is_active": getattr(obj, "is_active", True),
            "history_label": obj._meta.label_lower,
        }
        for obj in objects
    ]
    return _render(
        request,
        "settings/kind_list.html",
        {
            "kind": kind,
            "config": config,
            "rows": rows,
            "has_active": has_active,
            "is_rates": kind == "exchange-rates",
        },
        section=kind,
    )


def _kind_form(request: HttpRequest, kind: str, obj: models.Model | None) -> HttpResponse:
    config = _kind(kind)
    form = config.form(request.POST if request.method == "POST" else None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            if obj is None:
                config.create(**form.cleaned_data)
            else:
                config.update(obj, form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Sparat."))
            return redirect("settings:kind-list", kind=kind)
    return _render(
        request,
        "settings/kind_form.html",
        {"form": form, "kind": kind, "config": config, "obj": obj},
        section=kind,
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def kind_create(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    _coordinator_only(request)
    return _kind_form(request, kind, None)


@require_http_methods(["GET", "POST"])
@login_required
def kind_edit(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    _coordinator_only(request)
    obj = get_object_or_404(_kind(kind).model, pk=pk)
    return _kind_form(request, kind, obj)


@require_http_methods(["GET", "POST"])
@login_required
def rate_import(request: AuthenticatedRequest) -> HttpResponse:
    _coordinator_only(request)
    form = forms.ExchangeRateImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        result = reference_data.exchange_rates_import(name=uploaded.name, data=uploaded.read())
        if not result.errors:
            messages.success(
                request,
                _(
                    "Kurserna är inlästa: %(created)s nya, %(updated)s ändrade, "
                    "%(unchanged)s oförändrade."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("settings:kind-list", kind="exchange-rates")
        errors = result.errors
    status = 400 if (form.is_bound and form.errors) or errors else 200
    return _render(
        request,
        "settings/rate_import.html",
        {"form": form, "errors": errors},
        section="exchange-rates",
        status=status,
    )


# --- Users ------------------------------------------------------------------------------------


@require_GET
@login_required
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    _coordinator_only(request)
    users = User.objects.select_related("department").order_by(
        "-is_active", "last_name", "username"
    )
    return _render(
        request, "settings/user_list.html", {"users": users, "Role": Role}, section="users"
    )


@require_http_methods(["GET", "POST"])
@login_required
def user_invite(request: AuthenticatedRequest) -> HttpResponse:
    _coordinator_only(request)
    form = forms.UserInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user, sent = organisation.user_invite(**form.cleaned_data, base_url=_base_url(request))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            _mail_message(
                request, sent, _("En inbjudan har skickats till %(email)s.") % {"email": user.email}
            )
            return redirect("settings:user-list")
    return _render(
        request,
        "settings/user_form.html",
        {"form": form, "invite": True},
        section="users",
        status=_status(form),
    )


def _mail_message(request: HttpRequest, sent: bool, success: str) -> None:
    if sent:
        messages.success(request, success)
    else:
        messages.warning(
            request,
            _(
                "E-postmeddelandet kunde inte skickas. Kontrollera e-postinställningarna "
                "och försök igen."
            ),
        )


@require_http_methods(["GET", "POST"])
@login_required
def user_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _coordinator_only(request)
    user = get_object_or_404(User, pk=pk)
    form = forms.UserForm(request.POST if request.method == "POST" else None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            organisation.user_update(user=user, changed_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Användaren är sparad."))
            return redirect("settings:user-list")
    history = user.history.select_related("history_user").order_by("-history_date")[:10]
    return _render(
        request,
        "settings/user_form.html",
        {
            "form": form,
            "person": user,
            "history": history,
            "local_passwords": organisation.local_passwords(),
        },
        section="users",
        status=_status(form),
    )


def _user_action(request: HttpRequest, pk: int, action: Callable[[User], str]) -> HttpResponse:
    _coordinator_only(request)
    user = get_object_or_404(User, pk=pk)
    try:
        text = action(user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if text:
            messages.success(request, text)
    return redirect(reverse("settings:user-edit", kwargs={"pk": pk}))


@require_POST
@login_required
def user_deactivate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def deactivate(user: User) -> str:
        organisation.user_deactivate(user=user, changed_by=request.user)
        return _("Kontot är avslutat och alla inloggningar är avbrutna.")

    return _user_action(request, pk, deactivate)


@require_POST
@login_required
def user_reactivate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def reactivate(user: User) -> str:
        organisation.user_reactivate(user=user)
        return _("Kontot är aktivt igen.")

    return _user_action(request, pk, reactivate)


@require_POST
@login_required
def user_reinvite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def reinvite(user: User) -> str:
        _link, sent = organisation.user_send_invitation(user=user, base_url=_base_url(request))
        _mail_message(
            request, sent, _("En ny inbjudan har skickats till %(email)s.") % {"email": user.email}
        )
        return ""

    return _user_action(request, pk, reinvite)


@require_POST
@login_required
def user_password_reset(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def reset(user: User) -> str:
        sent = organisation.user_send_password_reset(user=user, base_url=_base_url(request))
        _mail_message(
            request,
            sent,
            _("En länk för att välja nytt lösenord har skickats till %(email)s.")
            % {"email": user.email},
        )
        return ""

    return _user_action(request, pk, reset)
