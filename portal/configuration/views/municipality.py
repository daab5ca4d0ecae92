"""The settings overview and the municipality's profile with its logo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from intl_portal.lib import concurrency, uploads
from intl_portal.organisation import services as organisation
from intl_portal.organisation.http import AuthenticatedRequest
from intl_portal.organisation.models import Municipality, User

from .. import forms
from ..kinds import KIND_ORDER, KINDS
from .common import coordinator_only, render_settings


@require_GET
@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    coordinator_only(request)
    sections = [
        (kind, KINDS[kind].plural, KINDS[kind].model.objects.count()) for kind in KIND_ORDER
    ]
    return render_settings(
        request,
        "settings/index.html",
        {
            "sections": sections,
            "user_count": User.objects.filter(is_active=True).count(),
        },
        section="index",
    )


@require_http_methods(["GET", "POST"])
@login_required
def municipality(request: AuthenticatedRequest) -> HttpResponse:
    coordinator_only(request)
    current = Municipality.current()
    posted = request.method == "POST"
    form = forms.MunicipalityForm(
        request.POST if posted else None, request.FILES if posted else None, instance=current
    )
    submission = concurrency.submit(
        request,
        form,
        lambda data, opened: organisation.municipality_update(
            municipality=current, data=data, opened=opened
        ),
        extra=form.logo_change() if posted and form.is_valid() else None,
    )
    if submission.saved is not None:
        messages.success(request, _("Kommunens uppgifter är sparade."))
        return redirect("settings:municipality")
    return render_settings(
        request,
        "settings/municipality.html",
        {**submission.context, "current": current},
        section="municipality",
        status=submission.status,
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
    kind = uploads.sniff(handle)
    if kind not in uploads.LOGOS.kinds:
        raise Http404
    response = FileResponse(handle, content_type=uploads.KINDS[kind].content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
