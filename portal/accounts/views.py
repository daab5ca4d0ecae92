"""Signing in and out, and choosing a password (from an invitation or a reset link)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET
from mozilla_django_oidc import views as oidc_views

from . import oidc
from .forms import LoginForm, ResetForm


class LocalPasswordsOnly:
    """Password pages exist only while local passwords are switched on."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.LOCAL_PASSWORDS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "local_passwords": settings.LOCAL_PASSWORDS,
            "oidc_enabled": oidc.enabled(),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.LOCAL_PASSWORDS:
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)


class PasswordResetView(LocalPasswordsOnly, auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "registration/password_reset.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        hours = settings.PASSWORD_RESET_TIMEOUT // 3600
        return {**super().get_context_data(**kwargs), "hours": hours}

    @property
    def extra_email_context(self) -> dict[str, Any]:  # type: ignore[override]
        return {"hours": settings.PASSWORD_RESET_TIMEOUT // 3600}

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordResetDoneView(LocalPasswordsOnly, auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_sent.html"


class PasswordResetConfirmView(LocalPasswordsOnly, auth_views.PasswordResetConfirmView):
    """Choose a password from an invitation or a reset link; signed in afterwards."""

    template_name = "registration/password_set.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("dashboard")

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@require_GET
def sign_in_refused(request: HttpRequest) -> HttpResponse:
    """Where the municipality's login sends someone the portal could not sign in."""
    reason = request.session.pop(oidc.REFUSAL_KEY, "") if hasattr(request, "session") else ""
    return render(
        request,
        "registration/sign_in_refused.html",
        {"reason": reason, "local_passwords": settings.LOCAL_PASSWORDS},
    )


class LogoutView(oidc_views.OIDCLogoutView):
    """POST: end the portal session and, where the provider offers it, the provider's."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return oidc.setting(attr, *args)
