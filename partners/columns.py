"""The columns of a partnership and of a network membership: export, import and open data.

See intl_portal.lib.columns. The export's headers follow the interface language; the import
reads its own Swedish headers (`aliases`), which partners/imports.py checks cell by cell.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from intl_portal.lib import opendata
from intl_portal.lib.columns import Column, Columns, published
from intl_portal.lib.opendata import Field
from intl_portal.lib.text import markdown_to_plain_text
from intl_portal.organisation.sdgs import sdg_numbers

from . import selectors
from .models import NetworkMembership, Partnership


def _names(items: Any) -> str:
    return ", ".join(a.name for a in items.all())


def _focus_areas(obj: Any) -> list[str]:
    return [area.name for area in obj.focus_areas.all()]


def _sdgs(obj: Any) -> list[int]:
    return sorted(goal.number for goal in obj.sdgs.all())


def _plain_description(obj: Any) -> str:
    return markdown_to_plain_text(obj.description)


# The same two columns in both lists: names and numbers in the export, lists in open data.
FOCUS_AREAS: Column[Any] = Column(
    "focus_areas", _("Fokusområden"), lambda o: _names(o.focus_areas), opendata.FOCUS_AREAS,
    publish=_focus_areas,
)  # fmt: skip
SDGS: Column[Any] = Column(
    "sdgs", _("Globala mål (Agenda 2030)"), lambda o: sdg_numbers(o.sdgs.all()), opendata.SDGS,
    publish=_sdgs,
)  # fmt: skip


# Export and open data: published fields only in the latter (no people, no internal notes, no
# dates of contact), in this order; the import reads the columns with aliases.
PARTNERSHIP_COLUMNS: Columns[Partnership] = Columns((
    Column("id", field=opendata.ID, publish=lambda p: p.pk),
    Column(
        "partner", _("Partner"), lambda p: p.partner.name,
        Field(
            "partner", "string", _("samarbetspart"), _("Ortens eller organisationens namn."),
            True,
        ),
        aliases=("namn",),
    ),
    Column(
        "country", _("Land"), lambda p: str(p.partner.country.name),  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
        opendata.COUNTRY,
        publish=lambda p: p.partner.country.code,  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
        aliases=("land",),
    ),
    Column(
        "country_name", field=opendata.COUNTRY_NAME,
        publish=lambda p: str(p.partner.country.name),  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
    ),
    Column(
        "region", _("Region"), lambda p: p.partner.region,
        Field("region", "string", _("region"), _("Region eller län i partnerns land.")),
        aliases=("region",),
    ),
    Column(
        "website", _("Webbplats"), lambda p: p.partner.website,
        Field("website", "string", _("webbplats"), _("Partnerns webbplats.")),
        aliases=("webbplats",),
    ),
    Column(
        "kind", _("Typ"), lambda p: p.get_kind_display(),
        Field(
            "kind", "string", _("typ (kod)"),
            _(
                "twinning (vänortsavtal), cooperation (samarbetsavtal), link (skol- eller "
                "vänskapsutbyte) eller department (kontakt på förvaltningsnivå)."
            ),
        ),
        publish=lambda p: p.kind, aliases=("typ",),
    ),
    published(
        "kind_label", "string", _("typ"), _("Typen i ord, på svenska."),
        lambda p: p.get_kind_display(),
    ),
    Column(
        "since_year", _("Sedan"), lambda p: p.since_year,
        Field("since_year", "integer", _("sedan år"), _("Året samarbetet började.")),
        aliases=("sedan",),
    ),
    Column(
        "status", _("Status"), lambda p: str(selectors.partnership_status(p)),
        Field("status", "string", _("status (kod)"), _("active (aktiv) eller dormant (vilande).")),
        publish=lambda p: p.status, aliases=("status",),
    ),
    published(
        "status_label", "string", _("status"), _("Statusen i ord, på svenska."),
        lambda p: selectors.partnership_status(p).label,
    ),
    # Annotated by the registry's listing (selectors.with_dormancy): the export only.
    Column("dormancy_flag", _("Flaggad som vilande"), lambda p: getattr(p, "dormancy_flag", None)),
    Column("last_contact", _("Senaste kontakt"), lambda p: getattr(p, "last_contact", None)),
    Column(
        "department", _("Förvaltning"), lambda p: p.department.name if p.department else "",
        aliases=("förvaltning",),
    ),
    Column(
        "decision_body", _("Beslutat av"), lambda p: p.get_decision_body_display(),
        Field(
            "decision_body", "string", _("beslutande organ"),
            _("Organet som beslutade om samarbetet: KF, KS eller en nämnd."),
        ),
        publish=lambda p: p.decision_body, aliases=("beslutat av",),
    ),
    Column(
        "decision_date", _("Beslutsdatum"), lambda p: p.decision_date,
        Field("decision_date", "date", _("beslutsdatum"), _("Datum för beslutet (ÅÅÅÅ-MM-DD).")),
        aliases=("beslutsdatum",),
    ),
    Column(
        "decision_paragraph", _("Paragraf"), lambda p: p.decision_paragraph,
        aliases=("paragraf",),
    ),
    Column("case_number", _("Diarienummer"), lambda p: p.case_number, aliases=("diarienummer",)),
    FOCUS_AREAS,
    SDGS,
    Column("is_published", _("Publicerad"), lambda p: p.is_published),
    published(
        "description", "string", _("beskrivning"), _("Beskrivning av samarbetet, ren text."),
        _plain_description,
    ),
))  # fmt: skip


# Export and open data (no representatives, no fees, no benefit analyses in the latter).
MEMBERSHIP_COLUMNS: Columns[NetworkMembership] = Columns((
    Column("id", field=opendata.ID, publish=lambda m: m.pk),
    Column(
        "name", _("Nätverk"), lambda m: m.name,
        Field("name", "string", _("namn"), _("Nätverkets eller organisationens namn."), True),
    ),
    Column(
        "scope", _("Nivå"), lambda m: m.get_scope_display(),
        Field("scope", "string", _("nivå (kod)"), _("regional, national, european eller global.")),
        publish=lambda m: m.scope,
    ),
    published(
        "scope_label", "string", _("nivå"), _("Nivån i ord, på svenska."),
        lambda m: m.get_scope_display(),
    ),
    published("website", "string", _("webbplats"), _("Nätverkets webbplats.")),
    Column(
        "decided_by", _("Beslutat av"), lambda m: m.get_decided_by_display(),
        Field(
            "decided_by", "string", _("beslutat av"),
            _("Organet som beslutade om medlemskapet: KF, KS eller en nämnd."),
        ),
        publish=lambda m: m.decided_by,
    ),
    Column(
        "member_since", _("Medlem sedan"), lambda m: m.member_since,
        Field("member_since", "integer", _("medlem sedan"), _("Året medlemskapet började.")),
    ),
    Column("yearly_fee_sek", _("Årsavgift (kr)"), lambda m: m.yearly_fee_sek),
    Column("is_active", _("Aktivt"), lambda m: m.is_active),
    # Annotated by the networks' listing: the export only.
    Column(
        "latest_analysis_year", _("Senaste nyttoanalys"),
        lambda m: getattr(m, "latest_analysis_year", None),
    ),
    FOCUS_AREAS,
    SDGS,
    published(
        "description", "string", _("beskrivning"), _("Beskrivning av nätverket, ren text."),
        _plain_description,
    ),
))  # fmt: skip
