from __future__ import annotations

from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.registry, name="registry"),
]
