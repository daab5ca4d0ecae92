"""Sorting (a whitelisted `?sort=`), filtering and paging for every list of the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import django_filters
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

PAGE_SIZE = 25


@dataclass
class Listing:
    filterset: django_filters.FilterSet
    page: Page
    sort: str  # the applied key, "-" prefixed when descending
    page_query: str  # the filters and sort, urlencoded, without `page`
    filter_query: str  # the filters only (for sort links and exports)
    queryset: QuerySet[Any]  # filtered and sorted, not paged (for exports)

    @property
    def is_valid(self) -> bool:
        return self.filterset.is_valid()


def _without(params: QueryDict, *names: str) -> str:
    copy = params.copy()
    for name in names:
        copy.pop(name, None)
    return copy.urlencode()


def build_listing(
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    filterset_class: type[django_filters.FilterSet],
    sorts: dict[str, tuple[str, ...]],
    default_sort: str,
    page_size: int = PAGE_SIZE,
) -> Listing:
    """Filter with the FilterSet, order by a whitelisted key, and page."""
    filterset = filterset_class(request.GET or None, queryset=queryset)
    if not filterset.is_bound:
        qs = queryset
    else:
        qs = filterset.qs if filterset.is_valid() else queryset.none()
    requested = request.GET.get("sort", default_sort)
    key = requested.removeprefix("-")
    if key not in sorts:
        requested, key = default_sort, default_sort.removeprefix("-")
    descending = requested.startswith("-")
    order = [f"-{f}" if descending and not f.startswith("-") else f for f in sorts[key]]
    qs = qs.order_by(*order, "pk")
    page = Paginator(qs, page_size).get_page(request.GET.get("page"))
    return Listing(
        filterset=filterset,
        page=page,
        sort=requested,
        page_query=_without(request.GET, "page"),
        filter_query=_without(request.GET, "page", "sort"),
        queryset=qs,
    )
