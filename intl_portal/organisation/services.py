"""Writes in the organisation core."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Model, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from intl_portal.notifications.kinds import Reason
from intl_portal.notifications.services import notify

from . import policy
from .models import (
    AccessibilityReport,
    Committee,
    Department,
    FocusArea,
    Municipality,
    Role,
    User,
)
from .selectors import coordinator_recipients

logger = logging.getLogger(__name__)


@transaction.atomic
def accessibility_report_submit(
    *, page: str, description: str, email: str = ""
) -> AccessibilityReport:
    """Store a reported accessibility problem and tell the coordinators after commit."""
    report = AccessibilityReport(page=page[:500], description=description, email=email)
    report.full_clean()
    report.save()
    _notify_coordinators(report)
    return report


def accessibility_report_mark_handled(*, user: User, report: AccessibilityReport) -> None:
    if not policy.is_coordinator(user):
        raise PermissionDenied
    if report.handled_at is None:
        report.handled_at = timezone.now()
        report.handled_by = user
        report.save(update_fields=["handled_at", "handled_by"])


def _notify_coordinators(report: AccessibilityReport) -> None:
    notify(
        kind="accessibility_report",
        recipients=coordinator_recipients(),
        path=reverse("accessibility-reports"),
        params={"title": report.page or "–", "comment": report.description},
        reason=Reason.COORDINATOR,
    )


# --- Settings: the municipality, committees, departments, focus areas (issue 13) ------------


ModelT = TypeVar("ModelT", bound=Model)


def _save(instance: ModelT, fields: dict[str, Any]) -> ModelT:
    """Set the fields, validate the whole row (unique names, constraints) and save it."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def municipality_update(
    *,
    municipality: Municipality,
    logo: Any = None,
    logo_extension: str = "",
    remove_logo: bool = False,
    **fields: Any,
) -> Municipality:
    """Change the municipality's profile (the first save creates the row); `logo` is an
    already validated image file that replaces the old one (old files are kept with the
    history)."""
    if remove_logo:
        municipality.logo = ""
    if logo is not None:
        municipality.logo.save(f"logo.{logo_extension or 'png'}", logo, save=False)
    return _save(municipality, fields)


@transaction.atomic
def committee_create(*, name: str, **fields: Any) -> Committee:
    """A new committee (`fields`: abbreviation, is_active)."""
    return _save(Committee(), {"name": name, **fields})


@transaction.atomic
def committee_update(*, committee: Committee, **fields: Any) -> Committee:
    """Rename or (de)activate a committee; its departments and their entries stay as they are."""
    return _save(committee, fields)


@transaction.atomic
def department_create(*, name: str, committee: Committee, **fields: Any) -> Department:
    """A new department under `committee` (`fields`: abbreviation, is_active)."""
    return _save(Department(), {"name": name, "committee": committee, **fields})


@transaction.atomic
def department_update(*, department: Department, **fields: Any) -> Department:
    """Rename, move or (de)activate; old entries and history keep pointing at the department."""
    return _save(department, fields)


@transaction.atomic
def focus_area_create(*, name: str, **fields: Any) -> FocusArea:
    """A new focus area (`fields`: description, is_active)."""
    return _save(FocusArea(), {"name": name, **fields})


@transaction.atomic
def focus_area_update(*, focus_area: FocusArea, **fields: Any) -> FocusArea:
    return _save(focus_area, fields)


# --- Users: invitations, set-password links, deactivation -----------------------------------


def portal_url(path: str, *, base_url: str = "") -> str:
    """An absolute link into the portal: the municipality's site URL, SITE_URL, or `base_url`."""
    base = Municipality.current().site_url or getattr(settings, "SITE_URL", "") or base_url
    return f"{base.rstrip('/')}{path}"


