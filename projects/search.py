"""Search in the project bank and the activities: what `portal.search` asks this app."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import translation
from django_countries import countries

from intl_portal.lib.search import match

from . import selectors
from .models import Activity, FundingProgramme, Project

PROJECT_FIELDS = ("title", "acronym", "summary")
MAX_IDS = 5000
ACTIVITY_FIELDS = ("title", "purpose", "place")


def _country_codes(query: str) -> list[str]:
    """Countries whose Swedish or English name contains the query ("Danmark", "Denmark")."""
    if len(query) < 3:
        return []
    needle = query.casefold()
    codes = set()
    for language in ("sv", "en"):
        with translation.override(language):
            codes |= {code for code, name in countries if needle in str(name).casefold()}
    return sorted(codes)


def _also(query: str, partner_ids: list[int]) -> Q:
    """A project is also found by its programme, its partners' names and their countries.

    Read first as lists of ids, so that every branch of the search's OR can use an index.
    """
    through = Project.partners.through.objects
    programmes = list(
        FundingProgramme.objects.filter(name__icontains=query).values_list("pk", flat=True)
    )
    by_partner = Q(partner_id__in=partner_ids) if partner_ids else Q(pk__in=[])
    codes = _country_codes(query)
    if codes:
        by_partner |= Q(partner__country__in=codes)
    projects = list(
        through.filter(by_partner).values_list("project_id", flat=True).distinct()[:MAX_IDS]
    )
    return Q(programme_id__in=programmes) | Q(pk__in=projects)


def search_projects(
    *, user: Any, query: str, partner_ids: list[int], public: bool = False
) -> QuerySet[Project]:
    """Projects the user may open (the public: published ones), best first."""
    base = selectors.public_projects() if public else selectors.visible_projects(user=user)
    # Only what a hit shows: fewer columns to read and compile, no partners prefetched.
    return match(
        base.select_related(None)
        .select_related("department")
        .prefetch_related(None)
        .only(*PROJECT_FIELDS, "status", "department__name"),
        query=query,
        fields=PROJECT_FIELDS,
        name="title",
        also=_also(query, partner_ids),
    )


def search_activities(*, user: Any, query: str) -> QuerySet[Activity]:
    """Activities the user may open, best first."""
    visible = (
        selectors.visible_activities(user=user)
        .select_related(None)
        .select_related("department")
        .only(*ACTIVITY_FIELDS, "kind", "department__name")
    )
    return match(visible, query=query, fields=ACTIVITY_FIELDS, name="title")
