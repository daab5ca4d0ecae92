from __future__ import annotations

from django.urls import path

from . import activity_views, import_views, public_views, travel_views, views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("export.csv", views.project_export, {"fmt": "csv"}, name="export-csv"),
    path("export.xlsx", views.project_export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("import/", import_views.project_import, name="import"),
    path("import/confirm/", import_views.project_import_confirm, name="import-confirm"),
    path("import/cancel/", import_views.project_import_cancel, name="import-cancel"),
    path("new/", views.project_create, name="create"),
    path("<id:pk>/", views.project_detail, name="detail"),
    path("<id:pk>/edit/", views.project_edit, name="edit"),
    path("<id:pk>/submit/", views.project_submit, name="submit"),
    path("<id:pk>/approve/", views.project_approve, name="approve"),
    path("<id:pk>/return/", views.project_return, name="return"),
    path("<id:pk>/publish/", views.project_publish, {"published": True}, name="publish"),
    path("<id:pk>/unpublish/", views.project_publish, {"published": False}, name="unpublish"),
    path("<id:pk>/change/approve/", views.revision_approve, name="revision-approve"),
    path("<id:pk>/change/return/", views.revision_return, name="revision-return"),
    path("<id:pk>/attachments/", views.attachment_upload, name="attachment-upload"),
    path(
        "<id:pk>/attachments/<id:attachment_pk>/",
        views.attachment_download,
        name="attachment-download",
    ),
    path(
        "<id:pk>/attachments/<id:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment-delete",
    ),
    path("activities/", activity_views.activity_list, name="activity-list"),
    path("activities/new/", activity_views.activity_create, name="activity-create"),
    path("activities/<id:pk>/", activity_views.activity_detail, name="activity-detail"),
    path("activities/<id:pk>/edit/", activity_views.activity_edit, name="activity-edit"),
    path("activities/<id:pk>/submit/", activity_views.activity_submit, name="activity-submit"),
    path("activities/<id:pk>/approve/", activity_views.activity_approve, name="activity-approve"),
    path("activities/<id:pk>/return/", activity_views.activity_return, name="activity-return"),
    path(
        "activities/emission-factors/",
        travel_views.emission_factor_list,
        name="emission-factors",
    ),
    path(
        "activities/emission-factors/<id:pk>/edit/",
        travel_views.emission_factor_edit,
        name="emission-factor-edit",
    ),
]

public_urlpatterns = [
    path("", public_views.public_project_list, name="public-list"),
    path("<id:pk>/", public_views.public_project_detail, name="public-detail"),
]
