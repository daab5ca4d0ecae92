"""Private project attachments: stored under generated names, sent only by a checked view."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_portal.lib import uploads

from .project import Project


def attachment_path(instance: Any, filename: str) -> str:
    """Never the user's file name: a random name under a private folder."""
    return uploads.storage_name(f"private/projects/{instance.project_id}")


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"

    project = models.ForeignKey(
        Project, verbose_name=_("projekt"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("fil"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("filnamn"), max_length=255)
    kind = models.CharField(_("filtyp"), max_length=10, choices=Kind.choices)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")

    def __str__(self) -> str:
        return self.original_name
