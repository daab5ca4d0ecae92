"""Single sign-on with the municipality's OpenID Connect provider (mozilla-django-oidc).

Everything comes from the environment (settings: OIDC_*). The provider's endpoints are read
from its discovery document (OIDC_DISCOVERY_URL, or OIDC_ISSUER + /.well-known/...) on first
use and kept in the shared cache; an endpoint set explicitly in the environment wins.

The library is used for the code flow (state, nonce, PKCE, the token request). On top of it:
the ID token's signature, issuer, audience and expiry are all checked (the library checks
only the signature); a user is matched by a *verified* e-mail address only; an unknown user
is refused or created without a role (OIDC_UNKNOWN_USERS); role and department may follow
group claims (OIDC_GROUP_ROLES, OIDC_GROUP_DEPARTMENTS); and a refusal is told in Swedish.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from mozilla_django_oidc import auth as oidc_auth
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.utils import import_from_settings

from intl_portal.organisation.models import Department, Role, User

logger = logging.getLogger(__name__)

REFUSAL_KEY = "sign_in_refused"
# Why a sign-in through the provider was refused (shown in Swedish on the refusal page).
REFUSED_UNKNOWN = "unknown"
REFUSED_NO_ROLE = "no_role"
REFUSED_INACTIVE = "inactive"
REFUSED_UNVERIFIED = "unverified"
REFUSED_TOKEN = "token"
REFUSED_PROVIDER = "provider"

DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_END_SESSION_ENDPOINT": "end_session_endpoint",
    "OIDC_ISSUER": "issuer",
}
CACHE_SECONDS = 60 * 60


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def discovery_url() -> str:
    url = getattr(settings, "OIDC_DISCOVERY_URL", "")
    issuer = getattr(settings, "OIDC_ISSUER", "")
    if not url and issuer:
        url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    return url


def discovery() -> dict[str, Any]:
    """The provider's discovery document (cached); empty when none is configured."""
    url = discovery_url()
    if not url:
        return {}
    key = f"oidc-discovery:{url}"
    document = cache.get(key)
    if document is None:
        response = requests.get(url, timeout=getattr(settings, "OIDC_TIMEOUT", 10))
        response.raise_for_status()
        document = response.json()
        cache.set(key, document, CACHE_SECONDS)
    return document


OPTIONAL = {"OIDC_OP_END_SESSION_ENDPOINT", "OIDC_OP_USER_ENDPOINT"}


def setting(attr: str, *default: Any) -> Any:
    """A setting, falling back to the discovery document for the provider's endpoints."""
    if attr not in DISCOVERED:
        return import_from_settings(attr, *default)
    value = getattr(settings, attr, "") or (
        discovery().get(DISCOVERED[attr], "") if enabled() else ""
    )
    if value:
        return value
    if default:
        return default[0]
    if attr in OPTIONAL:
        return ""
    raise ImproperlyConfigured(f"{attr} is neither set nor in the provider's discovery document")


def _mapping(raw: dict[str, str]) -> dict[str, str]:
    return {key.strip(): value.strip() for key, value in raw.items() if key.strip()}


