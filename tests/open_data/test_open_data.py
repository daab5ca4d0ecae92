"""Open data (/open/): one envelope, RFC 4180 CSV, a valid Data Package, a DCAT-AP-SE catalogue."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import frictionless
import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.utils import timezone
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from actionplans.models import AnnualReport
from partners.models import Partnership
from portal.open_data import DATASETS
from portal.open_data.dcat import VCARD, texts
from projects.models import Activity, Project
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

NAMES = ("projects", "partnerships", "memberships", "activities", "reports")


@pytest.fixture
def published(world: World) -> None:
    area = factories.FocusAreaFactory(name="Demokrati")
    partner = factories.PartnerFactory(name="Ringsted", country="BR", region="-Østfold")
    partnership = factories.PartnershipFactory(
        partner=partner, is_published=True, political_contact="KF:s ordförande", since_year=1995,
        description="Vi arbetar med **demokrati, och delaktighet**.",
    )  # fmt: skip
    partnership.focus_areas.add(area)
    partnership.contact_persons.create(name="Mette Hansen", email="mette@example.dk")
    factories.PartnershipFactory(partner__name="Hemlig", is_published=False)
    factories.PartnershipFactory(
        partner__name="Slut", is_published=True, status=Partnership.Status.ENDED,
        ended_decision_date="2020-01-01",
    )  # fmt: skip
    project = factories.ProjectFactory(
        title="Unga i Europa", summary="Ett **Erasmus+**-projekt;\n\n- utbyte\n- läger",
        department=world.own_department, status=Project.Status.APPROVED, is_published=True,
        project_lead="Karin Lind",
    )  # fmt: skip
    project.partners.add(partner)
    project.focus_areas.add(area)
    factories.ProjectFactory(title="Hemligt projekt", status=Project.Status.APPROVED)
    membership = factories.NetworkMembershipFactory(name="Eurotowns", yearly_fee_sek=12345)
    membership.representatives.add(world.coordinator)
    factories.NetworkMembershipFactory(name="Gammalt nätverk", is_active=False)
    factories.ActivityFactory(
        title="Europadagen", kind=Activity.Kind.EVENT, status=Activity.Status.APPROVED,
        department=world.own_department, participants=120, cost=5000,
    )  # fmt: skip
    factories.ActivityFactory(title="Utkastfest", kind=Activity.Kind.EVENT)
    report = factories.AnnualReportFactory(
        year=2025, version=1, state=AnnualReport.State.DONE, published_at=timezone.now(),
        summary="Året i **korthet**.", pages=12, case_number="KS 2026/12",
    )  # fmt: skip
    report.pdf.save("r.pdf", ContentFile(b"%PDF-1.7"), save=True)


def test_every_dataset_has_the_one_envelope(published: None, client: Client) -> None:
    for name in NAMES:
        response = client.get(f"/open/{name}.json")
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/json; charset=utf-8"
        data = response.json()
        assert set(data) == {
            "dataset", "title", "description", "publisher", "license", "documentation",
            "schema", "generated_at", "fields", "count", "records",
        }, name  # fmt: skip
        assert data["dataset"] == name
        assert data["license"]["id"] == "CC0-1.0"
        assert data["count"] == len(data["records"]) == 1, name
        record = data["records"][0]
        assert list(record) == data["fields"]
        assert all(key.isascii() and key == key.lower() for key in record), name


def test_published_only_and_plain_text(published: None, client: Client) -> None:
    everything = "".join(client.get(f"/open/{n}.{f}").content.decode() for n in NAMES
                         for f in ("json", "csv"))  # fmt: skip
    for secret in ("Hemlig", "Slut", "Mette", "KF:s ordförande", "Karin Lind", "800000",
                   "12345", "Gammalt", "Utkastfest", "5000", "sara"):  # fmt: skip
        assert secret not in everything, secret
    assert "**" not in everything
    partnership = client.get("/open/partnerships.json").json()["records"][0]
    assert partnership["description"] == "Vi arbetar med demokrati, och delaktighet."
    assert partnership["country_name"] == "Brasilien"  # Swedish, not django-countries' "Brazil"
    assert partnership["region"] == "-Østfold"  # data, exactly: no formula apostrophe
    project = client.get("/open/projects.json").json()["records"][0]
    assert project["summary"] == "Ett Erasmus+-projekt;\n\n• utbyte\n\n• läger"
    assert project["partners"] == ["Ringsted"] and project["partner_countries"] == ["BR"]
    assert project["url"].endswith(f"/public/projects/{project['id']}/")


def test_csv_is_rfc_4180_inline_and_reads_as_columns(published: None, client: Client) -> None:
    response = client.get("/open/partnerships.csv")
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    assert response["Content-Disposition"].startswith("inline")
    body = response.content
    assert not body.startswith(b"\xef\xbb\xbf")  # no BOM
    assert b"\r\n" in body
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows[0]["partner"] == "Ringsted"
    assert rows[0]["description"] == "Vi arbetar med demokrati, och delaktighet."
    assert rows[0]["decision_date"] == ""  # missing: an empty field, never "None"
    assert rows[0]["focus_areas"] == "Demokrati"


def test_old_addresses_still_answer(published: None, client: Client) -> None:
    assert client.get("/open/projects.json").json()["records"][0]["title"] == "Unga i Europa"
    assert client.get("/open/partnerships.csv").status_code == 200
    assert client.get("/open/secrets.json").status_code == 404
    assert client.get("/open/projects.xml").status_code == 404


def test_data_package_is_valid_for_frictionless(
    published: None, client: Client, tmp_path: Path
) -> None:
    descriptor = client.get("/open/datapackage.json").json()
    assert [r["name"] for r in descriptor["resources"]] == [d.name for d in DATASETS]
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for resource in descriptor["resources"]:
        (tmp_path / resource["path"]).write_bytes(client.get(f"/open/{resource['path']}").content)

    report = frictionless.validate(str(tmp_path / "datapackage.json"))

    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == len(NAMES)
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    rows = package.get_resource("projects").read_rows()
    assert rows[0]["start_date"].isoformat() == "2026-01-01"  # typed by the schema


def test_data_package_of_an_empty_portal_is_valid(
    world: World, client: Client, tmp_path: Path
) -> None:
    descriptor = client.get("/open/datapackage.json").json()
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for resource in descriptor["resources"]:
        (tmp_path / resource["path"]).write_bytes(client.get(f"/open/{resource['path']}").content)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])


def _graph(client: Client, path: str, fmt: str) -> Graph:
    return Graph().parse(data=client.get(path).content.decode(), format=fmt)


# What DCAT-AP-SE makes mandatory ("obligatorisk"), class by class, with the Swedish name the
# specification gives each property. Source: DCAT-AP-SE 3.0.1 (published 2024-11-25 by DIGG,
# https://docs.dataportal.se/dcat/3.0.1/sv/), whose property definitions and cardinalities are
# in the specification's bundle.json (github.com/diggsweden/DCAT-AP-SE, 3.0.1/bundle.json and
# templates/): a property is mandatory where its cardinality has "min": 1. Contact point
# ("kontaktuppgift") is recommended, not mandatory, on a dataset (templates/dcat:Dataset/
# dcat:contactPoint_da, min 0); the portal publishes one, and once there its kind, name and
# e-mail address are mandatory. The catalogue's licence must be CC0 (templates/dcat:Catalog/
# dcat:dcterms:license_ca: "I Sverige kräver vi licensen CC0-1.0 (Public domain) på katalogen").
MANDATORY = {
    "Katalog (dcat:Catalog)": [
        ("titel", DCTERMS.title),
        ("beskrivning", DCTERMS.description),
        ("utgivare", DCTERMS.publisher),
        ("datamängd", DCAT.dataset),
        ("licens", DCTERMS.license),
    ],
    "Datamängd (dcat:Dataset)": [
        ("titel", DCTERMS.title),
        ("beskrivning", DCTERMS.description),
        ("utgivare", DCTERMS.publisher),
    ],
    "Distribution (dcat:Distribution)": [
        ("webbadress för åtkomst", DCAT.accessURL),
    ],
    "Aktör (foaf:Agent, the publisher)": [
        ("namn", FOAF.name),
        ("typ", DCTERMS.type),
    ],
    "Kontaktuppgift (vcard:Kind, the contact point)": [
        ("typ", RDF.type),
        ("namn", VCARD.fn),
        ("e-postadress", VCARD.hasEmail),
    ],
}
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")


def _nodes_of_each_class(graph: Graph) -> dict[str, set[object]]:
    return {
        "Katalog (dcat:Catalog)": set(graph.subjects(RDF.type, DCAT.Catalog)),
        "Datamängd (dcat:Dataset)": set(graph.subjects(RDF.type, DCAT.Dataset)),
        "Distribution (dcat:Distribution)": set(graph.subjects(RDF.type, DCAT.Distribution)),
        "Aktör (foaf:Agent, the publisher)": set(graph.objects(None, DCTERMS.publisher)),
        "Kontaktuppgift (vcard:Kind, the contact point)": set(
            graph.objects(None, DCAT.contactPoint)
        ),
    }


@pytest.mark.parametrize(
    "path,fmt", [("/open/catalog.rdf", "xml"), ("/open/catalog.jsonld", "json-ld")]
)
def test_catalog_has_every_property_dcat_ap_se_makes_mandatory(
    published: None, client: Client, path: str, fmt: str
) -> None:
    graph = _graph(client, path, fmt)
    nodes = _nodes_of_each_class(graph)
    missing = [
        f"{cls}: {node} has no {name} ({prop.n3(graph.namespace_manager)})"
        for cls, properties in MANDATORY.items()
        for node in nodes[cls]
        for name, prop in properties
        if graph.value(node, prop) is None
    ]
    assert not missing, "\n".join(missing)
    assert all(nodes.values()), {cls: len(found) for cls, found in nodes.items()}
    # Harvesting rules (docs/harvesting.md of the same repository): no blank nodes for the
    # catalogue, datasets, distributions, publishers and contacts; absolute http(s) addresses.
    for found in nodes.values():
        assert all(isinstance(node, URIRef) and str(node).startswith("http") for node in found)
    (catalog,) = nodes["Katalog (dcat:Catalog)"]
    assert graph.value(catalog, DCTERMS.license) == CC0
    kinds = {
        graph.value(c, RDF.type) for c in nodes["Kontaktuppgift (vcard:Kind, the contact point)"]
    }
    assert kinds <= {VCARD.Organization, VCARD.Individual}
    assert all(
        str(graph.value(c, VCARD.hasEmail)).startswith("mailto:")
        for c in nodes["Kontaktuppgift (vcard:Kind, the contact point)"]
    )
    assert all(
        str(graph.value(d, DCAT.accessURL)).startswith(("http://", "https://"))
        for d in nodes["Distribution (dcat:Distribution)"]
    )


def test_catalog_lists_every_dataset_with_its_downloads(published: None, client: Client) -> None:
    graph = _graph(client, "/open/catalog.jsonld", "json-ld")
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert datasets == set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(NAMES)
    for dataset in datasets:
        assert graph.value(dataset, DCAT.contactPoint) is not None  # recommended, given
        assert {title.language for title in graph.objects(dataset, DCTERMS.title)} == {"sv", "en"}
        themes = set(graph.objects(dataset, DCAT.theme))
        assert URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE") in themes
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 2
        for distribution in distributions:
            access = graph.value(distribution, DCAT.accessURL)
            assert graph.value(distribution, DCTERMS.license) == CC0
            assert graph.value(distribution, DCTERMS.format) is not None
            path = str(access).removeprefix("http://testserver")
            assert client.get(path).status_code == 200
    assert graph.isomorphic(_graph(client, "/open/catalog.rdf", "xml"))


def test_catalog_speaks_swedish_and_english(published: None, client: Client) -> None:
    """dataportal.se shows a dataset in English where the catalogue has English texts."""
    graph = _graph(client, "/open/catalog.rdf", "xml")

    def by_language(subject: object, predicate: URIRef) -> dict[str | None, str]:
        return {t.language: str(t) for t in graph.objects(subject, predicate)}  # type: ignore[attr-defined]

    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert by_language(catalog, DCTERMS.title) == {
        "sv": "Skövde kommun: internationellt arbete",
        "en": "Skövde kommun: international work",
    }
    assert by_language(catalog, DCTERMS.description)["en"].startswith("Open data on the inter")
    projects = URIRef("http://testserver/open/#projects")
    assert by_language(projects, DCTERMS.title) == {
        "sv": "Internationella projekt",
        "en": "International projects",
    }
    assert (
        "Budgets and people are not included." in by_language(projects, DCTERMS.description)["en"]
    )
    assert {"EU-projekt", "EU project"} <= {str(k) for k in graph.objects(projects, DCAT.keyword)}
    csv_file = URIRef("http://testserver/open/#projects-csv")
    assert by_language(csv_file, DCTERMS.title)["en"] == "International projects (CSV)"
    # A text the catalogue does not translate is given once, in Swedish.
    assert [(t.language, str(t)) for t in texts("Erasmus+ (%(n)s)", n=2)] == [
        ("sv", "Erasmus+ (2)")
    ]


@override_settings(OPEN_DATA_LICENSE="CC-BY-4.0", OPEN_DATA_CONTACT_EMAIL="data@kommun.se")
def test_licence_and_contact_are_configurable(published: None, client: Client) -> None:
    assert client.get("/open/reports.json").json()["license"]["id"] == "CC-BY-4.0"
    graph = _graph(client, "/open/catalog.jsonld", "json-ld")
    cc_by = URIRef("http://creativecommons.org/licenses/by/4.0/")
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution))
    assert {graph.value(d, DCTERMS.license) for d in distributions} == {cc_by}
    # The catalogue's own metadata stay CC0, as Sweden's data portal requires.
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert graph.value(catalog, DCTERMS.license) == CC0
    assert set(graph.objects(None, VCARD.hasEmail)) == {URIRef("mailto:data@kommun.se")}
    page = client.get("/open/").content.decode()
    assert "Creative Commons Attribution 4.0" in page and "data@kommun.se" in page


def test_documentation_page_explains_every_field(published: None, client: Client) -> None:
    response = client.get("/open/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Creative Commons Zero" in page
    for dataset in DATASETS:
        assert f'id="{dataset.name}"' in page
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in page
    assert 'pd.read_csv("http://testserver/open/partnerships.csv")' in page


def test_open_data_is_cacheable(published: None, client: Client) -> None:
    first = client.get("/open/activities.csv")
    assert "public" in first["Cache-Control"] and first["Access-Control-Allow-Origin"] == "*"
    assert client.get("/open/activities.csv", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_documentation_page_is_english_for_an_english_visitor_and_the_data_stay_swedish(
    published: None, client: Client
) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/open/"})

    page = client.get("/open/").content.decode()
    assert '<html lang="en">' in page and '<div lang="sv">' not in page
    assert "<h1>Open data on the international work</h1>" in page
    assert "International projects" in page
    assert "Responsible department." in page  # a field's explanation
    assert "Öppna data om" not in page and "Datamängder" not in page
    # The data keep their Swedish labels whatever the visitor reads.
    assert client.get("/open/projects.json").json()["title"] == "Internationella projekt"


@pytest.mark.django_db(transaction=True)
def test_data_package_served_over_http_validates_against_its_own_csv_files(
    published: None, live_server: Any
) -> None:
    """Issue 33: frictionless reading the real URLs: each CSV header is its schema's names."""
    descriptor_url = f"{live_server.url}/open/datapackage.json"

    report = frictionless.validate(descriptor_url)

    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == len(NAMES)
    assert report.stats["errors"] == 0
    package = frictionless.Package(descriptor_url)
    for resource in package.resources:
        resource.read_rows()
        assert resource.header == resource.schema.field_names, resource.name
