from __future__ import annotations

from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/submit/", views.project_submit, name="submit"),
    path("<int:pk>/approve/", views.project_approve, name="approve"),
    path("<int:pk>/return/", views.project_return, name="return"),
]

public_urlpatterns = [
    path("", views.public_project_list, name="public-list"),
    path("<int:pk>/", views.public_project_detail, name="public-detail"),
]
