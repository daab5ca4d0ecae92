"""What the projects app publishes as open data: projects and activities.

The fields and values are the columns in projects/columns.py; this says which objects.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from . import selectors
from .columns import ACTIVITY_COLUMNS, PROJECT_COLUMNS
from .models import Activity, Project


def _published_projects() -> QuerySet[Project]:
    """Published fields of published projects only: no budgets, no people, no review notes."""
    return selectors.public_projects().prefetch_related("focus_areas", "sdgs")


PROJECTS = PROJECT_COLUMNS.dataset(
    _published_projects,
    name="projects",
    title=_("Internationella projekt"),
    description=_(
        "Kommunens publicerade internationella projekt som är beviljade eller pågår, "
        "med program, tider, partner och fokusområden. Budgetar och personer ingår inte."
    ),
    themes=("GOVE", "INTR"),
    keywords=(_("EU-projekt"), _("internationellt samarbete")),
)

PUBLIC_ACTIVITY_KINDS = (Activity.Kind.CONFERENCE, Activity.Kind.EVENT)


def _published_activities() -> QuerySet[Activity]:
    """Approved conferences and events: no costs, no people, no purpose or review notes."""
    return (
        Activity.objects.filter(status=Activity.Status.APPROVED, kind__in=PUBLIC_ACTIVITY_KINDS)
        .select_related("department")
        .order_by("start_date", "pk")
    )


ACTIVITIES = ACTIVITY_COLUMNS.dataset(
    _published_activities,
    name="activities",
    title=_("Internationella evenemang och konferenser"),
    description=_(
        "Godkända evenemang och konferenser i kommunens internationella arbete, till exempel "
        "Europadagen 9 maj och FN-dagen 24 oktober. Kostnader och personer ingår inte."
    ),
    themes=("GOVE", "INTR"),
    keywords=(_("evenemang"), _("konferens")),
)
