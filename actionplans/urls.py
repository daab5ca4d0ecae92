from __future__ import annotations

from django.urls import path

from . import followup_views, plan_views, strategy_views, views
from .reports import views as report_views

app_name = "actionplans"

urlpatterns = [
    path("plans/", views.plan_list, name="list"),
    path("plans/new/", views.plan_create, name="create"),
    path("plans/<int:year>/", views.plan_detail, name="detail"),
    path("plans/<int:year>/goals/new/", views.goal_create, name="goal-create"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("goals/<int:pk>/outcome/", views.goal_outcome, name="goal-outcome"),
    # Department plans
    path(
        "plans/<int:year>/departments/<int:department>/",
        plan_views.department_plan_detail,
        name="department-plan",
    ),
    path(
        "plans/<int:year>/departments/<int:department>/edit/",
        plan_views.department_plan_edit,
        name="department-plan-edit",
    ),
    path(
        "plans/<int:year>/departments/<int:department>/submit/",
        plan_views.department_plan_submit,
        name="department-plan-submit",
    ),
    path(
        "plans/<int:year>/departments/<int:department>/return/",
        plan_views.department_plan_return,
        name="department-plan-return",
    ),
    path(
        "plans/<int:year>/departments/<int:department>/accept/",
        plan_views.department_plan_accept,
        name="department-plan-accept",
    ),
    # The municipal plan's workflow and versions
    path("plans/<int:year>/propose/", plan_views.plan_propose, name="propose"),
    path("plans/<int:year>/adopt/", plan_views.plan_adopt, name="adopt"),
    path("plans/<int:year>/revise/", plan_views.plan_revise, name="revise"),
    path("plans/<int:year>/versions/", plan_views.plan_versions, name="versions"),
    path(
        "plans/<int:year>/versions/<int:number>/",
        plan_views.plan_version_detail,
        name="version",
    ),
    path("plans/<int:year>/compare/", plan_views.plan_compare, name="compare"),
    path("plans/<int:year>/copy-forward/", plan_views.plan_copy_forward, name="copy-forward"),
    path("plans/<int:year>/traceability/", plan_views.plan_traceability, name="traceability"),
    # Follow-up
    path("plans/<int:year>/followup/open/", followup_views.round_open, name="round-open"),
    path("followup/<int:year>/", followup_views.board, name="board"),
    path("followup/<int:year>/close/", followup_views.round_close, name="round-close"),
    path("followup/<int:year>/<int:department>/", followup_views.part_detail, name="part"),
    path(
        "followup/<int:year>/<int:department>/ready/",
        followup_views.part_ready,
        name="part-ready",
    ),
    path(
        "followup/<int:year>/<int:department>/return/",
        followup_views.part_return,
        name="part-return",
    ),
    path(
        "followup/<int:year>/<int:department>/accept/",
        followup_views.part_accept,
        name="part-accept",
    ),
    # Governing documents
    path("strategies/", strategy_views.strategy_list, name="strategy-list"),
    path("strategies/new/", strategy_views.strategy_create, name="strategy-create"),
    path("strategies/<int:pk>/", strategy_views.strategy_detail, name="strategy"),
    path("strategies/<int:pk>/edit/", strategy_views.strategy_edit, name="strategy-edit"),
    # The annual report
    path("reports/", report_views.report_list, name="report-list"),
    path("reports/request/", report_views.report_request, name="report-request"),
    path("reports/<int:year>/preview/", report_views.report_preview, name="report-preview"),
    path("reports/<int:pk>/status/", report_views.report_status, name="report-status"),
    path("reports/<int:pk>/retry/", report_views.report_retry, name="report-retry"),
    path("reports/<int:pk>/publish/", report_views.report_publish, name="report-publish"),
    path("reports/<int:pk>/download/", report_views.report_download, name="report-download"),
    path(
        "reports/<int:pk>/download.docx",
        report_views.report_download_word,
        name="report-download-word",
    ),
]

public_urlpatterns = [
    path("", report_views.public_report_list, name="public-report-list"),
    path("<int:pk>/download/", report_views.public_report_download, name="public-report-download"),
]
