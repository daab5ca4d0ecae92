"""What the projects app publishes as open data: projects and activities."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intl_portal.lib import opendata
from intl_portal.lib.opendata import Field
from intl_portal.lib.text import markdown_to_plain_text

from . import selectors
from .models import Activity


def _project_rows(absolute: Callable[[str], str]) -> Iterable[dict[str, Any]]:
    """Published fields of published projects only: no budgets, no people, no review notes."""
    for p in selectors.public_projects().prefetch_related("focus_areas", "sdgs"):
        partners = list(p.partners.all())
        yield {
            "id": p.pk,
            "title": p.title,
            "acronym": p.acronym,
            "summary": markdown_to_plain_text(p.summary),
            "department": p.department.name,
            "programme": p.programme.name if p.programme else None,
            "phase": p.phase,
            "phase_label": p.get_phase_display(),
            "start_date": p.start_date,
            "end_date": p.end_date,
            "partners": [x.name for x in partners],
            "partner_countries": sorted({x.country.code for x in partners if x.country}),  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
            "focus_areas": [a.name for a in p.focus_areas.all()],
            "sdgs": sorted(goal.number for goal in p.sdgs.all()),
            "url": absolute(reverse("public_projects:public-detail", args=[p.pk])),
        }


PROJECTS = opendata.Dataset(
    name="projects",
    title=_("Internationella projekt"),
    description=_(
        "Kommunens publicerade internationella projekt som är beviljade eller pågår, "
        "med program, tider, partner och fokusområden. Budgetar och personer ingår inte."
    ),
    fields=(
        opendata.ID,
        Field("title", "string", _("titel"), _("Projektets namn."), True),
        Field("acronym", "string", _("akronym"), _("Projektets förkortning.")),
        Field("summary", "string", _("sammanfattning"), _("Kort beskrivning, ren text.")),
        Field("department", "string", _("förvaltning"), _("Förvaltningen som äger projektet.")),
        Field(
            "programme",
            "string",
            _("finansieringsprogram"),
            _("Programmet som finansierar projektet, till exempel Erasmus+ eller Interreg."),
        ),
        Field("phase", "string", _("fas (kod)"), _("granted (beviljat) eller ongoing (pågående).")),
        Field("phase_label", "string", _("fas"), _("Fasen i ord, på svenska.")),
        Field("start_date", "date", _("startdatum"), _("Projektets första dag (ÅÅÅÅ-MM-DD).")),
        Field("end_date", "date", _("slutdatum"), _("Projektets sista dag (ÅÅÅÅ-MM-DD).")),
        Field("partners", "list", _("partner"), _("Samarbetsparter i projektet.")),
        Field(
            "partner_countries",
            "list",
            _("partnerländer"),
            _("Partnernas länder som ISO 3166-1 alfa-2-koder."),
        ),
        opendata.FOCUS_AREAS,
        opendata.SDGS,
        Field("url", "string", _("webbsida"), _("Projektets sida på portalen.")),
    ),  # fmt: skip
    rows=_project_rows,
    themes=("GOVE", "INTR"),
    keywords=(_("EU-projekt"), _("internationellt samarbete")),
)

PUBLIC_ACTIVITY_KINDS = (Activity.Kind.CONFERENCE, Activity.Kind.EVENT)


def _activity_rows(absolute: Callable[[str], str]) -> Iterable[dict[str, Any]]:
    """Approved conferences and events: no costs, no people, no purpose or review notes."""
    activities = (
        Activity.objects.filter(status=Activity.Status.APPROVED, kind__in=PUBLIC_ACTIVITY_KINDS)
        .select_related("department")
        .order_by("start_date", "pk")
    )
    for a in activities:
        yield {
            "id": a.pk,
            "title": a.title,
            "kind": a.kind,
            "kind_label": a.get_kind_display(),
            "department": a.department.name,
            "start_date": a.start_date,
            "end_date": a.end_date,
            "place": a.place,
            "country": a.country.code or None,  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
            "country_name": str(a.country.name) if a.country else None,  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
            "participants": a.participants,
        }


ACTIVITIES = opendata.Dataset(
    name="activities",
    title=_("Internationella evenemang och konferenser"),
    description=_(
        "Godkända evenemang och konferenser i kommunens internationella arbete, till exempel "
        "Europadagen 9 maj och FN-dagen 24 oktober. Kostnader och personer ingår inte."
    ),
    fields=(
        opendata.ID,
        Field("title", "string", _("rubrik"), _("Aktivitetens namn."), True),
        Field(
            "kind", "string", _("typ (kod)"), _("conference (konferens) eller event (evenemang).")
        ),
        Field("kind_label", "string", _("typ"), _("Typen i ord, på svenska.")),
        opendata.DEPARTMENT,
        Field("start_date", "date", _("startdatum"), _("Första dagen (ÅÅÅÅ-MM-DD)."), True),
        Field("end_date", "date", _("slutdatum"), _("Sista dagen (ÅÅÅÅ-MM-DD), om flera dagar.")),
        Field("place", "string", _("plats"), _("Ort eller lokal.")),
        opendata.COUNTRY,
        opendata.COUNTRY_NAME,
        Field("participants", "integer", _("antal deltagare"), _("Antal deltagare, om känt.")),
    ),  # fmt: skip
    rows=_activity_rows,
    themes=("GOVE", "INTR"),
    keywords=(_("evenemang"), _("konferens")),
)
