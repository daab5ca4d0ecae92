"""What was sent to whom, when, and each user's choices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import kinds


class Delivery(models.TextChoices):
    NOW = "now", _("E-post direkt")
    DIGEST = "digest", _("En sammanfattning per dag")
    OFF = "off", _("Ingen e-post")


class Notification(models.Model):
    """One event for one recipient: a row before the mail goes, kept after it went."""

    class State(models.TextChoices):
        PENDING = "pending", _("väntar")
        SENDING = "sending", _("skickas")
        SENT = "sent", _("skickat")
        FAILED = "failed", _("misslyckades")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mottagare"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # No choices here: adding a kind (kinds.py) needs no migration.
    kind = models.CharField(_("slag"), max_length=40)
    reason = models.CharField(_("skäl"), max_length=20)
    params = models.JSONField(_("uppgifter"), default=dict)
    path = models.CharField(_("länk"), max_length=500)
    # An event that may be raised again (a daily job) names itself, so it reaches each
    # recipient once; empty for ordinary events.
    key = models.CharField(max_length=200, blank=True)
    delivery = models.CharField(_("leverans"), max_length=10, choices=Delivery.choices)
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.PENDING
    )
    email = models.EmailField(_("skickat till"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("avisering")
        verbose_name_plural = _("aviseringar")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~models.Q(key=""),
                name="notification_once_per_key",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "delivery", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def kind_label(self) -> str:
        kind = kinds.BY_KEY.get(self.kind)
        return str(kind.label) if kind else self.kind


class Preference(models.Model):
    """A user's choice for one kind; a kind without a row is mailed at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("slag"), max_length=40)
    delivery = models.CharField(_("leverans"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("aviseringsval")
        verbose_name_plural = _("aviseringsval")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"


class MailSettings(models.Model):
    """The language a user's mail is written in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_settings"
    )
    language = models.CharField(
        _("språk i e-post"), max_length=10, choices=settings.LANGUAGES, default="sv"
    )

    class Meta:
        verbose_name = _("e-postinställning")
        verbose_name_plural = _("e-postinställningar")

    def __str__(self) -> str:
        return self.language
