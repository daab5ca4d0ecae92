"""Exports, the Excel import, proposals for the coordinator, and personal data."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intl_portal.lib.forms import add_errors, posted, save_form
from intl_portal.lib.tabular import SheetError, csv_response, xlsx_response
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest

from .. import imports, selectors, services
from .. import personal_data as people
from ..columns import MEMBERSHIP_COLUMNS, PARTNERSHIP_COLUMNS
from ..filters import ProposalFilter
from ..forms import ErasureForm, ImportUploadForm, PersonSearchForm, ProposalReviewForm
from ..listing import build_listing
from ..models import ErasureLog, TwinTownProposal
from .networks import membership_listing
from .registry import partnership_listing

EXPORT_FORMATS = {"csv": csv_response, "xlsx": xlsx_response}


def _exporter(fmt: str) -> Any:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    return EXPORT_FORMATS[fmt]


def _bad_filter(request: HttpRequest, listing: Any) -> HttpResponse | None:
    if listing.filterset.is_bound and not listing.is_valid:
        return HttpResponse(
            _("Filtret är ogiltigt: %(errors)s") % {"errors": listing.filterset.errors.as_text()},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return None


@require_GET
@login_required
def partnership_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    """The filtered list, all pages, without personal data."""
    exporter = _exporter(fmt)
    listing = partnership_listing(request, export=True)
    if bad := _bad_filter(request, listing):
        return bad
    columns = PARTNERSHIP_COLUMNS
    rows = columns.rows(listing.queryset)
    return exporter(_("partnerskap"), columns.headers(), rows)


@require_GET
@login_required
def membership_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    exporter = _exporter(fmt)
    listing = membership_listing(request)
    if bad := _bad_filter(request, listing):
        return bad
    columns = MEMBERSHIP_COLUMNS
    rows = columns.rows(listing.queryset)
    return exporter(_("natverk"), columns.headers(), rows)


# --- Import -------------------------------------------------------------------------------


def _require_manager(request: HttpRequest) -> None:
    if not policy.may_manage_networks(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
@login_required
def partnership_import(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a sheet and see every row checked; nothing is saved here."""
    _require_manager(request)
    form = ImportUploadForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
    )
    context: dict[str, Any] = {"form": form, "columns": imports.COLUMNS}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                preview = imports.partnerships_import_preview(
                    user=request.user, uploaded=form.cleaned_data["file"]
                )
            except SheetError as exc:
                form.add_error("file", str(exc))
            else:
                context["preview"] = preview
                status = 200 if preview.is_importable else 400
    return render(request, "partners/import.html", context, status=status)


@require_POST
@login_required
def partnership_import_confirm(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    token = request.POST.get("token", "")
    try:
        count = imports.partnerships_import_commit(user=request.user, token=token)
    except ValidationError as exc:
        form = ImportUploadForm()
        return render(
            request,
            "partners/import.html",
            {"form": form, "columns": imports.COLUMNS, "import_error": exc.messages[0]},
            status=400,
        )
    messages.success(
        request,
        ngettext(
            "%(count)s partnerskap importerades.", "%(count)s partnerskap importerades.", count
        )
        % {"count": count},
    )
    return redirect("partners:partnership-list")


@require_POST
@login_required
def partnership_import_cancel(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    imports.partnerships_import_cancel(user=request.user, token=request.POST.get("token", ""))
    messages.info(request, _("Importen avbröts. Ingenting sparades."))
    return redirect("partners:partnership-list")


# --- Proposals for the coordinator --------------------------------------------------------

PROPOSAL_SORTS: dict[str, tuple[str, ...]] = {
    "town": ("town",),
    "country": ("country",),
    "received": ("received_at",),
    "status": ("status",),
}


@require_GET
@login_required
def proposal_list(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.may_handle_proposals(request.user):
        raise PermissionDenied
    listing = build_listing(
        request,
        selectors.proposals_for_list(),
        filterset_class=ProposalFilter,
        sorts=PROPOSAL_SORTS,
        default_sort="-received",
    )
    return render(
        request,
        "partners/proposal_list.html",
        {"listing": listing, "page": listing.page, "page_query": listing.page_query},
        status=200 if listing.is_valid or not listing.filterset.is_bound else 400,
    )


@require_http_methods(["GET", "POST"])
@login_required
def proposal_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if not policy.may_handle_proposals(request.user):
        raise PermissionDenied
    proposal = get_object_or_404(TwinTownProposal.objects.select_related("committee"), pk=pk)
    return save_form(
        request,
        ProposalReviewForm(posted(request), instance=proposal),
        lambda data, opened: services.proposal_review(
            proposal=proposal, user=request.user, data=data, opened=opened
        ),
        template="partners/proposal_detail.html",
        context={
            "proposal": proposal,
            "existing_partner": selectors.partner_named(
                name=proposal.town,
                country=str(proposal.country.code or ""),  # type: ignore[attr-defined]  # a Country
            ),
        },
        success=_("Förslaget uppdaterades."),
        redirect_to=reverse("partners:proposal-detail", args=[pk]),
    )


# --- Personal data ------------------------------------------------------------------------


def _require_personal_data(request: HttpRequest) -> None:
    if not policy.may_handle_personal_data(request.user):
        raise PermissionDenied


@require_GET
@login_required
def personal_data(request: AuthenticatedRequest) -> HttpResponse:
    """Find a person; see what is stored; export it or erase it."""
    _require_personal_data(request)
    form = PersonSearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    status = 200
    if form.is_bound:
        if form.is_valid():
            query = form.cleaned_data["q"]
            context["records"] = people.person_records(query=query)
            context["erasure_form"] = ErasureForm(initial={"q": query})
        else:
            status = 400
    context["erasures"] = ErasureLog.objects.select_related("erased_by")[:20]
    return render(request, "partners/personal_data.html", context, status=status)


@require_GET
@login_required
def personal_data_export(request: AuthenticatedRequest) -> HttpResponse:
    _require_personal_data(request)
    form = PersonSearchForm(request.GET or None)
    if not form.is_valid():
        return HttpResponse(
            _("Ange namn eller e-postadress (minst 3 tecken)."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = people.person_data_export(user=request.user, query=form.cleaned_data["q"])
    data["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="personuppgifter.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def personal_data_erase(request: AuthenticatedRequest) -> HttpResponse:
    _require_personal_data(request)
    form = ErasureForm(request.POST)
    if form.is_valid():
        try:
            log = people.person_data_erase(
                user=request.user, query=form.cleaned_data["q"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Uppgifterna raderades: %(rows)s rader och %(history)s historikrader.")
                % {"rows": log.rows_erased, "history": log.history_rows_erased},
            )
            return redirect("partners:personal-data")
    query = request.POST.get("q", "")
    search = PersonSearchForm({"q": query})
    context: dict[str, Any] = {"form": search, "erasure_form": form}
    if search.is_valid():
        context["records"] = people.person_records(query=search.cleaned_data["q"])
    return render(request, "partners/personal_data.html", context, status=400)
