"""Users of the settings area: invite, edit, deactivate, send links."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intl_portal.lib import concurrency
from intl_portal.organisation import services as organisation
from intl_portal.organisation.http import AuthenticatedRequest
from intl_portal.organisation.models import Role, User

from .. import forms
from .common import base_url, coordinator_only, render_settings


@require_GET
@login_required
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    coordinator_only(request)
    users = User.objects.select_related("department").order_by(
        "-is_active", "last_name", "username"
    )
    return render_settings(
        request, "settings/user_list.html", {"users": users, "Role": Role}, section="users"
    )


@require_http_methods(["GET", "POST"])
@login_required
def user_invite(request: AuthenticatedRequest) -> HttpResponse:
    coordinator_only(request)
    form = forms.UserInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user, sent = organisation.user_invite(**form.cleaned_data, base_url=base_url(request))
        except ValidationError as exc:
            concurrency.add_errors(form, exc)
        else:
            _mail_message(
                request, sent, _("En inbjudan har skickats till %(email)s.") % {"email": user.email}
            )
            return redirect("settings:user-list")
    return render_settings(
        request,
        "settings/user_form.html",
        {"form": form, "invite": True},
        section="users",
        status=400 if form.is_bound and form.errors else 200,
    )


def _mail_message(request: HttpRequest, sent: bool, success: str) -> None:
    if sent:
        messages.success(request, success)
    else:
        messages.warning(
            request,
            _(
                "E-postmeddelandet kunde inte skickas. Kontrollera e-postinställningarna "
                "och försök igen."
            ),
        )


@require_http_methods(["GET", "POST"])
@login_required
def user_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    coordinator_only(request)
    user = get_object_or_404(User, pk=pk)
    form = forms.UserForm(request.POST if request.method == "POST" else None, instance=user)
    submission = concurrency.submit(
        request,
        form,
        lambda data, opened: organisation.user_update(
            user=user, changed_by=request.user, data=data, opened=opened
        ),
    )
    if submission.saved is not None:
        messages.success(request, _("Användaren är sparad."))
        return redirect("settings:user-list")
    history = user.history.select_related("history_user").order_by("-history_date")[:10]
    return render_settings(
        request,
        "settings/user_form.html",
        {
            **submission.context,
            "person": user,
            "history": history,
            "local_passwords": organisation.local_passwords(),
        },
        section="users",
        status=submission.status,
    )


def _user_action(request: HttpRequest, pk: int, action: Callable[[User], str]) -> HttpResponse:
    coordinator_only(request)
    user = get_object_or_404(User, pk=pk)
    try:
        text = action(user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if text:
            messages.success(request, text)
    return redirect(reverse("settings:user-edit", kwargs={"pk": pk}))


@require_POST
@login_required
def user_deactivate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def deactivate(user: User) -> str:
        organisation.user_deactivate(user=user, changed_by=request.user)
        return _("Kontot är avslutat och alla inloggningar är avbrutna.")

    return _user_action(request, pk, deactivate)


@require_POST
@login_required
def user_reactivate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def reactivate(user: User) -> str:
        organisation.user_reactivate(user=user)
        return _("Kontot är aktivt igen.")

    return _user_action(request, pk, reactivate)


@require_POST
@login_required
def user_reinvite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def reinvite(user: User) -> str:
        sent = organisation.user_send_invitation(user=user, base_url=base_url(request))
        _mail_message(
            request, sent, _("En ny inbjudan har skickats till %(email)s.") % {"email": user.email}
        )
        return ""

    return _user_action(request, pk, reinvite)


@require_POST
@login_required
def user_password_reset(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def reset(user: User) -> str:
        sent = organisation.user_send_password_reset(user=user, base_url=base_url(request))
        _mail_message(
            request,
            sent,
            _("En länk för att välja nytt lösenord har skickats till %(email)s.")
            % {"email": user.email},
        )
        return ""

    return _user_action(request, pk, reset)
