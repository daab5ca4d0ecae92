"""No URL parameter gives a 500 (issue 15): query strings and path numbers of every URL.

Every GET row of the permission matrix is requested as a coordinator with generated query
strings (hypothesis: the parameter names the views read, with dates, years, numbers and text
far outside what the pages offer), and every route's path numbers are replaced by extremes.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.conftest import World
from tests.permission_matrix import MATRIX
from tests.test_concurrency_pages import _routes
from tests.test_permission_matrix import SETUPS

pytestmark = pytest.mark.django_db

# The query parameters the portal's views and filters read.
PARAMS = ["month", "year", "page", "sort", "q", "department", "programme", "phase", "status",
          "country", "kind", "focus_area", "include_drafts", "drafts", "from", "to", "next",
          "partner", "plan", "round", "format", "lang", "order", "call"]  # fmt: skip
EXTREMES = ["9999-12", "0001-01", "0000-00", "2026-13", "0", "-1", "99999", "1e309", "NaN",
            "99999999999999999999999", "2026-02-30", "'; DROP TABLE x;--", "\x00", "ÅÄÖ",
            "%", "[]", " "]  # fmt: skip
GET_ROWS = sorted({(row.url, row.setup) for row in MATRIX if row.coordinator[0] != "method"})

values = st.one_of(st.sampled_from(EXTREMES), st.text(max_size=30), st.integers().map(str))


@pytest.fixture
def coordinator(world: World) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    return client


@pytest.mark.parametrize(("name", "setup"), GET_ROWS)
def test_query_strings_never_give_a_server_error(
    name: str, setup: str, world: World, coordinator: Client, request: pytest.FixtureRequest
) -> None:
    url = reverse(name, kwargs=SETUPS[setup](world, request))
    for value in EXTREMES:  # every extreme in every parameter at once, quick and certain
        response = coordinator.get(url, dict.fromkeys(PARAMS, value))
        assert response.status_code < 500, f"{url} with {value!r}: {response.status_code}"

    @hypothesis_settings(
        max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(query=st.dictionaries(st.sampled_from(PARAMS), values, max_size=4))
    def generated(query: dict[str, Any]) -> None:
        response = coordinator.get(url, query)
        assert response.status_code < 500, f"{url} with {query!r}: {response.status_code}"

    generated()


def _numbered_routes() -> list[str]:
    routes = []
    for route, name in _routes(get_resolver().url_patterns):
        if name.startswith("admin:") or not re.search(r"<(id|year|int):", route):
            continue
        routes.append(route)
    return sorted(set(routes))


NUMBERS = ["0", "1", "9999", "99999", "999999999999999999", "9999999999999999999",
           "99999999999999999999999"]  # fmt: skip


@pytest.mark.parametrize("route", _numbered_routes())
def test_path_numbers_never_give_a_server_error(route: str, coordinator: Client) -> None:
    for number in NUMBERS:
        path = "/" + re.sub(r"<[a-z]+:[a-z_]+>", number, route)
        path = re.sub(r"<[a-z]+:[a-z_]+>", "x", path)
        response = coordinator.get(path)
        assert response.status_code < 500, f"GET {path}: {response.status_code}"
        response = coordinator.post(path)
        assert response.status_code < 500, f"POST {path}: {response.status_code}"


def test_the_reported_500s_are_400_or_404(coordinator: Client) -> None:
    for path in ("/calendar/?month=9999-12", "/calendar/?month=0001-01"):
        assert coordinator.get(path).status_code == 400, path
    for year in ("0", "99999"):
        path = f"/reports/{year}/preview/"
        assert coordinator.get(path).status_code == 404, path
