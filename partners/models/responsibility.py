"""Who answers for a partnership or a network membership, and how it was handed over."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .networks import NetworkMembership
from .registry import Partnership


class ResponsibilityHandover(models.Model):
    """One hand-over of a relationship's owner (förvaltningsansvarig) and deputy (ersättare).

    The log of a relationship: who had it before, who has it after, when and why.
    """

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnerskap"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="handovers",
    )
    membership = models.ForeignKey(
        NetworkMembership,
        verbose_name=_("nätverksmedlemskap"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="handovers",
    )
    date = models.DateField(_("datum för överlämningen"), default=datetime.date.today)
    previous_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tidigare förvaltningsansvarig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ny förvaltningsansvarig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    previous_deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tidigare ersättare"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ny ersättare"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("anteckning"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("överlämning av ansvar")
        verbose_name_plural = _("överlämningar av ansvar")
        constraints = [
            models.CheckConstraint(
                condition=Q(partnership__isnull=False, membership__isnull=True)
                | Q(partnership__isnull=True, membership__isnull=False),
                name="handover_of_one_relationship",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}: {self.previous_owner or '–'} → {self.owner or '–'}"
