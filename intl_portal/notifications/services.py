"""Writes for notifications: record an event for its recipients, send it, retry it, digest it.

Domain services call `notify()` inside their transaction; the rows commit with the change
and the worker mails them afterwards (enqueued by task name on commit). A row is claimed with
a conditional update before its mail goes, so a duplicate message never sends twice; a failed
delivery is retried with back-off, and the periodic sweeper re-sends whatever is left waiting.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from celery import current_app
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from kombu.exceptions import OperationalError as BrokerError

from . import kinds
from .models import Delivery, MailSettings, Notification, Preference

logger = logging.getLogger(__name__)

SEND_TASK = "notifications.send"
MAX_BACKOFF_SECONDS = 3600


class DeliveryError(Exception):
    """The mail server was unreachable or refused; `retry_in` seconds until the next try."""

    def __init__(self, message: str, retry_in: int | None) -> None:
        super().__init__(message)
        self.retry_in = retry_in


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, int | float | bool | str):
        return value
    return str(value)


def notify(
    *,
    kind: str,
    recipients: Iterable[Any],
    path: str,
    params: dict[str, Any],
    reason: str,
    actor: Any = None,
    key: str = "",
) -> list[Notification]:
    """Record one event for each recipient, within their preferences; mail after commit.

    The actor (who caused the event) is not told about their own action. With `key`, an event
    raised again (by a daily job) reaches each recipient only once.
    """
    if kind not in kinds.BY_KEY:
        raise ValueError(f"unknown notification kind {kind!r}")
    transaction.on_commit(_bump_todo_generation)  # something moved: to-do counts are stale
    users = {u.pk: u for u in recipients if u.is_active and u.email}
    if actor is not None:
        users.pop(actor.pk, None)
    if key:
        for done in Notification.objects.filter(key=key, recipient_id__in=users).values_list(
            "recipient_id", flat=True
        ):
            users.pop(done, None)
    if not users:
        return []
    account_mail = kind in {k.key for k in kinds.ACCOUNT_KINDS}  # never switched off
    chosen = (
        {}
        if account_mail
        else dict(
            Preference.objects.filter(user_id__in=users, kind=kind).values_list(
                "user_id", "delivery"
            )
        )
    )
    plain = {name: _plain(value) for name, value in params.items()}
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            reason=reason,
            params=plain,
            path=path,
            key=key,
            delivery=chosen.get(user.pk, Delivery.NOW),
            email=user.email,
        )
        for user in users.values()
        if chosen.get(user.pk, Delivery.NOW) != Delivery.OFF
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=bool(key))
    if key:  # ignore_conflicts leaves the primary keys unset
        rows = list(
            Notification.objects.filter(key=key, recipient_id__in=[r.recipient_id for r in rows])
        )
    now_ids = [row.pk for row in rows if row.delivery == Delivery.NOW]
    if now_ids:
        transaction.on_commit(lambda: notifications_enqueue(ids=now_ids))
    return rows


TODO_GENERATION_KEY = "todo-generation"


def todo_generation() -> int:
    """Changes whenever an event is recorded or a change is saved in the portal: the to-do
    lists, their counts and the dashboards cached under it are stale."""
    return int(cache.get_or_set(TODO_GENERATION_KEY, 0, timeout=None) or 0)


def cached_in_generation(key: str, seconds: int, compute: Callable[[], Any]) -> Any:
    """`compute()`, cached under `key` for `seconds` while the generation stays the same.

    The generation is stored with the value, so a new one overwrites the entry rather than
    adding another. `seconds` 0 computes every time.
    """
    generation = todo_generation()
    cached = cache.get(key) if seconds else None
    if cached is not None and cached[0] == generation:
        return cached[1]
    value = compute()
    store_in_generation(key, seconds, value, generation=generation)
    return value


def store_in_generation(key: str, seconds: int, value: Any, *, generation: int) -> None:
    """Store a value computed under `generation` (read before computing it), for
    `cached_in_generation` to find."""
    if seconds:
        cache.set(key, (generation, value), seconds)


def portal_changed() -> None:
    """A change was saved (called after it is committed): what is cached under the generation
    is read afresh."""
    _bump_todo_generation()


def _bump_todo_generation() -> None:
    try:
        cache.incr(TODO_GENERATION_KEY)
    except ValueError:  # not set yet
        cache.set(TODO_GENERATION_KEY, 1, timeout=None)


def notifications_enqueue(*, ids: list[int]) -> int:
    """Hand the rows to the worker by task name; if the broker is down the sweeper does it."""
    sent = 0
    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0)
            for pk in ids:
                current_app.send_task(SEND_TASK, args=[pk], connection=conn, retry=False)
                sent += 1
    except (BrokerError, OSError):
        logger.warning("Broker unavailable; %d notifications wait for the sweeper", len(ids) - sent)
    return sent


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=3 * settings.EMAIL_TIMEOUT + 60)


def _backoff(attempts: int) -> int:
    return int(
        min(settings.NOTIFICATION_RETRY_SECONDS * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)
    )


def notification_send(*, notification_id: int) -> bool:
    """Claim one waiting row, mail it, mark it sent. False when it was not ours to send."""
    now = timezone.now()
    claimed = Notification.objects.filter(
        Q(state=Notification.State.PENDING)
        | Q(state=Notification.State.SENDING, claimed_until__lt=now),
        pk=notification_id,
        delivery=Delivery.NOW,
    ).update(
        state=Notification.State.SENDING, claimed_until=now + _lease(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        Notification.objects.filter(pk=notification_id).update(
            state=Notification.State.FAILED,
            last_error="recipient inactive or without e-mail",
            claimed_until=None,
        )
        return False
    message = _single_message(notification)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        raise _record_failure([notification], exc) from exc
    Notification.objects.filter(pk=notification_id, state=Notification.State.SENDING).update(
        state=Notification.State.SENT,
        sent_at=timezone.now(),
        email=recipient.email,
        last_error="",
        claimed_until=None,
        next_attempt_at=None,
    )
    return True


def _record_failure(rows: list[Notification], exc: Exception) -> DeliveryError:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    attempts = max(row.attempts for row in rows)
    ids = [row.pk for row in rows]
    if attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        Notification.objects.filter(pk__in=ids).update(
            state=Notification.State.FAILED, last_error=error, claimed_until=None
        )
        logger.error("Giving up on notifications %s after %d attempts: %s", ids, attempts, error)
        return DeliveryError(error, retry_in=None)
    retry_in = _backoff(attempts)
    Notification.objects.filter(pk__in=ids).update(
        state=Notification.State.PENDING,
        last_error=error,
        claimed_until=None,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=retry_in),
    )
    logger.warning("Notifications %s not delivered (%s); retry in %d s", ids, error, retry_in)
    return DeliveryError(error, retry_in=retry_in)


def notifications_sweep() -> int:
    """Re-send rows the broker never got, whose retries were lost, or whose sender died."""
    now = timezone.now()
    grace = now - datetime.timedelta(minutes=2)
    waiting = Notification.objects.filter(
        Q(state=Notification.State.PENDING, next_attempt_at__isnull=True, created_at__lt=grace)
        | Q(state=Notification.State.PENDING, next_attempt_at__lt=grace)
        | Q(state=Notification.State.SENDING, claimed_until__lt=now),
        delivery=Delivery.NOW,
    ).values_list("pk", flat=True)[:1000]
    return notifications_enqueue(ids=list(waiting))


# --- Rendering --------------------------------------------------------------------------------


class _Params(dict[str, Any]):
    """A missing name reads as a dash, never a KeyError in the worker."""

    def __missing__(self, name: str) -> str:
        return "–"


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _language(user: Any) -> str:
    chosen = MailSettings.objects.filter(user=user).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def _item(notification: Notification) -> dict[str, Any]:
    """The notification's lines, in the active language."""
    kind = kinds.BY_KEY[notification.kind]
    params = _Params(notification.params)
    reasons = dict(kinds.Reason.CHOICES)
    reason = reasons.get(notification.reason)
    return {
        "subject": " ".join((str(kind.subject) % params).split())[:200],
        "text": str(kind.text) % params,
        "comment": notification.params.get("comment") or "",
        # An account's link is made absolute by the web process (the municipality's address).
        "url": _set_password_url(notification)
        or notification.params.get("url")
        or absolute_url(notification.path),
        "reason": (str(reason) % params) if reason else "",
    }


