"""Owner and deputy of partnerships and network memberships: the hand-over page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from intl_portal.lib.forms import posted, save_form
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest

from .. import services
from ..forms import MembershipHandoverForm, PartnershipHandoverForm
from ..models import NetworkMembership, Partnership


def _hand_over(
    request: AuthenticatedRequest, relationship: Any, form_class: Any, *, title: str, back: str
) -> HttpResponse:
    if not policy.may_hand_over(request.user, relationship):
        raise PermissionDenied
    form = form_class(posted(request), instance=relationship)
    return save_form(
        request,
        form,
        lambda data, opened: services.relationship_hand_over(
            user=request.user, relationship=relationship, data=data, opened=opened
        ),
        template="partners/handover_form.html",
        context={"relationship": relationship, "title": title, "back": back},
        success=_("Ansvaret lämnades över."),
        redirect_to=back,
    )


@require_http_methods(["GET", "POST"])
@login_required
def partnership_hand_over(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(
        Partnership.objects.select_related("partner", "owner", "deputy"), pk=pk
    )
    return _hand_over(
        request,
        partnership,
        PartnershipHandoverForm,
        title=str(partnership),
        back=reverse("partners:partnership-detail", args=[pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def membership_hand_over(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        NetworkMembership.objects.select_related("owner", "deputy"), pk=pk
    )
    return _hand_over(
        request,
        membership,
        MembershipHandoverForm,
        title=membership.name,
        back=reverse("partners:membership-detail", args=[pk]),
    )
