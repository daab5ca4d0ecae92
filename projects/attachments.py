"""Attachments: checked by the one upload validator (type by content, never by the name)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction

from intl_portal.lib import uploads
from intl_portal.organisation import policy
from intl_portal.organisation.models import User

from .models import Attachment, Project

# The one upload check (intl_portal.lib.uploads); a deployment may set a different limit.
RULE = uploads.UploadRule(
    kinds=uploads.ATTACHMENTS.kinds,
    max_bytes=getattr(settings, "PROJECT_ATTACHMENT_MAX_BYTES", uploads.ATTACHMENTS.max_bytes),
)


@transaction.atomic
def attachment_add(
    *, project: Project, user: User, uploaded: Any, description: str = ""
) -> Attachment:
    """Store an upload privately under a generated name."""
    if not policy.may_manage_attachments(user, project):
        raise PermissionDenied
    kind = uploads.validate_upload(uploaded, rule=RULE)
    attachment = Attachment(
        project=project,
        original_name=uploads.safe_name(uploaded.name, default="bilaga"),
        kind=kind,
        size=uploaded.size,
        description=description.strip(),
        uploaded_by=user,
    )
    attachment.file.save("upload", uploaded, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, user: User) -> None:
    if not policy.may_manage_attachments(user, attachment.project):
        raise PermissionDenied
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def download_name(attachment: Attachment) -> str:
    """The user's file name, with the extension that matches the checked content."""
    return uploads.download_name(attachment.original_name, attachment.kind)
