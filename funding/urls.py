from __future__ import annotations

from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.radar, name="radar"),
    path("new/", views.call_create, name="create"),
    path("<id:pk>/", views.call_detail, name="detail"),
    path("<id:pk>/edit/", views.call_edit, name="edit"),
    path("<id:pk>/mark/", views.call_mark, name="mark"),
    path("<id:pk>/idea/", views.idea_start, name="idea"),
    path("import/", views.call_import, name="import"),
    path("import/confirm/", views.call_import_confirm, name="import-confirm"),
    path("import/cancel/", views.call_import_cancel, name="import-cancel"),
    path("import/template.<str:fmt>", views.call_import_template, name="import-template"),
    path("keywords/", views.keywords, name="keywords"),
    path("keywords/area/<id:pk>/", views.keywords_area, name="keywords-area"),
    path("keywords/goal/<id:pk>/", views.keywords_goal, name="keywords-goal"),
    path("figures/", views.figures, name="figures"),
]
