"""Attachments: the file type is decided by the content, never by the name the user gave."""

from __future__ import annotations

import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intl_portal.organisation import policy
from intl_portal.organisation.models import User

from .models import Attachment, Project

MAX_ATTACHMENT_BYTES = getattr(settings, "PROJECT_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)

CONTENT_TYPES = {
    Attachment.Kind.PDF: "application/pdf",
    Attachment.Kind.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    Attachment.Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Attachment.Kind.PNG: "image/png",
    Attachment.Kind.JPEG: "image/jpeg",
}
EXTENSIONS = {
    Attachment.Kind.PDF: "pdf",
    Attachment.Kind.DOCX: "docx",
    Attachment.Kind.XLSX: "xlsx",
    Attachment.Kind.PNG: "png",
    Attachment.Kind.JPEG: "jpg",
}


def _office_kind(uploaded: Any) -> str | None:
    """DOCX and XLSX are zip packages: look inside for the parts that make them so."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return Attachment.Kind.DOCX
    if "xl/workbook.xml" in names:
        return Attachment.Kind.XLSX
    return None


def sniff(uploaded: Any) -> str | None:
    """The attachment kind that the file's content shows, or None when it is not allowed."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return Attachment.Kind.PDF
    if head == b"\x89PNG\r\n\x1a\n":
        return Attachment.Kind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return Attachment.Kind.JPEG
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(uploaded)
        uploaded.seek(0)
        return kind
    return None


def validate_upload(uploaded: Any) -> str:
    """The kind of an acceptable upload; a ValidationError in Swedish with the reason otherwise."""
    if uploaded.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("Filen är för stor (%(size)s MB). Största tillåtna storlek är %(max)s MB.")
            % {
                "size": f"{uploaded.size / 1024 / 1024:.1f}".replace(".", ","),
                "max": MAX_ATTACHMENT_BYTES // (1024 * 1024),
            }
        )
    if uploaded.size == 0:
        raise ValidationError(_("Filen är tom."))
    kind = sniff(uploaded)
    if kind is None:
        raise ValidationError(
            _(
                "Filtypen är inte tillåten. Innehållet måste vara PDF, Word (DOCX), "
                "Excel (XLSX), PNG eller JPEG – filnamnets ändelse räcker inte."
            )
        )
    return kind


def _safe_name(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in name if c.isprintable() and c not in '"<>:|?*;')
    return cleaned.strip()[:200] or "bilaga"


@transaction.atomic
def attachment_add(
    *, project: Project, user: User, uploaded: Any, description: str = ""
) -> Attachment:
    """Store an upload privately under a generated name."""
    if not policy.may_manage_attachments(user, project):
        raise PermissionDenied
    kind = validate_upload(uploaded)
    attachment = Attachment(
        project=project,
        original_name=_safe_name(uploaded.name),
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
    transaction.on_commit(lambda: storage.delete(name))


def download_name(attachment: Attachment) -> str:
    """The user's file name, with the extension that matches the checked content."""
    stem = (
        attachment.original_name.rsplit(".", 1)[0]
        if "." in attachment.original_name
        else (attachment.original_name)
    )
    return f"{stem}.{EXTENSIONS[attachment.kind]}"
