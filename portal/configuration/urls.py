"""URLs of the settings area, under /settings/ (namespace "settings")."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "settings"

urlpatterns = [
    path("", views.index, name="index"),
    path("municipality/", views.municipality, name="municipality"),
    path("users/", views.user_list, name="user-list"),
    path("users/invite/", views.user_invite, name="user-invite"),
    path("users/<id:pk>/", views.user_edit, name="user-edit"),
    path("users/<id:pk>/deactivate/", views.user_deactivate, name="user-deactivate"),
    path("users/<id:pk>/reactivate/", views.user_reactivate, name="user-reactivate"),
    path("users/<id:pk>/invite/", views.user_reinvite, name="user-reinvite"),
    path("users/<id:pk>/password-reset/", views.user_password_reset, name="user-password-reset"),
    path("exchange-rates/import/", views.rate_import, name="rate-import"),
    path("<slug:kind>/", views.kind_list, name="kind-list"),
    path("<slug:kind>/new/", views.kind_create, name="kind-create"),
    path("<slug:kind>/<id:pk>/", views.kind_edit, name="kind-edit"),
]