class Backend(oidc_auth.OIDCAuthenticationBackend):
    """The code flow's backend, checking the ID token fully and mapping claims to a user."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds every backend for every sign-in, password sign-ins included: the
        # provider's endpoints are read only when a code comes back (see authenticate).
        self.UserModel = User

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return setting(attr, *args)

    def _refuse(self, reason: str) -> None:
        request = getattr(self, "request", None)
        if request is not None and hasattr(request, "session"):
            request.session[REFUSAL_KEY] = reason

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if request is None or "code" not in request.GET:
            return None
        self.request = request
        try:
            super().__init__()
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:
            logger.warning("OIDC sign-in refused: %s", exc)
            self._refuse(REFUSED_TOKEN)
        except requests.RequestException as exc:
            logger.warning("OIDC provider could not be reached or refused: %s", exc)
            self._refuse(REFUSED_PROVIDER)
        return None

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """Signature, issuer, audience, expiry and nonce; any failure is SuspiciousOperation."""
        if not token:
            raise SuspiciousOperation("No ID token")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"Malformed ID token: {exc}") from exc
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("Unexpected ID token algorithm")
        if self.OIDC_RP_SIGN_ALGO.startswith(("RS", "ES", "PS")):
            key = self.OIDC_RP_IDP_SIGN_KEY or self.retrieve_matching_jwk(token)
        else:
            key = self.OIDC_RP_CLIENT_SECRET
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=setting("OIDC_ISSUER"),
                leeway=getattr(settings, "OIDC_CLOCK_LEEWAY_SECONDS", 30),
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc
        if kwargs.get("nonce") != payload.get("nonce"):
            raise SuspiciousOperation("ID token nonce does not match")
        return payload

    def retrieve_matching_jwk(self, token: str) -> Any:
        try:
            return super().retrieve_matching_jwk(token)
        except (jwt.InvalidTokenError, KeyError, ValueError) as exc:
            raise SuspiciousOperation(f"No matching signing key: {exc}") from exc

    # --- Claims -> user ----------------------------------------------------------------------

    def _email(self, claims: dict[str, Any]) -> str:
        return str(claims.get(settings.OIDC_EMAIL_CLAIM) or "").strip().lower()

    def _groups(self, claims: dict[str, Any]) -> list[str]:
        groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
        return [str(g) for g in (groups if isinstance(groups, list) else [groups])]

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        if not self._email(claims):
            self._refuse(REFUSED_UNVERIFIED)
            return False
        if settings.OIDC_REQUIRE_VERIFIED_EMAIL and claims.get("email_verified") is not True:
            self._refuse(REFUSED_UNVERIFIED)
            return False
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(email__iexact=self._email(claims))

    def _role_and_department(self, claims: dict[str, Any]) -> tuple[str | None, Department | None]:
        """The role and department the group claims map to (None where nothing maps)."""
        groups = self._groups(claims)
        roles = _mapping(settings.OIDC_GROUP_ROLES)
        departments = _mapping(settings.OIDC_GROUP_DEPARTMENTS)
        ranked = [Role.COORDINATOR, Role.CONTACT, Role.COUNCIL]
        mapped = {roles[g] for g in groups if g in roles}
        role = next((r for r in ranked if r in mapped), None)
        department = None
        for group in groups:
            if group in departments:
                name = departments[group]
                department = (
                    Department.objects.filter(is_active=True, abbreviation__iexact=name).first()
                    or Department.objects.filter(is_active=True, name__iexact=name).first()
                )
                if department:
                    break
        return role, department

    def _apply_groups(self, user: User, claims: dict[str, Any]) -> User:
        if not settings.OIDC_GROUP_ROLES:
            return user
        role, department = self._role_and_department(claims)
        role = role or Role.NONE
        if role == Role.CONTACT and department is None:
            role = Role.NONE  # a contact without a department has nothing to work on
        changes = {"role": role, "department": department or user.department}
        if any(getattr(user, k) != v for k, v in changes.items()):
            for name, value in changes.items():
                setattr(user, name, value)
            user.save(update_fields=list(changes))
        return user

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> User | None:
        if settings.OIDC_UNKNOWN_USERS != "create":
            self._refuse(REFUSED_UNKNOWN)
            return None
        email = self._email(claims)
        user = User(
            username=email,
            email=email,
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
            role=Role.NONE,
        )
        user.set_unusable_password()
        user.save()
        return self._checked(self._apply_groups(user, claims))

    def update_user(self, user: User, claims: dict[str, Any]) -> User | None:
        return self._checked(self._apply_groups(user, claims))

    def _checked(self, user: User) -> User | None:
        if not user.is_active:
            self._refuse(REFUSED_INACTIVE)
            return None
        if not user.is_superuser and user.role == Role.NONE:
            self._refuse(REFUSED_NO_ROLE)
            return None
        return user

    def get_user(self, user_id: Any) -> User | None:
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


class AuthenticationRequestView(oidc_views.OIDCAuthenticationRequestView):
    """Sends the browser to the provider (404 while single sign-on is not configured)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        View.__init__(self, *args, **kwargs)  # the endpoints are read in get(), not here

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except requests.RequestException:
            logger.exception("OIDC discovery document could not be read")
            request.session[REFUSAL_KEY] = REFUSED_PROVIDER
            return redirect(settings.LOGIN_REDIRECT_URL_FAILURE)
        self.OIDC_RP_CLIENT_ID = setting("OIDC_RP_CLIENT_ID")
        return super().get(request)


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back (404 while single sign-on is off)."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as exc:  # e.g. a state this session never sent
            logger.warning("OIDC callback refused: %s", exc)
            request.session[REFUSAL_KEY] = REFUSED_TOKEN
            return redirect(settings.LOGIN_REDIRECT_URL_FAILURE)


def provider_logout_url(request: HttpRequest) -> str:
    """Where logging out sends the browser: the provider's end-session endpoint when it has
    one (ending its session too), else the portal's public home page."""
    home = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
    endpoint = setting("OIDC_OP_END_SESSION_ENDPOINT") if enabled() else ""
    id_token = request.session.get("oidc_id_token")
    if not endpoint or not id_token:
        return home
    query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": home})
    return f"{endpoint}?{query}"


def axes_leaves_alone(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    """Login throttling (django-axes) guards passwords only: a refused sign-on carries no
    username, and counting it would lock every sign-on from the same address."""
    return bool(request is not None and request.path == reverse("oidc_authentication_callback"))
