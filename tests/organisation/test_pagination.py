"""Reading a page from the nearer end gives the rows that plain OFFSET paging gives."""

from __future__ import annotations

import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intl_portal.lib.pagination import NearEndPaginator
from projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects() -> None:
    department = factories.DepartmentFactory()
    Project.objects.bulk_create(
        Project(
            title=f"Projekt {i % 7}",  # ties, broken by the primary key
            department=department,
            start_date=None if i % 5 == 0 else datetime.date(2020, 1 + i % 12, 1),
            grant_amount=None if i % 3 == 0 else i,
        )
        for i in range(53)
    )


@pytest.mark.usefixtures("projects")
@pytest.mark.parametrize(
    "ordering",
    [
        ("title", "pk"),
        ("-start_date", "title", "pk"),
        ("grant_amount", "pk"),
        ("-updated_at", "pk"),
    ],
)
@pytest.mark.parametrize("orphans", [0, 4])
def test_every_page_holds_the_rows_offset_paging_gives(
    ordering: tuple[str, ...], orphans: int
) -> None:
    rows = Project.objects.order_by(*ordering)
    plain = Paginator(rows, 10, orphans=orphans)
    near = NearEndPaginator(rows, 10, orphans=orphans)

    assert near.num_pages == plain.num_pages
    for number in plain.page_range:
        assert list(near.page(number)) == list(plain.page(number)), number


@pytest.mark.usefixtures("projects")
def test_last_names_the_last_page_and_a_given_count_saves_the_count_query() -> None:
    rows = Project.objects.order_by("title", "pk")
    paginator = NearEndPaginator(rows, 10, count=53)

    with CaptureQueriesContext(connection) as queries:
        page = paginator.get_page("last")
        items = list(page)

    assert page.number == 6
    assert items == list(rows[50:])
    assert len(queries) == 1  # the page's rows; no COUNT
    assert NearEndPaginator(rows, 10).get_page("nonsense").number == 1
