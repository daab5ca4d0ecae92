"""The emission factors behind the travel climate figures: everyone internal reads them with
their sources; coordinators correct them."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from intl_portal.lib.concurrency import VersionedForm
from intl_portal.lib.forms import save_form
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest

from . import services, travel
from .models import EmissionFactor


class EmissionFactorForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = EmissionFactor
        fields = ["grams_per_km", "per_vehicle", "vehicle_capacity", "source", "year"]


@require_GET
@login_required
def emission_factor_list(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.may_view_internal(request.user):
        raise PermissionDenied
    return render(
        request,
        "projects/emission_factors.html",
        {
            "factors": sorted(travel.emission_factors().values(), key=lambda f: f.mode),
            "may_edit": policy.is_coordinator(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def emission_factor_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if not policy.is_coordinator(request.user):
        raise PermissionDenied
    try:
        factor = EmissionFactor.objects.get(pk=pk)
    except EmissionFactor.DoesNotExist as exc:
        raise Http404 from exc
    form = EmissionFactorForm(request.POST or None, instance=factor)
    return save_form(
        request,
        form,
        lambda data, opened=None: services.emission_factor_update(
            user=request.user, factor=factor, data=data, opened=opened
        ),
        template="projects/emission_factor_form.html",
        context={"factor": factor},
        success=_("Emissionsfaktorn är sparad."),
        redirect_to=reverse("projects:emission-factors"),
    )
