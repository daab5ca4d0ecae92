"""One design for every open dataset: fields described once, served as JSON, CSV and metadata.

An app describes what it publishes with a `Dataset` (its fields with Swedish explanations, and
a function that returns the rows of published objects only); the composition root
(portal/open_data/) lists the datasets and serves them all the same way:

* `/open/<name>.json`: one envelope ({"dataset", "title", "license", ..., "fields", "count",
  "records"}), English snake_case keys, the same for every dataset;
* `/open/<name>.csv`: RFC 4180 (comma, CRLF, UTF-8 without BOM, a header row), the same
  columns; lists are joined with "; ";
* the Frictionless table schema and the DCAT-AP-SE description are built from the same fields.

Text values are plain text (Markdown is rendered and its markup removed); labels are Swedish.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LIST_SEPARATOR = "; "

# Frictionless field types used here, and how a value of each is written into CSV.
TYPES = frozenset({"integer", "number", "string", "date", "boolean", "list"})


@dataclass(frozen=True)
class License:
    key: str
    title: str
    url: str


LICENSES = {
    "CC0-1.0": License(
        "CC0-1.0",
        "Creative Commons Zero v1.0 Universal",
        "http://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "CC-BY-4.0": License(
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0 International",
        "http://creativecommons.org/licenses/by/4.0/",
    ),
}


def current_license() -> License:
    """The licence named by settings.OPEN_DATA_LICENSE (CC0 unless configured)."""
    return LICENSES[getattr(settings, "OPEN_DATA_LICENSE", "CC0-1.0")]


@dataclass(frozen=True)
class Field:
    """One column: an English key, a Frictionless type, a Swedish title and explanation."""

    name: str
    type: str
    title: str | Promise
    description: str | Promise
    required: bool = False

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown field type {self.type!r}")


@dataclass(frozen=True)
class Dataset:
    """What one app publishes.

    `rows(absolute)` returns dicts keyed by the fields' names; `absolute` turns a site path
    ("/public/projects/3/") into a full address.
    """

    name: str
    title: str | Promise
    description: str | Promise
    fields: tuple[Field, ...]
    rows: Callable[[Callable[[str], str]], Iterable[dict[str, Any]]]
    # EU data themes (http://publications.europa.eu/resource/authority/data-theme/...).
    themes: tuple[str, ...] = ("GOVE",)
    keywords: tuple[str | Promise, ...] = field(default_factory=tuple)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def records(self, absolute: Callable[[str], str]) -> list[dict[str, Any]]:
        """The rows in field order, with nothing the fields do not name."""
        names = self.field_names
        result = []
        for row in self.rows(absolute):
            missing = set(names) - set(row)
            if missing:
                raise KeyError(f"{self.name}: row lacks {sorted(missing)}")
            result.append({name: _json_value(row[name]) for name in names})
        return result

    def table_schema(self) -> dict[str, Any]:
        """The Frictionless Table Schema of the CSV."""
        columns = []
        for f in self.fields:
            column: dict[str, Any] = {
                "name": f.name,
                "title": str(f.title),
                "description": str(f.description),
                "type": "string" if f.type == "list" else f.type,
            }
            if f.type == "list":
                column["description"] += f" (flera värden skiljs åt med ”{LIST_SEPARATOR}”)"
            if f.type == "boolean":
                column["trueValues"], column["falseValues"] = ["true"], ["false"]
            if f.required:
                column["constraints"] = {"required": True}
            columns.append(column)
        schema: dict[str, Any] = {"fields": columns, "missingValues": [""]}
        if "id" in self.field_names:
            schema["primaryKey"] = ["id"]
        return schema

    def csv(self, records: Iterable[dict[str, Any]]) -> str:
        """The CSV whose header row is its table schema's field names, in the schema's order:
        the Data Package's schema and the file's labels come from one list."""
        return to_csv([column["name"] for column in self.table_schema()["fields"]], records)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if value == "":
        return None  # one way to say "no value", in JSON as in CSV (an empty field)
    return value


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def to_csv(names: Sequence[str], records: Iterable[dict[str, Any]]) -> str:
    """RFC 4180: comma-separated, CRLF line ends, quotes where needed, a header row.

    Values are written exactly as they are (no formula guard): this is data for programs.
    A spreadsheet user gets the same rows from the portal's Excel exports.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    for record in records:
        writer.writerow([_csv_value(record[name]) for name in names])
    return buffer.getvalue()


def envelope(
    dataset: Dataset, records: list[dict[str, Any]], *, urls: dict[str, str], publisher: str
) -> dict[str, Any]:
    """The one JSON shape every dataset has."""
    licence = current_license()
    return {
        "dataset": dataset.name,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "publisher": publisher,
        "license": {"id": licence.key, "title": licence.title, "url": licence.url},
        "documentation": urls["documentation"],
        "schema": urls["schema"],
        "generated_at": datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat(),
        "fields": dataset.field_names,
        "count": len(records),
        "records": records,
    }


# Shared field descriptions, so the same key means the same thing in every dataset.
ID = Field("id", "integer", _("id"), _("Portalens nummer för posten. Ändras aldrig."), True)
FOCUS_AREAS = Field(
    "focus_areas", "list", _("fokusområden"), _("Kommunens fokusområden som posten hör till.")
)
SDGS = Field(
    "sdgs",
    "list",
    _("globala mål (Agenda 2030)"),
    _(
        "Numren (1–17) på FN:s globala mål för hållbar utveckling som posten bidrar till, "
        "till exempel 4 för God utbildning för alla."
    ),
)
DEPARTMENT = Field("department", "string", _("förvaltning"), _("Ansvarig förvaltning."))
COUNTRY = Field("country", "string", _("landskod"), _("Land som ISO 3166-1 alfa-2-kod (DK)."))
COUNTRY_NAME = Field("country_name", "string", _("land"), _("Landets namn på svenska."))
WEBSITE = Field("website", "string", _("webbplats"), _("Webbadress."))
