from __future__ import annotations

from django.urls import path

from . import followup_views, plan_views, strategy_views, views

app_name = "actionplans"

urlpatterns = [
    path("plans/", views.plan_list, name="list"),
    path("plans/new/", views.plan_create, name="create"),
    path("plans/<year:year>/", views.plan_detail, name="detail"),
    path("plans/<year:year>/goals/new/", views.goal_create, name="goal-create"),
    path("goals/<id:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("goals/<id:pk>/outcome/", views.goal_outcome, name="goal-outcome"),
    # Department plans
    path(
        "plans/<year:year>/departments/<id:department>/",
        plan_views.department_plan_detail,
        name="department-plan",
    ),
    path(
        "plans/<year:year>/departments/<id:department>/edit/",
        plan_views.department_plan_edit,
        name="department-plan-edit",
    ),
    path(
        "plans/<year:year>/departments/<id:department>/submit/",
        plan_views.department_plan_submit,
        name="department-plan-submit",
    ),
    path(
        "plans/<year:year>/departments/<id:department>/return/",
        plan_views.department_plan_return,
        name="department-plan-return",
    ),
    path(
        "plans/<year:year>/departments/<id:department>/accept/",
        plan_views.department_plan_accept,
        name="department-plan-accept",
    ),
    # The municipal plan's workflow and versions
    path("plans/<year:year>/propose/", plan_views.plan_propose, name="propose"),
    path("plans/<year:year>/adopt/", plan_views.plan_adopt, name="adopt"),
    path("plans/<year:year>/revise/", plan_views.plan_revise, name="revise"),
    path("plans/<year:year>/versions/", plan_views.plan_versions, name="versions"),
    path(
        "plans/<year:year>/versions/<id:number>/",
        plan_views.plan_version_detail,
        name="version",
    ),
    path("plans/<year:year>/compare/", plan_views.plan_compare, name="compare"),
    path("plans/<year:year>/copy-forward/", plan_views.plan_copy_forward, name="copy-forward"),
    path("plans/<year:year>/traceability/", plan_views.plan_traceability, name="traceability"),
    # Follow-up
    path("plans/<year:year>/followup/open/", followup_views.round_open, name="round-open"),
    path("followup/<year:year>/", followup_views.board, name="board"),
    path("followup/<year:year>/close/", followup_views.round_close, name="round-close"),
    path("followup/<year:year>/<id:department>/", followup_views.part_detail, name="part"),
    path(
        "followup/<year:year>/<id:department>/ready/",
        followup_views.part_ready,
        name="part-ready",
    ),
    path(
        "followup/<year:year>/<id:department>/return/",
        followup_views.part_return,
        name="part-return",
    ),
    path(
        "followup/<year:year>/<id:department>/accept/",
        followup_views.part_accept,
        name="part-accept",
    ),
    # Governing documents
    path("strategies/", strategy_views.strategy_list, name="strategy-list"),
    path("strategies/new/", strategy_views.strategy_create, name="strategy-create"),
    path("strategies/<id:pk>/", strategy_views.strategy_detail, name="strategy"),
    path("strategies/<id:pk>/edit/", strategy_views.strategy_edit, name="strategy-edit"),
]
