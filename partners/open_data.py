"""What the partners app publishes as open data: partnerships and network memberships.

The fields and values are the columns in partners/columns.py; this says which objects.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from . import selectors
from .columns import MEMBERSHIP_COLUMNS, PARTNERSHIP_COLUMNS
from .models import NetworkMembership

PARTNERSHIPS = PARTNERSHIP_COLUMNS.dataset(
    selectors.public_partnerships,
    name="partnerships",
    title=_("Vänorter och samarbeten"),
    description=_(
        "Kommunens publicerade vänorter, samarbetsavtal och utbyten med orter och "
        "organisationer i andra länder som inte har avslutats."
    ),
    themes=("GOVE", "INTR"),
    keywords=(_("vänort"), _("internationellt samarbete")),
)


def _active_memberships() -> QuerySet[NetworkMembership]:
    """Active memberships only."""
    return (
        NetworkMembership.objects.filter(is_active=True)
        .prefetch_related("focus_areas", "sdgs")
        .order_by("name", "pk")
    )


MEMBERSHIPS = MEMBERSHIP_COLUMNS.dataset(
    _active_memberships,
    name="memberships",
    title=_("Medlemskap i nätverk och organisationer"),
    description=_(
        "Nätverk och organisationer som kommunen är medlem i för sitt internationella arbete."
    ),
    themes=("GOVE", "INTR"),
    keywords=(_("nätverk"), _("medlemskap")),
)
