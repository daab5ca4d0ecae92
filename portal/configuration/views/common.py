"""What every settings page shares: the coordinator-only check and the area's navigation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from intl_portal.organisation import policy

from ..kinds import KIND_ORDER, KINDS


def coordinator_only(request: HttpRequest) -> None:
    if not policy.may_manage_settings(request.user):
        raise PermissionDenied


def render_settings(
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


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")
