"""Path converters that refuse what the database cannot hold: a 404, never a 500.

`<id:pk>` is a row id: at most 18 digits (PostgreSQL's bigint ends at 19), so
/projects/99999999999999999999/ is "not found" instead of an overflow in the query.
`<year:year>` is a year the portal can have: 1900–2100 (/reports/0/preview/ and
/reports/99999/preview/ are not found).
"""

from __future__ import annotations

from django.urls import register_converter

FIRST_YEAR, LAST_YEAR = 1900, 2100


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"year {year} out of range")  # no match: 404
        return year

    def to_url(self, value: int | str) -> str:
        return f"{int(value):04d}"


def register() -> None:
    register_converter(IdConverter, "id")
    register_converter(YearConverter, "year")
