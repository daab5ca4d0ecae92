"""Sign-in and password forms, in Swedish."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from intl_portal.organisation import services as organisation
from intl_portal.organisation.models import Role, User


class LoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not user.is_superuser and user.role == Role.NONE:
            raise forms.ValidationError(NO_ROLE_MESSAGE, code="no_role")


NO_ROLE_MESSAGE = _(
    "Du är känd av portalen men har ingen roll ännu. Be kommunens samordnare för "
    "internationellt arbete att ge dig en roll."
)


class ResetForm(PasswordResetForm):
    """Every active account with the address gets the link, also one that was invited and
    has not chosen a password yet (Django's form skips those)."""

    def get_users(self, email: str) -> Iterator[Any]:
        return iter(User.objects.filter(email__iexact=email.strip(), is_active=True))

    @transaction.atomic
    def save(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        """Queue the link through the notifications (the worker mails it after commit),
        never sent from inside the web request."""
        base_url = request.build_absolute_uri("/") if request is not None else ""
        for user in self.get_users(self.cleaned_data["email"]):
            organisation.user_send_password_reset(user=user, base_url=base_url)
