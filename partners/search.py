"""Search in the partner registry: what `portal.search` asks this app."""

from __future__ import annotations

from django.db.models import QuerySet

from intl_portal.lib.search import match

from . import selectors
from .models import NetworkMembership, Partner, Partnership

PARTNER_FIELDS = ("name", "region")
NETWORK_FIELDS = ("name",)


def search_partners(*, query: str) -> QuerySet[Partner]:
    """Partner municipalities and organisations (signed-in users see them all)."""
    return match(Partner.objects.all(), query=query, fields=PARTNER_FIELDS, name="name")


def matching_partner_ids(*, query: str, limit: int = 200) -> list[int]:
    """The partners a query names, so other apps can find what they take part in."""
    return list(search_partners(query=query).values_list("pk", flat=True)[:limit])


def matching_partners(*, query: str, limit: int = 200) -> list[Partner]:
    """The first `limit` of `search_partners`, read once: the search shows the best of them
    and finds what all of them take part in (`matching_partner_ids` without a second query)."""
    fields = ("name", "region", "country")
    return list(search_partners(query=query).only(*fields)[:limit])


def search_partnerships(*, query: str, public: bool = False) -> QuerySet[Partnership]:
    """Partnerships by their partner's name or region (the public: published ones)."""
    base = (
        selectors.public_partnerships().prefetch_related(None)
        if public
        else Partnership.objects.select_related("partner").only(
            "kind", "description", "partner__name", "partner__country"
        )
    )
    return match(
        base,
        query=query,
        fields=("partner__name", "partner__region", "description"),
        name="partner__name",
    )


def search_networks(*, query: str) -> QuerySet[NetworkMembership]:
    networks = NetworkMembership.objects.only(*NETWORK_FIELDS, "scope")
    return match(networks, query=query, fields=NETWORK_FIELDS, name="name")
