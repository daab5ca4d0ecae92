"""What the partners app publishes as open data: partnerships and network memberships."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from intl_portal.lib import opendata
from intl_portal.lib.opendata import Field
from intl_portal.lib.text import markdown_to_plain_text

from . import selectors
from .models import NetworkMembership


def _partnership_rows(absolute: Callable[[str], str]) -> Iterable[dict[str, Any]]:
    """Published fields only: no people, no internal notes, no dates of contact."""
    for p in selectors.public_partnerships():
        status = selectors.partnership_status(p)
        yield {
            "id": p.pk,
            "partner": p.partner.name,
            "country": p.partner.country.code,  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
            "country_name": str(p.partner.country.name),  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
            "region": p.partner.region,
            "website": p.partner.website,
            "kind": p.kind,
            "kind_label": p.get_kind_display(),
            "since_year": p.since_year,
            "status": p.status,
            "status_label": status.label,
            "decision_body": p.decision_body,
            "decision_date": p.decision_date,
            "focus_areas": [area.name for area in p.focus_areas.all()],
            "sdgs": sorted(goal.number for goal in p.sdgs.all()),
            "description": markdown_to_plain_text(p.description),
        }


PARTNERSHIPS = opendata.Dataset(
    name="partnerships",
    title=_("Vänorter och samarbeten"),
    description=_(
        "Kommunens publicerade vänorter, samarbetsavtal och utbyten med orter och "
        "organisationer i andra länder som inte har avslutats."
    ),
    fields=(
        opendata.ID,
        Field(
            "partner", "string", _("samarbetspart"), _("Ortens eller organisationens namn."), True
        ),
        opendata.COUNTRY,
        opendata.COUNTRY_NAME,
        Field("region", "string", _("region"), _("Region eller län i partnerns land.")),
        Field("website", "string", _("webbplats"), _("Partnerns webbplats.")),
        Field(
            "kind",
            "string",
            _("typ (kod)"),
            _(
                "twinning (vänortsavtal), cooperation (samarbetsavtal), link (skol- eller "
                "vänskapsutbyte) eller department (kontakt på förvaltningsnivå)."
            ),
        ),
        Field("kind_label", "string", _("typ"), _("Typen i ord, på svenska.")),
        Field("since_year", "integer", _("sedan år"), _("Året samarbetet började.")),
        Field("status", "string", _("status (kod)"), _("active (aktiv) eller dormant (vilande).")),
        Field("status_label", "string", _("status"), _("Statusen i ord, på svenska.")),
        Field(
            "decision_body",
            "string",
            _("beslutande organ"),
            _("Organet som beslutade om samarbetet: KF, KS eller en nämnd."),
        ),
        Field("decision_date", "date", _("beslutsdatum"), _("Datum för beslutet (ÅÅÅÅ-MM-DD).")),
        opendata.FOCUS_AREAS,
        opendata.SDGS,
        Field("description", "string", _("beskrivning"), _("Beskrivning av samarbetet, ren text.")),
    ),  # fmt: skip
    rows=_partnership_rows,
    themes=("GOVE", "INTR"),
    keywords=(_("vänort"), _("internationellt samarbete")),
)


def _membership_rows(absolute: Callable[[str], str]) -> Iterable[dict[str, Any]]:
    """Active memberships: no representatives, no fees, no benefit analyses."""
    memberships = (
        NetworkMembership.objects.filter(is_active=True)
        .prefetch_related("focus_areas", "sdgs")
        .order_by("name", "pk")
    )
    for m in memberships:
        yield {
            "id": m.pk,
            "name": m.name,
            "scope": m.scope,
            "scope_label": m.get_scope_display(),
            "website": m.website,
            "decided_by": m.decided_by,
            "member_since": m.member_since,
            "focus_areas": [area.name for area in m.focus_areas.all()],
            "sdgs": sorted(goal.number for goal in m.sdgs.all()),
            "description": markdown_to_plain_text(m.description),
        }


MEMBERSHIPS = opendata.Dataset(
    name="memberships",
    title=_("Medlemskap i nätverk och organisationer"),
    description=_(
        "Nätverk och organisationer som kommunen är medlem i för sitt internationella arbete."
    ),
    fields=(
        opendata.ID,
        Field("name", "string", _("namn"), _("Nätverkets eller organisationens namn."), True),
        Field("scope", "string", _("nivå (kod)"), _("regional, national, european eller global.")),
        Field("scope_label", "string", _("nivå"), _("Nivån i ord, på svenska.")),
        Field("website", "string", _("webbplats"), _("Nätverkets webbplats.")),
        Field(
            "decided_by",
            "string",
            _("beslutat av"),
            _("Organet som beslutade om medlemskapet: KF, KS eller en nämnd."),
        ),
        Field("member_since", "integer", _("medlem sedan"), _("Året medlemskapet började.")),
        opendata.FOCUS_AREAS,
        opendata.SDGS,
        Field("description", "string", _("beskrivning"), _("Beskrivning av nätverket, ren text.")),
    ),  # fmt: skip
    rows=_membership_rows,
    themes=("GOVE", "INTR"),
    keywords=(_("nätverk"), _("medlemskap")),
)
