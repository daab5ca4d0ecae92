"""One column list per exported entity: the export, the import and open data read the same list.

A `Column` names one fact of an entity once: its header and cell in the Excel/CSV export, the
sheet headers the import reads it from (and how a cell is read), and its open-data field with
the value published. A `Columns` list is the entity's columns in order; each use takes the
columns it needs, in that order:

* the export: the columns with a `header` (`headers()`, `cells(obj)`);
* the import: the columns read from a sheet (`imported()`, `read(raw)`);
* open data: the columns with a `field` (`fields()`, `record(obj, absolute)`, `dataset(...)`),
  which gives the JSON keys, the CSV header and the Frictionless and DCAT schema alike.

Adding a column to the list is all it takes to show it in each of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar

from django.utils.functional import Promise
from django.utils.translation import override

from . import opendata

T = TypeVar("T")

# How the import reads one cell: (the cell, the sheet column's name, the row's errors) -> value.
Parser = Callable[[Any, str, list[str]], Any]


@dataclass(frozen=True)
class Column(Generic[T]):
    """One fact of an entity, named once for every table it appears in."""

    key: str  # English snake_case: the open-data field's name and the import's key
    header: str | Promise | None = None  # the export's header; None: not exported
    cell: Callable[[T], Any] | None = None  # the export's value
    field: opendata.Field | None = None  # the open-data field; None: not published
    publish: Callable[[T], Any] | None = None  # the open-data value (default: the export's)
    link: bool = False  # the published value is a site path, published as a full address
    by_header: bool = False  # the import reads the column by its (Swedish) header
    aliases: tuple[str, ...] = ()  # other lower-case sheet headers the import reads it from
    parse: Parser | None = None  # how the import reads a cell (None: the import's own rule)

    def __post_init__(self) -> None:
        if self.field is not None and self.field.name != self.key:
            raise ValueError(f"column {self.key!r} publishes field {self.field.name!r}")
        if self.header is not None and self.cell is None:
            raise ValueError(f"column {self.key!r} has a header and no cell")
        if self.field is not None and self.publish is None and self.cell is None:
            raise ValueError(f"column {self.key!r} is published without a value")

    @property
    def import_names(self) -> tuple[str, ...]:
        """The lower-case sheet headers this column is read from (always the Swedish ones)."""
        names = self.aliases
        if self.by_header and self.header is not None:
            with override("sv"):
                names = (str(self.header).strip().lower(), *names)
        return names


def published(
    key: str,
    type: str,
    title: str | Promise,
    description: str | Promise,
    value: Callable[[T], Any] | None = None,
    *,
    required: bool = False,
    link: bool = False,
) -> Column[T]:
    """A column only open data shows: its field and value (the attribute `key` unless given)."""
    field = opendata.Field(key, type, title, description, required)
    return Column(key, field=field, publish=value or attrgetter(key), link=link)


@dataclass(frozen=True)
class Columns(Generic[T]):
    """An entity's columns in order: the one list its export, import and open data read."""

    columns: tuple[Column[T], ...]

    def __post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        if len(keys) != len(set(keys)):
            raise ValueError(f"a key is named twice: {keys}")

    def __add__(self, more: Sequence[Column[T]]) -> Columns[T]:
        return Columns((*self.columns, *more))

    # --- the export ------------------------------------------------------------------------

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns if c.header is not None]

    def cells(self, obj: T) -> list[Any]:
        return [c.cell(obj) for c in self.columns if c.header is not None and c.cell]

    def rows(self, objects: Iterable[T]) -> Iterable[list[Any]]:
        return (self.cells(obj) for obj in objects)

    # --- the import ------------------------------------------------------------------------

    def imported(self) -> dict[str, Column[T]]:
        """Sheet header (lower-case) -> column, in the list's order."""
        return {name: c for c in self.columns for name in c.import_names}

    def import_headers(self) -> list[str]:
        """The headers the import reads, one per column (its first name), in order."""
        return [c.import_names[0] for c in self.columns if c.import_names]

    def read(self, raw: dict[str, Any]) -> dict[str, Any]:
        """A sheet row (keyed by lower-case header) as {column key: cell}, None where absent."""
        cells: dict[str, Any] = {}
        for c in self.columns:
            names = c.import_names
            if names:
                cells[c.key] = next((raw[n] for n in names if n in raw), None)
        return cells

    # --- open data -------------------------------------------------------------------------

    def fields(self) -> tuple[opendata.Field, ...]:
        return tuple(c.field for c in self.columns if c.field is not None)

    def record(self, obj: T, absolute: Callable[[str], str]) -> dict[str, Any]:
        """The published values of one object, keyed by field name."""
        record: dict[str, Any] = {}
        for c in self.columns:
            if c.field is None:
                continue
            getter = c.publish or c.cell
            assert getter is not None  # __post_init__ refuses a published column without one
            value = getter(obj)
            record[c.key] = absolute(value) if c.link and value else value
        return record

    def dataset(
        self,
        objects: Callable[[], Iterable[T]],
        *,
        name: str,
        title: str | Promise,
        description: str | Promise,
        themes: tuple[str, ...] = ("GOVE",),
        keywords: tuple[str | Promise, ...] = (),
    ) -> opendata.Dataset:
        """The open dataset of `objects()` (published ones only), its fields from this list."""

        def rows(absolute: Callable[[str], str]) -> Iterable[dict[str, Any]]:
            return (self.record(obj, absolute) for obj in objects())

        return opendata.Dataset(
            name=name,
            title=title,
            description=description,
            fields=self.fields(),
            rows=rows,
            themes=themes,
            keywords=keywords,
        )
