"""The annual report's pages: for signed-in users under /reports/, for the public under
/public/reports/ (mounted by portal/urls.py)."""

from __future__ import annotations

from django.urls import path

from . import views as report_views

app_name = "reports"

urlpatterns = [
    path("", report_views.report_list, name="report-list"),
    path("request/", report_views.report_request, name="report-request"),
    path("<year:year>/preview/", report_views.report_preview, name="report-preview"),
    path("<id:pk>/status/", report_views.report_status, name="report-status"),
    path("<id:pk>/retry/", report_views.report_retry, name="report-retry"),
    path("<id:pk>/publish/", report_views.report_publish, name="report-publish"),
    path("<id:pk>/download/", report_views.report_download, name="report-download"),
    path(
        "<id:pk>/download.docx",
        report_views.report_download_word,
        name="report-download-word",
    ),
]

public_urlpatterns = [
    path("", report_views.public_report_list, name="public-report-list"),
    path("<id:pk>/download/", report_views.public_report_download, name="public-report-download"),
]
