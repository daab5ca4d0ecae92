"""Partners, partnerships, their people, evaluations and documents, and meetings."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intl_portal.lib import uploads
from intl_portal.lib.forms import posted, save_form
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest
from intl_portal.organisation.models import Municipality

from .. import selectors, services
from ..filters import PartnerFilter, PartnershipFilter
from ..forms import (
    ContactPersonForm,
    DocumentForm,
    EvaluationForm,
    MeetingForm,
    PartnerForm,
    PartnershipForm,
    PoliticalContactForm,
)
from ..listing import build_listing
from ..map import partner_map
from ..models import (
    ContactPerson,
    Partner,
    Partnership,
    PartnershipDocument,
    TwinTownMeeting,
)

PARTNERSHIP_SORTS: dict[str, tuple[str, ...]] = {
    "partner": ("partner__name",),
    "country": ("partner__country",),
    "kind": ("kind",),
    "since": ("since_year",),
    "status": ("status",),
    "department": ("department__name",),
    "contact": ("last_contact",),
}
PARTNER_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "country": ("country",),
    "region": ("region",),
    "partnerships": ("partnership_count",),
}


@require_GET
@login_required
def registry(request: AuthenticatedRequest) -> HttpResponse:
    """The overview: figures, dormancy flags and the ways into each register."""
    context = {
        "figures": selectors.partnership_counts(),
        "membership_count": selectors.active_membership_count(),
        "dormant": list(selectors.dormant_partnerships()[:20]),
        "rotation": selectors.meeting_rotation(),
    }
    return render(request, "partners/registry.html", context)


# --- Partnerships -------------------------------------------------------------------------


def partnership_listing(
    request: HttpRequest, *, cutoff: datetime.date | None = None, export: bool = False
) -> Any:
    return build_listing(
        request,
        selectors.partnerships_for_list(
            cutoff=cutoff or selectors.dormancy_cutoff(), export=export
        ),
        filterset_class=PartnershipFilter,
        sorts=PARTNERSHIP_SORTS,
        default_sort="partner",
    )


@require_GET
@login_required
def partnership_list(request: AuthenticatedRequest) -> HttpResponse:
    # Read once for the dormancy cutoff and the map's home place.
    municipality = Municipality.current()
    cutoff = selectors.dormancy_cutoff(years=municipality.dormancy_years)
    listing = partnership_listing(request, cutoff=cutoff)
    return render(
        request,
        "partners/partnership_list.html",
        {
            "may_import_partnerships": policy.may_manage_networks(request.user),
            "listing": listing,
            "page": listing.page,
            "page_query": listing.page_query,
            "partner_map": partner_map(selectors.map_places(public=False, home=municipality)),
        },
        status=200 if listing.is_valid or not listing.filterset.is_bound else 400,
    )


def _partnership(pk: int) -> Partnership:
    try:
        return selectors.partnership_detail(pk=pk)
    except Partnership.DoesNotExist as exc:
        raise Http404 from exc


@require_GET
@login_required
def partnership_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = _partnership(pk)
    may_edit = policy.may_edit_partnership(request.user, partnership)
    return render(
        request,
        "partners/partnership_detail.html",
        {
            "partnership": partnership,
            "may_edit": may_edit,
            "may_see_personal_data": policy.may_see_personal_data(request.user),
            "may_hand_over": policy.may_hand_over(request.user, partnership),
            "may_view_history": policy.is_coordinator(request.user),  # the history page's guard
            "handover_url": reverse("partners:partnership-handover", args=[pk]),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def partnership_create(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.may_create_partnership(request.user):
        raise PermissionDenied
    initial = {}
    if request.GET.get("partner", "").isdigit():
        initial["partner"] = request.GET["partner"]
    form = PartnershipForm(posted(request), user=request.user, initial=initial)
    return save_form(
        request,
        form,
        lambda data: services.partnership_create(user=request.user, data=data),
        template="partners/partnership_form.html",
        context={"may_register_agreements": policy.is_coordinator(request.user)},
        success=_("Partnerskapet registrerades."),
        redirect_to=lambda p: reverse("partners:partnership-detail", args=[p.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def partnership_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership.objects.select_related("partner"), pk=pk)
    if not policy.may_edit_partnership(request.user, partnership):
        raise PermissionDenied
    form = PartnershipForm(posted(request), instance=partnership, user=request.user)
    return save_form(
        request,
        form,
        lambda data, opened: services.partnership_update(
            partnership=partnership, user=request.user, data=data, opened=opened
        ),
        template="partners/partnership_form.html",
        context={
            "partnership": partnership,
            "may_register_agreements": policy.is_coordinator(request.user),
        },
        success=_("Ändringarna sparades."),
        redirect_to=reverse("partners:partnership-detail", args=[pk]),
    )


def _editable_partnership(request: HttpRequest, pk: int) -> Partnership:
    partnership = get_object_or_404(Partnership.objects.select_related("partner"), pk=pk)
    if not policy.may_edit_partnership(request.user, partnership):
        raise PermissionDenied
    return partnership


@require_http_methods(["GET", "POST"])
@login_required
def evaluation_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = _editable_partnership(request, pk)
    return save_form(
        request,
        EvaluationForm(posted(request)),
        lambda data: services.evaluation_create(
            partnership=partnership, user=request.user, data=data
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Ny utvärdering av %(name)s") % {"name": partnership.partner.name},
            "cancel_url": reverse("partners:partnership-detail", args=[pk]),
        },
        success=_("Utvärderingen sparades."),
        redirect_to=reverse("partners:partnership-detail", args=[pk]) + "#evaluations",
    )


@require_http_methods(["GET", "POST"])
@login_required
def political_contact_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = _editable_partnership(request, pk)
    return save_form(
        request,
        PoliticalContactForm(posted(request)),
        lambda data: services.political_contact_add(
            partnership=partnership, user=request.user, data=data
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Ny kontakt med den politiska ledningen i %(name)s")
            % {"name": partnership.partner.name},
            "cancel_url": reverse("partners:partnership-detail", args=[pk]),
        },
        success=_("Kontakten lades till i loggen."),
        redirect_to=reverse("partners:partnership-detail", args=[pk]) + "#political-contacts",
    )


@require_http_methods(["GET", "POST"])
@login_required
def contact_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = _editable_partnership(request, pk)
    return save_form(
        request,
        ContactPersonForm(posted(request)),
        lambda data: services.contact_person_save(
            partnership=partnership, user=request.user, data=data
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Ny kontaktperson för %(name)s") % {"name": partnership.partner.name},
            "cancel_url": reverse("partners:partnership-detail", args=[pk]),
            "privacy_note": True,
        },
        success=_("Kontaktpersonen sparades."),
        redirect_to=reverse("partners:partnership-detail", args=[pk]) + "#contacts",
    )


@require_http_methods(["GET", "POST"])
@login_required
def contact_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(ContactPerson.objects.select_related("partnership__partner"), pk=pk)
    partnership = person.partnership
    if not policy.may_edit_partnership(request.user, partnership):
        raise PermissionDenied
    detail = reverse("partners:partnership-detail", args=[partnership.pk])
    return save_form(
        request,
        ContactPersonForm(posted(request), instance=person),
        lambda data, opened: services.contact_person_save(
            partnership=partnership, user=request.user, data=data, person=person, opened=opened
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Ändra kontaktperson"),
            "cancel_url": detail,
            "privacy_note": True,
        },
        success=_("Kontaktpersonen sparades."),
        redirect_to=detail + "#contacts",
    )


@require_POST
@login_required
def contact_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(ContactPerson.objects.select_related("partnership"), pk=pk)
    if not policy.may_edit_partnership(request.user, person.partnership):
        raise PermissionDenied
    partnership_pk = person.partnership_id
    services.contact_person_delete(person=person, user=request.user)
    messages.success(request, _("Kontaktpersonen togs bort från partnerskapet."))
    return redirect(reverse("partners:partnership-detail", args=[partnership_pk]) + "#contacts")


@require_http_methods(["GET", "POST"])
@login_required
def document_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = _editable_partnership(request, pk)
    form = DocumentForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
    )
    return save_form(
        request,
        form,
        lambda data: services.document_add(
            partnership=partnership,
            user=request.user,
            title=data["title"],
            file=data["file"],
            is_agreement=data["is_agreement"],
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Nytt dokument för %(name)s") % {"name": partnership.partner.name},
            "cancel_url": reverse("partners:partnership-detail", args=[pk]),
            "multipart": True,
        },
        success=_("Dokumentet laddades upp."),
        redirect_to=reverse("partners:partnership-detail", args=[pk]) + "#documents",
    )


@require_GET
@login_required
def document_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """Documents are private: only signed-in users, only through this view."""
    document = get_object_or_404(PartnershipDocument, pk=pk)
    if not policy.may_view_internal(request.user):
        raise PermissionDenied
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError, OSError) as exc:
        raise Http404 from exc
    # Named by its title, typed by its content (a file stored before the check came in and
    # that is none of the allowed kinds goes out as an opaque download).
    kind = uploads.sniff(handle) or ""
    return uploads.download_response(
        handle, name=document.title, kind=kind if kind in uploads.DOCUMENTS.kinds else ""
    )
    name = (document.file.name or "").rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Partners -----------------------------------------------------------------------------


@require_GET
@login_required
def partner_list(request: AuthenticatedRequest) -> HttpResponse:
    listing = build_listing(
        request,
        selectors.partners_for_list(),
        filterset_class=PartnerFilter,
        sorts=PARTNER_SORTS,
        default_sort="name",
    )
    return render(
        request,
        "partners/partner_list.html",
        {"listing": listing, "page": listing.page, "page_query": listing.page_query},
        status=200 if listing.is_valid or not listing.filterset.is_bound else 400,
    )


@require_GET
@login_required
def partner_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)
    partnerships = selectors.partnerships_for_list(cutoff=selectors.dormancy_cutoff()).filter(
        partner=partner
    )
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "partnerships": partnerships,
            "meetings": partner.hosted_meetings.order_by("year"),
            "may_edit": policy.may_edit_partner(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def partner_create(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.may_create_partner(request.user):
        raise PermissionDenied
    # On the way to a selection analysis (from a proposal or the analysis form), the new
    # partner is registered first and the analysis opens with it chosen.
    then_selection = request.GET.get("then") == "selection"
    initial = {key: request.GET[key][:200] for key in ("name", "country") if request.GET.get(key)}
    return save_form(
        request,
        PartnerForm(posted(request), initial=initial),
        lambda data: services.partner_create(user=request.user, data=data),
        template="partners/simple_form.html",
        context={
            "heading": _("Ny partner"),
            "cancel_url": reverse("partners:partner-list"),
            "intro": _("Registrera partnern först; sedan fortsätter du med urvalsanalysen.")
            if then_selection
            else "",
        },
        success=_("Partnern registrerades."),
        redirect_to=lambda p: (
            reverse("partners:selection-create") + f"?partner={p.pk}"
            if then_selection
            else reverse("partners:partner-detail", args=[p.pk])
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def partner_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)
    if not policy.may_edit_partner(request.user):
        raise PermissionDenied
    return save_form(
        request,
        PartnerForm(posted(request), instance=partner),
        lambda data, opened: services.partner_update(
            partner=partner, user=request.user, data=data, opened=opened
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Ändra %(name)s") % {"name": partner.name},
            "cancel_url": reverse("partners:partner-detail", args=[pk]),
        },
        success=_("Ändringarna sparades."),
        redirect_to=reverse("partners:partner-detail", args=[pk]),
    )


# --- Twin-town meetings -------------------------------------------------------------------


@require_GET
@login_required
def meeting_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "partners/meeting_list.html",
        {
            "meetings": TwinTownMeeting.objects.select_related("host").order_by("year"),
            "rotation": selectors.meeting_rotation(),
            "may_manage": policy.may_manage_networks(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.may_manage_networks(request.user):
        raise PermissionDenied
    return save_form(
        request,
        MeetingForm(posted(request)),
        lambda data: services.meeting_save(user=request.user, data=data),
        template="partners/simple_form.html",
        context={
            "heading": _("Planera vänortsmöte"),
            "cancel_url": reverse("partners:meeting-list"),
        },
        success=_("Mötet sparades."),
        redirect_to=reverse("partners:meeting-list"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(TwinTownMeeting, pk=pk)
    if not policy.may_manage_networks(request.user):
        raise PermissionDenied
    return save_form(
        request,
        MeetingForm(posted(request), instance=meeting),
        lambda data, opened: services.meeting_save(
            user=request.user, data=data, meeting=meeting, opened=opened
        ),
        template="partners/simple_form.html",
        context={
            "heading": _("Ändra vänortsmöte %(year)s") % {"year": meeting.year},
            "cancel_url": reverse("partners:meeting-list"),
        },
        success=_("Mötet sparades."),
        redirect_to=reverse("partners:meeting-list"),
    )
