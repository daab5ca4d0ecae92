"""Pagination for long lists whose order is total (the ordering ends with the primary key)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class NearEndPaginator(Paginator):
    """Reads each page from the nearer end of the list, so the last page costs what the first does.

    With OFFSET the database steps over every row before the page; a page in the second half is
    read in reverse order instead, from the end, and turned round. That gives the same rows only
    when no two rows tie in the ordering, so end it with the primary key. Pass `count` when the
    rows are already counted, to save the COUNT query.
    """

    def __init__(
        self, object_list: Any, per_page: int, *, count: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached_property

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if isinstance(rows, QuerySet) and rows.ordered and self.count - top < bottom:
            page = list(rows.reverse()[self.count - top : self.count - bottom])
            page.reverse()
            # Paginator._get_page is how Django itself builds a page; the stubs leave it out.
            return self._get_page(page, number, self)  # type: ignore[attr-defined]
        return self._get_page(rows[bottom:top], number, self)  # type: ignore[attr-defined]

    def get_page(self, number: Any) -> Page:
        """As Paginator.get_page, and `last` (as in Django's ListView) is the last page."""
        return super().get_page(self.num_pages if number == "last" else number)