def set_password_path(user: User) -> str:
    """The path of a one-time link that lets `user` choose a password (it expires after
    PASSWORD_RESET_TIMEOUT seconds and stops working once a password is set)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "password_reset_confirm",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )


def _send(user: User, subject: str, template: str, context: dict[str, Any]) -> bool:
    """Send one mail through Django's mail API; False (and logged) when it could not be sent."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {"user": user, **context})
        try:
            send_mail(str(subject), body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except (OSError, smtplib.SMTPException):
            logger.exception("Could not e-mail %s (%s)", user.pk, template)
            return False
    return True


def local_passwords() -> bool:
    return bool(getattr(settings, "LOCAL_PASSWORDS", True))


def user_send_invitation(*, user: User, base_url: str = "") -> tuple[str, bool]:
    """Mail `user` an invitation: a set-password link (or, with local passwords switched off,
    the address to sign in with the municipality's login). Returns the link and whether the
    mail went out."""
    if not user.is_active:
        raise ValidationError(_("Kontot är avslutat. Aktivera det först."))
    if not user.email:
        raise ValidationError(_("Användaren har ingen e-postadress."))
    link = (
        portal_url(set_password_path(user), base_url=base_url)
        if local_passwords()
        else portal_url(reverse("login"), base_url=base_url)
    )
    user.invited_at = timezone.now()
    user.save(update_fields=["invited_at"])
    municipality = Municipality.current()
    sent = _send(
        user,
        _("Välkommen till %(name)s internationella portal") % {"name": municipality.name},
        "registration/invitation_email.txt",
        {
            "link": link,
            "municipality": municipality,
            "local_passwords": local_passwords(),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )
    return link, sent


def user_send_password_reset(*, user: User, base_url: str = "") -> bool:
    """Mail `user` a link to choose a new password (the coordinator's "send reset link")."""
    if not local_passwords():
        raise ValidationError(
            _("Lokala lösenord är avstängda: användaren loggar in via kommunens inloggning.")
        )
    if not user.is_active:
        raise ValidationError(_("Kontot är avslutat. Aktivera det först."))
    link = portal_url(set_password_path(user), base_url=base_url)
    return _send(
        user,
        _("Välj ett nytt lösenord"),
        "registration/password_reset_email.txt",
        {"link": link, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
    )


def _normalise_email(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def user_invite(
    *,
    email: str,
    role: str,
    department: Department | None = None,
    first_name: str = "",
    last_name: str = "",
    base_url: str = "",
) -> tuple[User, bool]:
    """Create an account for `email` (its username) without a password, and mail the
    invitation after commit. Returns the user and whether the mail could be sent."""
    email = _normalise_email(email)
    if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        raise ValidationError({"email": _("Det finns redan en användare med den e-postadressen.")})
    user = User(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        department=department,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    _link, sent = user_send_invitation(user=user, base_url=base_url)
    return user, sent


@transaction.atomic
def user_update(*, user: User, changed_by: User, **fields: Any) -> User:
    """Change a user's name, role and department."""
    # The stored role: a bound form may already have set the new one on `user`.
    stored_role = User.objects.filter(pk=user.pk).values_list("role", flat=True).get()
    if user.pk == changed_by.pk and fields.get("role", stored_role) != stored_role:
        raise ValidationError({"role": _("Du kan inte ändra din egen roll.")})
    return _save(user, fields)


def _end_sessions(user: User) -> int:
    """Delete every session of `user`: a deactivated account is signed out at once."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: User, changed_by: User) -> int:
    """Close the account and end its sessions; entries and history keep the user's name."""
    if user.pk == changed_by.pk:
        raise ValidationError(_("Du kan inte avsluta ditt eget konto."))
    _save(user, {"is_active": False})
    return _end_sessions(user)


@transaction.atomic
def user_reactivate(*, user: User) -> User:
    return _save(user, {"is_active": True})


# --- First run: the municipality and its first coordinator ----------------------------------


@dataclass
class SetupResult:
    municipality: Municipality
    coordinator: User
    municipality_created: bool
    coordinator_created: bool
    link: str = ""
    mailed: bool = False

    @property
    def changed(self) -> bool:
        return self.municipality_created or self.coordinator_created


@transaction.atomic
def municipality_setup(*, name: str, coordinator_email: str, site_url: str = "") -> SetupResult:
    """Create the municipality and its first coordinator; nothing changes when both exist."""
    municipality = Municipality.objects.order_by("pk").first()
    municipality_created = municipality is None
    if municipality is None:
        municipality = _save(Municipality(), {"name": name, "site_url": site_url})
    email = _normalise_email(coordinator_email)
    coordinator = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
    result = SetupResult(municipality, coordinator or User(), municipality_created, False)
    if coordinator is None:
        # Without a site URL the link points at the local default of `make run`.
        base_url = site_url or "http://127.0.0.1:8000"
        result.coordinator, result.mailed = user_invite(
            email=email, role=Role.COORDINATOR, base_url=base_url
        )
        result.coordinator_created = True
        if local_passwords():
            result.link = portal_url(set_password_path(result.coordinator), base_url=base_url)
    return result
