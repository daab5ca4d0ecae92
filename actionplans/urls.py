from __future__ import annotations

from django.urls import path

from . import views

app_name = "actionplans"

urlpatterns = [
    path("plans/", views.plan_list, name="list"),
    path("plans/new/", views.plan_create, name="create"),
    path("plans/<int:year>/", views.plan_detail, name="detail"),
    path("plans/<int:year>/goals/new/", views.goal_create, name="goal-create"),
    path("goals/<int:pk>/outcome/", views.goal_outcome, name="goal-outcome"),
    path("reports/", views.report_list, name="report-list"),
    path("reports/request/", views.report_request, name="report-request"),
    path("reports/<int:pk>/status/", views.report_status, name="report-status"),
    path("reports/<int:pk>/retry/", views.report_retry, name="report-retry"),
    path("reports/<int:pk>/publish/", views.report_publish, name="report-publish"),
    path("reports/<int:pk>/download/", views.report_download, name="report-download"),
]

public_urlpatterns = [
    path("", views.public_report_list, name="public-report-list"),
    path("<int:pk>/download/", views.public_report_download, name="public-report-download"),
]
