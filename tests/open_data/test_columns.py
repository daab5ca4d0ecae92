"""One column list per entity: its export, its import and its open data all read that list."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frictionless
import pytest
from django.test import Client
from django.urls import reverse

from funding import imports as funding_imports
from funding.columns import CALL_COLUMNS
from intl_portal.lib import opendata
from intl_portal.lib.columns import Column, Columns
from intl_portal.lib.opendata import Field
from partners import imports as partner_imports
from partners.columns import MEMBERSHIP_COLUMNS, PARTNERSHIP_COLUMNS
from partners.models import NetworkMembership, Partnership
from portal.open_data import BY_NAME
from projects import imports as project_imports
from projects.columns import ACTIVITY_COLUMNS, PROJECT_COLUMNS, with_kronor
from projects.models import Activity, Project
from projects.selectors import sek_rates
from tests.conftest import World
from tests.open_data.test_open_data import published  # noqa: F401  # the published world

pytestmark = pytest.mark.django_db

# dataset -> (its column list, the export's address if it has one, the published objects)
ENTITIES: dict[str, tuple[Columns[Any], str | None, Callable[[], Any]]] = {
    "projects": (
        PROJECT_COLUMNS,
        "projects:export-csv",
        lambda: Project.objects.filter(is_published=True, title="Unga i Europa"),
    ),
    "partnerships": (
        PARTNERSHIP_COLUMNS,
        "partnerships",
        lambda: Partnership.objects.filter(partner__name="Ringsted"),
    ),
    "memberships": (
        MEMBERSHIP_COLUMNS,
        "memberships",
        lambda: NetworkMembership.objects.filter(name="Eurotowns"),
    ),
    "activities": (ACTIVITY_COLUMNS, None, lambda: Activity.objects.filter(title="Europadagen")),
}
EXPORTS = {
    "projects:export-csv": lambda: reverse("projects:export-csv"),
    "partnerships": lambda: reverse("partners:partnership-export", args=["csv"]),
    "memberships": lambda: reverse("partners:membership-export", args=["csv"]),
}


def _header(body: bytes, delimiter: str) -> list[str]:
    return next(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))


@pytest.mark.parametrize("name", list(ENTITIES))
def test_export_import_and_open_data_read_the_entitys_one_column_list(
    name: str,
    published: None,  # noqa: F811
    world: World,
    client: Client,
) -> None:
    columns, export, _objects = ENTITIES[name]
    published_keys = [c.key for c in columns.columns if c.field is not None]
    assert BY_NAME[name].fields == columns.fields()
    assert _header(client.get(f"/open/{name}.csv").content, ",") == published_keys
    assert list(client.get(f"/open/{name}.json").json()["records"][0]) == published_keys
    package = client.get("/open/datapackage.json").json()
    schema = next(r["schema"] for r in package["resources"] if r["name"] == name)
    assert [f["name"] for f in schema["fields"]] == published_keys
    if export:
        client.force_login(world.coordinator)
        headers = _header(client.get(EXPORTS[export]()).content, ";")
        listed = (with_kronor(sek_rates()) if name == "projects" else columns).headers()
        assert headers == listed


def test_the_imports_read_the_sheet_headers_of_the_column_lists() -> None:
    assert PROJECT_COLUMNS.imported() == project_imports.COLUMNS
    assert list(project_imports.COLUMNS)[:3] == ["titel", "akronym", "förvaltning"]
    assert tuple(PARTNERSHIP_COLUMNS.import_headers()) == partner_imports.COLUMNS
    assert partner_imports.COLUMNS[:2] == ("namn", "land")
    assert CALL_COLUMNS.imported() == funding_imports.COLUMNS
    assert list(funding_imports.COLUMNS)[:3] == ["program", "id", "titel"]


EXTRA: Column[Any] = Column(
    "extra_note",
    "Extra",
    lambda obj: f"nr {obj.pk}, extra",
    Field("extra_note", "string", "extra", "En kolumn till."),
    by_header=True,
)


def _validate(tmp_path: Path, dataset: opendata.Dataset, records: list[dict[str, Any]]) -> Any:
    """Frictionless' report on the dataset's CSV with its table schema, as /open/ serves them."""
    (tmp_path / f"{dataset.name}.csv").write_text(
        opendata.to_csv(dataset.field_names, records), encoding="utf-8", newline=""
    )
    resource = {
        "name": dataset.name,
        "path": f"{dataset.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True},
        "schema": dataset.table_schema(),
    }
    package = tmp_path / "datapackage.json"
    package.write_text(json.dumps({"name": "test", "resources": [resource]}), encoding="utf-8")
    return frictionless.validate(str(package))


@pytest.mark.parametrize("name", list(ENTITIES))
def test_one_column_added_to_a_list_shows_in_export_import_open_data_row_and_schema(
    name: str,
    published: None,  # noqa: F811
    tmp_path: Path,
) -> None:
    columns, _export, objects = ENTITIES[name]
    obj = objects().get()
    extended = columns + [EXTRA]

    assert extended.headers() == [*columns.headers(), "Extra"]
    assert extended.cells(obj) == [*columns.cells(obj), f"nr {obj.pk}, extra"]
    assert extended.imported()["extra"] is EXTRA
    assert extended.read({"extra": "typed"})["extra_note"] == "typed"
    dataset = extended.dataset(lambda: [obj], name=name, title="t", description="d")
    records = dataset.records(lambda path: f"https://kommun.se{path}")
    assert records[0]["extra_note"] == f"nr {obj.pk}, extra"
    assert dataset.field_names == [*BY_NAME[name].field_names, "extra_note"]
    assert dataset.table_schema()["fields"][-1] == {
        "name": "extra_note", "title": "extra", "description": "En kolumn till.", "type": "string",
    }  # fmt: skip
    report = _validate(tmp_path, dataset, records)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("name", ["projects", "partnerships"])
def test_published_csv_validates_against_its_schema_with_field_names_as_header(
    name: str,
    published: None,  # noqa: F811
    client: Client,
    tmp_path: Path,
) -> None:
    package = client.get("/open/datapackage.json").json()
    resource = next(r for r in package["resources"] if r["name"] == name)
    body = client.get(f"/open/{name}.csv").content
    (tmp_path / resource["path"]).write_bytes(body)
    (tmp_path / "datapackage.json").write_text(
        json.dumps({"name": "test", "resources": [resource]}), encoding="utf-8"
    )

    report = frictionless.validate(str(tmp_path / "datapackage.json"))

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["errors"] == 0
    fields = resource["schema"]["fields"]
    assert _header(body, ",") == [f["name"] for f in fields]  # the header is the field names
    titles = {f["name"]: f["title"] for f in fields}  # the titles are the Swedish labels
    if name == "projects":
        assert (titles["title"], titles["acronym"]) == ("titel", "akronym")
    else:
        assert (titles["partner"], titles["since_year"]) == ("samarbetspart", "sedan år")
