"""Measurable added value, and proposed changes to approved projects."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_portal.organisation.reviewed import Reviewed

from .project import Project


class Indicator(models.Model):
    """One measurable added value of a project: what is measured, the target and the outcome."""

    project = models.ForeignKey(
        Project, verbose_name=_("projekt"), on_delete=models.CASCADE, related_name="indicators"
    )
    description = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("enhet"), max_length=50, blank=True)
    target = models.DecimalField(
        _("målvärde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    outcome = models.DecimalField(
        _("utfall"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indikator för mervärde")
        verbose_name_plural = _("indikatorer för mervärde")

    def __str__(self) -> str:
        return self.description


class ProjectRevision(Reviewed):
    """A department's proposed change to an approved project, reviewed like a new entry.

    The approved project stays as it is in the bank until the coordinator approves the
    revision; `data` holds the proposed values in the form's field names (JSON-safe).
    """

    class Status(models.TextChoices):
        PENDING = "submitted", _("Ändring inskickad för granskning")
        RETURNED = "returned", _("Ändring återsänd för komplettering")
        APPROVED = "approved", _("Ändring godkänd")

    project = models.ForeignKey(
        Project, verbose_name=_("projekt"), on_delete=models.CASCADE, related_name="revisions"
    )
    data = models.JSONField(_("föreslagna värden"), default=dict)
    # What the proposer's form was opened with (intl_portal/lib/concurrency.py), so that the
    # approval keeps what the coordinator changed meanwhile and stops on the same field.
    base_version = models.PositiveIntegerField(_("projektets version"), null=True, blank=True)
    opened = models.JSONField(_("öppnade värden"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("föreslagen av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granskad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ändringsförslag")
        verbose_name_plural = _("ändringsförslag")
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=~models.Q(status="approved"),
                name="one_open_revision_per_project",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.APPROVED
