"""Memberships with benefit analyses and reports; partner-selection analyses."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from intl_portal.lib.forms import posted, save_form
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest

from .. import selectors, services
from ..filters import MembershipFilter, SelectionAnalysisFilter
from ..forms import (
    BenefitAnalysisForm,
    MembershipForm,
    NetworkReportForm,
    SelectionAnalysisForm,
)
from ..listing import build_listing
from ..models import BenefitAnalysis, NetworkMembership, SelectionAnalysis

MEMBERSHIP_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "scope": ("scope",),
    "since": ("member_since",),
    "fee": ("yearly_fee_sek",),
    "analysis": ("latest_analysis_year",),
}
SELECTION_SORTS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "partner": ("partner__name",),
    "decision": ("decision",),
    "created": ("created_at",),
}


def _listing_response(request: HttpRequest, template: str, listing: Any, **extra: Any) -> Any:
    return render(
        request,
        template,
        {"listing": listing, "page": listing.page, "page_query": listing.page_query, **extra},
        status=200 if listing.is_valid or not listing.filterset.is_bound else 400,
    )


def membership_listing(request: HttpRequest) -> Any:
    return build_listing(
        request,
        selectors.memberships_for_list(),
        filterset_class=MembershipFilter,
        sorts=MEMBERSHIP_SORTS,
        default_sort="name",
    )


@require_GET
@login_required
def membership_list(request: AuthenticatedRequest) -> HttpResponse:
    return _listing_response(
        request,
        "partners/membership_list.html",
        membership_listing(request),
        may_manage=policy.may_manage_networks(request.user),
    )


@require_GET
@login_required
def membership_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        membership = selectors.membership_detail(pk=pk)
    except NetworkMembership.DoesNotExist as exc:
        raise Http404 from exc
    representatives = list(membership.representatives.all())
    is_representative = any(r.pk == request.user.pk for r in representatives)
    return render(
        request,
        "partners/membership_detail.html",
        {
            "membership": membership,
            "representatives": representatives,
            "trend": selectors.benefit_trend(list(membership.analyses.all())),
            "may_manage": policy.may_manage_networks(request.user),
            "may_report": policy.may_report_for_network(
                request.user, is_representative=is_representative
            ),
            "may_hand_over": policy.may_hand_over(request.user, membership),
            "handover_url": reverse("partners:membership-handover", args=[pk]),
        },
    )


def _require_manager(request: HttpRequest) -> None:
    if not policy.may_manage_networks(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
@login_required
def membership_create(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    return save_form(
        request,
        MembershipForm(posted(request)),
        lambda data: services.membership_save(user=request.user, data=data),
        template="partners/simple_form.html",
        context={
            "heading": _("Nytt medlemskap"),
            "cancel_url": reverse("partners:membership-list"),
        },
        success=_("Medlemskapet sparades."),
        redirect_to=lambda m: reverse("partners:membership-detail", args=[m.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def membership_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(NetworkMembership, pk=pk)
    _require_manager(request)
    return save_form(
        request,
        MembershipForm(posted(request), instance=membership),
        lambda data, opened: services.membership_save(
            user=request.user, data=data, membership=membership, opened=opened
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Ändra %(name)s") % {"name": membership.name},
            "cancel_url": reverse("partners:membership-detail", args=[pk]),
        },
        success=_("Ändringarna sparades."),
        redirect_to=reverse("partners:membership-detail", args=[pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def analysis_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(NetworkMembership, pk=pk)
    _require_manager(request)
    return save_form(
        request,
        BenefitAnalysisForm(posted(request), initial={"year": timezone.localdate().year}),
        lambda data: services.benefit_analysis_save(
            membership=membership, user=request.user, data=data
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Nyttoanalys av %(name)s") % {"name": membership.name},
            "cancel_url": reverse("partners:membership-detail", args=[pk]),
        },
        success=_("Nyttoanalysen sparades."),
        redirect_to=reverse("partners:membership-detail", args=[pk]) + "#analyses",
    )


@require_http_methods(["GET", "POST"])
@login_required
def analysis_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    analysis = get_object_or_404(BenefitAnalysis.objects.select_related("membership"), pk=pk)
    _require_manager(request)
    membership = analysis.membership
    return save_form(
        request,
        BenefitAnalysisForm(posted(request), instance=analysis),
        lambda data, opened: services.benefit_analysis_save(
            membership=membership, user=request.user, data=data, analysis=analysis, opened=opened
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Nyttoanalys av %(name)s %(year)s")
            % {"name": membership.name, "year": analysis.year},
            "cancel_url": reverse("partners:membership-detail", args=[membership.pk]),
        },
        success=_("Nyttoanalysen sparades."),
        redirect_to=reverse("partners:membership-detail", args=[membership.pk]) + "#analyses",
    )


@require_http_methods(["GET", "POST"])
@login_required
def report_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(NetworkMembership, pk=pk)
    is_representative = membership.representatives.filter(pk=request.user.pk).exists()
    if not policy.may_report_for_network(request.user, is_representative=is_representative):
        raise PermissionDenied
    return save_form(
        request,
        NetworkReportForm(posted(request)),
        lambda data: services.network_report_create(
            membership=membership, user=request.user, data=data
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Rapport från %(name)s") % {"name": membership.name},
            "cancel_url": reverse("partners:membership-detail", args=[pk]),
        },
        success=_("Rapporten sparades."),
        redirect_to=reverse("partners:membership-detail", args=[pk]) + "#reports",
    )


# --- Partner-selection analyses (Lidköping) -----------------------------------------------


@require_GET
@login_required
def selection_list(request: AuthenticatedRequest) -> HttpResponse:
    listing = build_listing(
        request,
        selectors.selection_analyses_for_list(),
        filterset_class=SelectionAnalysisFilter,
        sorts=SELECTION_SORTS,
        default_sort="-created",
    )
    return _listing_response(
        request,
        "partners/selection_list.html",
        listing,
        may_manage=policy.may_manage_networks(request.user),
    )


@require_GET
@login_required
def selection_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    analysis = get_object_or_404(
        SelectionAnalysis.objects.select_related("partner", "partnership__partner", "author"),
        pk=pk,
    )
    return render(
        request,
        "partners/selection_detail.html",
        {"analysis": analysis, "may_manage": policy.may_manage_networks(request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def selection_create(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    initial = {}
    if request.GET.get("partner", "").isdigit():
        initial["partner"] = request.GET["partner"]
    return save_form(
        request,
        SelectionAnalysisForm(posted(request), initial=initial),
        lambda data: services.selection_analysis_save(user=request.user, data=data),
        template="partners/simple_form.html",
        context={
            "heading": _("Ny urvalsanalys"),
            "intro": _(
                "Inför ett nytt samarbete: syfte och mål, grunden för valet av part, nytta "
                "och risker. Använd Utrikesdepartementets rapporter om mänskliga rättigheter, "
                "demokrati och rättsstatens principer."
            ),
            "cancel_url": reverse("partners:selection-list"),
            "aside_url": reverse("partners:partner-create") + "?then=selection",
            "aside_text": _("Finns inte partnern i listan? Registrera partnern först."),
        },
        success=_("Urvalsanalysen sparades."),
        redirect_to=lambda a: reverse("partners:selection-detail", args=[a.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def selection_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    analysis = get_object_or_404(SelectionAnalysis, pk=pk)
    _require_manager(request)
    return save_form(
        request,
        SelectionAnalysisForm(posted(request), instance=analysis),
        lambda data, opened: services.selection_analysis_save(
            user=request.user, data=data, analysis=analysis, opened=opened
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Ändra urvalsanalys"),
            "cancel_url": reverse("partners:selection-detail", args=[pk]),
        },
        success=_("Ändringarna sparades."),
        redirect_to=reverse("partners:selection-detail", args=[pk]),
    )
