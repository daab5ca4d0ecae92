"""What the public sees: published partnerships, open data, and the proposal form."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_GET, require_http_methods

from intl_portal.lib import flood
from intl_portal.lib.tabular import csv_response

from .. import selectors, services
from ..forms import ProposalForm
from ..map import partner_map
from ..models import Partnership
from .common import add_errors

OPEN_DATA_MAX_AGE = 60 * 60
OPEN_DATA_FIELDS = [
    "id",
    "partner",
    "country",
    "country_name",
    "region",
    "website",
    "kind",
    "kind_label",
    "since_year",
    "status",
    "status_label",
    "decision_body",
    "decision_date",
    "focus_areas",
    "description",
]


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


def _open_row(p: Partnership) -> dict[str, Any]:
    """Published fields only: no people, no internal notes, no dates of contact."""
    return {
        "id": p.pk,
        "partner": p.partner.name,
        "country": p.partner.country.code,
        "country_name": str(p.partner.country.name),
        "region": p.partner.region,
        "website": p.partner.website,
        "kind": p.kind,
        "kind_label": str(p.get_kind_display()),
        "since_year": p.since_year,
        "status": p.status,
        "status_label": str(selectors.partnership_status(p)),
        "decision_body": p.decision_body,
        "decision_date": p.decision_date.isoformat() if p.decision_date else None,
        "focus_areas": [area.name for area in p.focus_areas.all()],
        "description": p.description,
    }


def _open_rows() -> list[dict[str, Any]]:
    with override("sv"):  # open data is stable: always the Swedish labels
        return [_open_row(p) for p in selectors.public_partnerships()]


def _cacheable(request: HttpRequest, response: HttpResponse, body: bytes) -> HttpResponse:
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=OPEN_DATA_MAX_AGE)
    return response


@require_GET
def open_partnerships_json(request: HttpRequest) -> HttpResponse:
    rows = _open_rows()
    response = JsonResponse(
        {"fields": OPEN_DATA_FIELDS, "count": len(rows), "partnerships": rows},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    return _cacheable(request, response, response.content)


@require_GET
def open_partnerships_csv(request: HttpRequest) -> HttpResponse:
    rows = _open_rows()
    table = [
        [row[name] if name != "focus_areas" else ", ".join(row[name]) for name in OPEN_DATA_FIELDS]
        for row in rows
    ]
    response = csv_response("partnerships", OPEN_DATA_FIELDS, table)
    response["Content-Disposition"] = 'inline; filename="partnerships.csv"'
    return _cacheable(request, response, response.content)


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
    form = ProposalForm(request.POST if request.method == "POST" else None)
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
