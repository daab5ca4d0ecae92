"""Writes to the project bank. Views call these; nothing else changes a project."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intl_portal.organisation import policy
from intl_portal.organisation.models import Role, User

from .models import Project

logger = logging.getLogger(__name__)

M2M_FIELDS = ("partners", "focus_areas")


def _apply(project: Project, data: dict[str, Any]) -> None:
    m2m = {name: data.pop(name) for name in M2M_FIELDS if name in data}
    for name, value in data.items():
        setattr(project, name, value)
    project.full_clean()
    project.save()
    for name, value in m2m.items():
        getattr(project, name).set(value)


@transaction.atomic
def project_create(*, author: User, data: dict[str, Any]) -> Project:
    """Create a draft; a contact's project always belongs to the contact's department."""
    if not policy.may_create_entry(author):
        raise PermissionDenied
    data = dict(data)
    if not policy.is_coordinator(author):
        data["department"] = author.department
    project = Project(created_by=author)
    _apply(project, data)
    transaction.on_commit(lambda: _notify_coordinators_of_new_project(project.pk))
    return project


@transaction.atomic
def project_update(*, project: Project, user: User, data: dict[str, Any]) -> Project:
    if not policy.may_edit_entry(user, project):
        raise PermissionDenied
    data = dict(data)
    if not policy.is_coordinator(user):
        data["department"] = project.department
        data.pop("is_published", None)
    _apply(project, data)
    return project


def _check_ready_for_review(project: Project) -> None:
    missing = [
        label
        for label, value in (
            (_("EU"), project.cofinancing_eu),
            (_("Nordiska ministerrådet/Nordplus"), project.cofinancing_nordic),
            (_("Sida"), project.cofinancing_sida),
        )
        if value is None
    ]
    if missing:
        raise ValidationError(
            _(
                "Ange om medfinansiering har undersökts (%(sources)s) innan projektet "
                "skickas in. Strategin kräver att det alltid undersöks."
            )
            % {"sources": ", ".join(missing)}
        )


@transaction.atomic
def project_submit(*, project: Project, user: User) -> Project:
    """Send a draft or returned project to the coordinator for review."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not policy.may_edit_entry(user, project):
        raise PermissionDenied
    if project.status not in {Project.Status.DRAFT, Project.Status.RETURNED}:
        raise ValidationError(_("Projektet är redan inskickat eller godkänt."))
    _check_ready_for_review(project)
    project.status = Project.Status.SUBMITTED
    project.submitted_at = timezone.now()
    project.save()
    return project


@transaction.atomic
def project_approve(*, project: Project, user: User) -> Project:
    """Take a submitted project into the project bank."""
    if not policy.may_review(user):
        raise PermissionDenied
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != Project.Status.SUBMITTED:
        raise ValidationError(_("Bara inskickade projekt kan godkännas."))
    project.status = Project.Status.APPROVED
    project.approved_at = timezone.now()
    project.review_comment = ""
    project.save()
    return project


@transaction.atomic
def project_return(*, project: Project, user: User, comment: str) -> Project:
    """Send a submitted project back to its department with a comment."""
    if not policy.may_review(user):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Skriv en kommentar som förklarar vad som behöver ändras."))
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != Project.Status.SUBMITTED:
        raise ValidationError(_("Bara inskickade projekt kan återsändas."))
    project.status = Project.Status.RETURNED
    project.review_comment = comment.strip()
    project.save()
    return project


def _notify_coordinators_of_new_project(project_id: int) -> None:
    """Värmdö: the coordinator is told when a department starts a project."""
    project = Project.objects.select_related("department").get(pk=project_id)
    recipients = list(
        User.objects.filter(role=Role.COORDINATOR, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    try:
        send_mail(
            subject=_("Nytt projekt: %(title)s") % {"title": project.title},
            message=_('%(department)s har registrerat projektet "%(title)s" i portalen.')
            % {"department": project.department.name, "title": project.title},
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    except OSError:
        logger.exception("Could not e-mail coordinators about project %s", project_id)
