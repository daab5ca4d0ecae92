"""/open/: the documentation page, each dataset as JSON and CSV, the Data Package, the catalogue."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import override
from django.views.decorators.http import require_GET

from intl_portal.lib import opendata
from intl_portal.organisation.models import Municipality

from . import BY_NAME, DATASETS
from .dcat import CATALOG_TITLE, JSONLD_CONTEXT, Publisher, catalog_graph

MAX_AGE = 60 * 60
FORMATS = ("json", "csv")


def _publisher() -> Publisher:
    email = getattr(settings, "OPEN_DATA_CONTACT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL
    return Publisher(name=Municipality.current().name, email=email)


def _cacheable(
    request: HttpRequest, response: HttpResponse, *, content: bytes | None = None
) -> HttpResponse:
    """Public, cached for an hour, readable from any site, and 304 when unchanged.

    The ETag is a hash of `content` (the body unless given): what the data says, so a body
    whose only difference is the time it was generated is the same version."""
    etag = f'"{hashlib.sha256(response.content if content is None else content).hexdigest()[:32]}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _json(data: Any, content_type: str = "application/json") -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return HttpResponse(body.encode(), content_type=f"{content_type}; charset=utf-8")


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    absolute = request.build_absolute_uri
    # In the visitor's language; the data themselves are always Swedish (see `dataset`).
    datasets = [
        {
            "name": d.name,
            "title": str(d.title),
            "description": str(d.description),
            "fields": [
                {
                    "name": f.name,
                    "type": f.type,
                    "title": str(f.title),
                    "description": str(f.description),
                }
                for f in d.fields
            ],
            "json_url": absolute(f"/open/{d.name}.json"),
            "csv_url": absolute(f"/open/{d.name}.csv"),
        }
        for d in DATASETS
    ]
    context = {
        "datasets": datasets,
        "license": opendata.current_license(),
        "contact_email": _publisher().email,
        "base_url": absolute("/open/"),
        "separator": opendata.LIST_SEPARATOR,
    }
    return render(request, "open_data/index.html", context)


@require_GET
def dataset(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in BY_NAME or fmt not in FORMATS:
        raise Http404
    data = BY_NAME[name]
    content: bytes | None = None
    with override("sv"):  # open data is stable: always the Swedish labels and country names
        records = data.records(request.build_absolute_uri)
        if fmt == "json":
            urls = {
                "documentation": request.build_absolute_uri(f"/open/#{name}"),
                "schema": request.build_absolute_uri("/open/datapackage.json"),
            }
            body = opendata.envelope(data, records, urls=urls, publisher=_publisher().name)
            response = _json(body)
            unchanged = {key: value for key, value in body.items() if key != "generated_at"}
            content = json.dumps(unchanged, ensure_ascii=False).encode()
        else:
            text = data.csv(records)
            response = HttpResponse(
                text.encode(), content_type="text/csv; charset=utf-8; header=present"
            )
            response["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return _cacheable(request, response, content=content)


def _contributor(publisher: Publisher) -> dict[str, str]:
    contributor = {"title": publisher.name, "role": "publisher"}
    if "." in publisher.email.rpartition("@")[2]:  # not a local address like x@localhost
        contributor["email"] = publisher.email
    return contributor


@require_GET
def datapackage(request: HttpRequest) -> HttpResponse:
    """A Frictionless Data Package: every CSV with its table schema (paths relative to here)."""
    licence = opendata.current_license()
    publisher = _publisher()
    with override("sv"):
        descriptor = {
            "profile": "data-package",
            "name": f"{slugify(publisher.name) or 'kommunen'}-internationellt-arbete",
            "title": CATALOG_TITLE % {"name": publisher.name},
            "homepage": request.build_absolute_uri("/open/"),
            "licenses": [{"name": licence.key, "path": licence.url, "title": licence.title}],
            "contributors": [_contributor(publisher)],
            "resources": [
                {
                    "name": d.name,
                    "path": f"{d.name}.csv",
                    "profile": "tabular-data-resource",
                    "title": str(d.title),
                    "description": str(d.description),
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "dialect": {"delimiter": ",", "header": True},
                    "schema": d.table_schema(),
                }
                for d in DATASETS
            ],
        }
    return _cacheable(request, _json(descriptor))


def _graph_response(request: HttpRequest, fmt: str, content_type: str) -> HttpResponse:
    with override("sv"):
        graph = catalog_graph(DATASETS, publisher=_publisher(), absolute=request.build_absolute_uri)
    if fmt == "json-ld":
        body = graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True)
    else:
        body = graph.serialize(format=fmt)
    response = HttpResponse(body.encode(), content_type=f"{content_type}; charset=utf-8")
    return _cacheable(request, response)


@require_GET
def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    """The DCAT-AP-SE catalogue as JSON-LD."""
    return _graph_response(request, "json-ld", "application/ld+json")


@require_GET
def catalog_rdf(request: HttpRequest) -> HttpResponse:
    """The same catalogue as RDF/XML, the form Sweden's data portal harvests most readily."""
    return _graph_response(request, "xml", "application/rdf+xml")