def set_password_path(user: Any) -> str:
    """The path of a one-time link that lets `user` choose a password (it expires after
    PASSWORD_RESET_TIMEOUT seconds and stops working once a password is set)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "password_reset_confirm",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )


def _set_password_url(notification: Notification) -> str:
    """A set-password link made when the mail is sent: the token is never stored."""
    base = notification.params.get("set_password_base")
    if not base:
        return ""
    return f"{base.rstrip('/')}{set_password_path(notification.recipient)}"


def _greeting_name(user: Any) -> str:
    return str(user.first_name or user.get_full_name() or user.username)


def _message(*, user: Any, subject: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    context = {
        **context,
        "name": _greeting_name(user),
        "preferences_url": absolute_url(reverse("notifications:preferences")),
        "site_url": settings.SITE_URL,
    }
    text = render_to_string("notifications/email/message.txt", context)
    html = render_to_string("notifications/email/message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    return message


def _single_message(notification: Notification) -> EmailMultiAlternatives:
    user = notification.recipient
    language = _language(user)
    with translation.override(language):
        item = _item(notification)
        return _message(
            user=user, subject=item["subject"], context={"items": [item], "language": language}
        )


# --- The daily digest -------------------------------------------------------------------------


def digests_send() -> int:
    """Mail each user who chose a daily digest one message with everything that waited."""
    users = (
        Notification.objects.filter(state=Notification.State.PENDING, delivery=Delivery.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    return sum(_send_digest(user_id=user_id) for user_id in sorted(set(users)))


def _send_digest(*, user_id: int) -> int:
    until = timezone.now() + _lease()
    waiting = Notification.objects.filter(
        recipient_id=user_id, state=Notification.State.PENDING, delivery=Delivery.DIGEST
    )
    ids = list(waiting.values_list("pk", flat=True))
    if not Notification.objects.filter(pk__in=ids, state=Notification.State.PENDING).update(
        state=Notification.State.SENDING, claimed_until=until, attempts=F("attempts") + 1
    ):
        return 0
    rows = list(
        Notification.objects.filter(
            pk__in=ids, state=Notification.State.SENDING, claimed_until=until
        ).select_related("recipient")
    )
    if not rows:
        return 0
    user = rows[0].recipient
    if not user.is_active or not user.email:
        Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
            state=Notification.State.FAILED, last_error="recipient inactive or without e-mail"
        )
        return 0
    language = _language(user)
    with translation.override(language):
        items = [_item(row) for row in reversed(rows)]
        subject = ngettext(
            "Sammanfattning från portalen: %(n)s händelse",
            "Sammanfattning från portalen: %(n)s händelser",
            len(items),
        ) % {"n": len(items)}
        message = _message(
            user=user, subject=subject, context={"items": items, "language": language}
        )
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        _record_failure(rows, exc)
        Notification.objects.filter(pk__in=[r.pk for r in rows]).update(next_attempt_at=None)
        return 0
    Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
        state=Notification.State.SENT,
        sent_at=timezone.now(),
        email=user.email,
        last_error="",
        claimed_until=None,
    )
    return 1


# --- Preferences ------------------------------------------------------------------------------


@transaction.atomic
def preferences_save(*, user: Any, choices: dict[str, str], language: str) -> None:
    """Store a user's choice per kind (mail now, daily digest, no mail) and mail language."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Okänt språk."))
    for kind, delivery in choices.items():
        if kind not in kinds.BY_KEY or delivery not in Delivery.values:
            raise ValidationError(_("Okänt val."))
    for kind, delivery in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
    MailSettings.objects.update_or_create(user=user, defaults={"language": language})
