"""What the public sees: published partnerships, open data, and the proposal form."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from intl_portal.lib import flood
from intl_portal.lib.forms import add_errors, posted

from .. import selectors, services
from ..forms import ProposalForm
from ..map import partner_map


@require_GET
def public_partnership_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partners/public_list.html",
        {
            "partnerships": selectors.public_partnerships(),
            "partner_map": partner_map(selectors.map_places(public=True)),
        },
    )


# --- Proposal of a new twin town (Värmdö) -------------------------------------------------

PROPOSAL_LIMIT = getattr(settings, "PARTNERS_PROPOSAL_LIMIT", 5)
PROPOSAL_WINDOW_SECONDS = 60 * 60


def reset_proposal_limit(ip: str) -> None:
    """Forget an address's count (tests; an administrator after a false alarm)."""
    flood.reset(scope="partner-proposal", ip=ip)


def _over_limit(request: HttpRequest) -> bool:
    return flood.over_limit(
        request,
        scope="partner-proposal",
        limit=PROPOSAL_LIMIT,
        window_seconds=PROPOSAL_WINDOW_SECONDS,
    )


@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(posted(request))
    status = 200
    if request.method == "POST":
        if _over_limit(request):
            form.is_valid()
            form.add_error(
                None,
                _("Du har skickat många förslag på kort tid. Försök igen om en stund."),
            )
            return render(request, "partners/proposal_form.html", {"form": form}, status=429)
        if form.is_valid():
            if form.cleaned_data.get("website"):
                # The honeypot was filled in: a robot. Say thanks, store nothing.
                return redirect("public_partnerships:proposal-thanks")
            try:
                services.proposal_submit(data=form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect("public_partnerships:proposal-thanks")
        status = 400
    return render(request, "partners/proposal_form.html", {"form": form}, status=status)


@require_GET
def proposal_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "partners/proposal_thanks.html")
