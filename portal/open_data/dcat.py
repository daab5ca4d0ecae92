"""The catalogue of the open data in DCAT-AP-SE (https://docs.dataportal.se/dcat/).

Sweden's data portal (dataportal.se) harvests a catalogue described this way, as RDF/XML from
one address (/open/catalog.rdf), every node a URI (no blank nodes). Mandatory in DCAT-AP-SE
3.0.1 and present here: the catalogue's title, description, publisher, datasets and licence
(always CC0: the portal requires it for the catalogue's own metadata, whatever licence the data
has); each dataset's title, description and publisher; each distribution's access URL; the
publisher's name and type; the contact point's kind, name and e-mail address. Also given
(recommended): contact points, the data licence on every distribution, themes (the EU data
themes), keywords, formats, media types, download URLs, language and access rights.
Texts are given in Swedish, and in English beside them where the portal has a translation.
tests/open_data/test_open_data.py holds the list of mandatory properties and its source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, XSD

from intl_portal.lib.opendata import Dataset, current_license

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(EU + "data-theme/")
FILE_TYPE = Namespace(EU + "file-type/")
LANGUAGE_SWEDISH = URIRef(EU + "language/SWE")
ACCESS_PUBLIC = URIRef(EU + "access-right/PUBLIC")
UPDATED_CONTINUOUSLY = URIRef(EU + "frequency/UPDATE_CONT")
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
# DCAT-AP-SE: the catalogue itself is always CC0 (the data keep the configured licence).
CATALOG_LICENSE = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")

FORMATS = (("csv", "CSV", "text/csv"), ("json", "JSON", "application/json"))
LANGUAGES = ("sv", "en")  # Swedish first: the data's own language
CATALOG_TITLE = _("%(name)s: internationellt arbete")  # also the Data Package's title


def texts(text: str | Promise, **params: object) -> Iterator[Literal]:
    """The text in Swedish, and in English when the catalogue translates it."""
    seen = set()
    for language in LANGUAGES:
        with override(language):
            value = str(text) % params if params else str(text)
        if value not in seen:
            seen.add(value)
            yield Literal(value, lang=language)


@dataclass(frozen=True)
class Publisher:
    name: str
    email: str


def catalog_graph(
    datasets: tuple[Dataset, ...], *, publisher: Publisher, absolute: Callable[[str], str]
) -> Graph:
    """The catalogue, its datasets and their distributions as one RDF graph."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dcterms", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    docs = absolute("/open/")
    licence = URIRef(current_license().url)
    sv = "sv"

    agent = URIRef(docs + "#utgivare")
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, RDF.type, FOAF.Organization))
    graph.add((agent, FOAF.name, Literal(publisher.name, lang=sv)))
    graph.add((agent, DCTERMS.type, LOCAL_AUTHORITY))

    contact = URIRef(docs + "#kontakt")
    graph.add((contact, RDF.type, VCARD.Organization))
    for name in texts(_("%(name)s, internationellt arbete"), name=publisher.name):
        graph.add((contact, VCARD.fn, name))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{publisher.email}")))

    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((CATALOG_LICENSE, RDF.type, DCTERMS.LicenseDocument))

    catalog = URIRef(docs + "#katalog")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    for title in texts(CATALOG_TITLE, name=publisher.name):
        graph.add((catalog, DCTERMS.title, title))
    description = _(
        "Öppna data om %(name)ss internationella arbete: projekt, vänorter, medlemskap i "
        "nätverk, evenemang och årsrapporter."
    )
    for text in texts(description, name=publisher.name):
        graph.add((catalog, DCTERMS.description, text))
    graph.add((catalog, DCTERMS.publisher, agent))
    graph.add((catalog, DCTERMS.license, CATALOG_LICENSE))
    graph.add((catalog, DCTERMS.language, LANGUAGE_SWEDISH))
    graph.add((catalog, FOAF.homepage, URIRef(docs)))
    graph.add((catalog, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))

    for dataset in datasets:
        node = URIRef(f"{docs}#{dataset.name}")
        graph.add((catalog, DCAT.dataset, node))
        _add_dataset(graph, node, dataset, publisher=publisher, agent=agent, contact=contact)
        for extension, file_type, media_type in FORMATS:
            distribution = URIRef(f"{docs}#{dataset.name}-{extension}")
            graph.add((node, DCAT.distribution, distribution))
            url = URIRef(absolute(f"/open/{dataset.name}.{extension}"))
            for title in texts("%(title)s (%(type)s)", title=dataset.title, type=file_type):
                graph.add((distribution, DCTERMS.title, title))
            for predicate, value in (
                (RDF.type, DCAT.Distribution),
                (DCAT.accessURL, url),
                (DCAT.downloadURL, url),
                (DCTERMS.format, FILE_TYPE[file_type]),
                (DCAT.mediaType, URIRef(MEDIA_TYPE + media_type)),
                (DCTERMS.license, licence),
                (FOAF.page, node),
            ):
                graph.add((distribution, predicate, value))
            if extension == "csv":
                schema = URIRef(absolute("/open/datapackage.json"))
                graph.add((distribution, DCTERMS.conformsTo, schema))
    graph.add((catalog, DCTERMS.modified, Literal(_today(), datatype=XSD.date)))
    return graph


def _add_dataset(
    graph: Graph,
    node: URIRef,
    dataset: Dataset,
    *,
    publisher: Publisher,
    agent: URIRef,
    contact: URIRef,
) -> None:
    for title in texts(dataset.title):
        graph.add((node, DCTERMS.title, title))
    for description in texts(dataset.description):
        graph.add((node, DCTERMS.description, description))
    for predicate, value in (
        (RDF.type, DCAT.Dataset),
        (DCTERMS.identifier, Literal(f"{slugify(publisher.name)}-{dataset.name}")),
        (DCTERMS.publisher, agent),
        (DCAT.contactPoint, contact),
        (DCTERMS.accessRights, ACCESS_PUBLIC),
        (DCTERMS.accrualPeriodicity, UPDATED_CONTINUOUSLY),
        (DCTERMS.language, LANGUAGE_SWEDISH),
        (DCAT.landingPage, node),
    ):
        graph.add((node, predicate, value))
    for theme in dataset.themes:
        graph.add((node, DCAT.theme, THEME[theme]))
    for keyword in dataset.keywords:
        for word in texts(keyword):
            graph.add((node, DCAT.keyword, word))


def _today() -> str:
    return timezone.localdate().isoformat()


JSONLD_CONTEXT = {
    "dcat": str(DCAT),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "xsd": str(XSD),
}
