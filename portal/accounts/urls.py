"""Signing in and out, passwords, and the OpenID Connect flow (under /accounts/)."""

from __future__ import annotations

from django.urls import path

from . import oidc, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("refused/", views.sign_in_refused, name="sign-in-refused"),
    path(
        "oidc/authenticate/",
        oidc.AuthenticationRequestView.as_view(),
        name="oidc_authentication_init",
    ),
    path("oidc/callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
]
