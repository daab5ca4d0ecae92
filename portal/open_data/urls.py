from __future__ import annotations

from django.urls import path, re_path

from . import views

app_name = "open_data"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("catalog.jsonld", views.catalog_jsonld, name="catalog-jsonld"),
    path("catalog.rdf", views.catalog_rdf, name="catalog-rdf"),
    re_path(r"^(?P<name>[a-z][a-z0-9_-]*)\.(?P<fmt>json|csv)$", views.dataset, name="dataset"),
]
