"""Writes of the calendar's secret iCal link."""

from __future__ import annotations

from intl_portal.organisation.models import User

from .models import CalendarFeed
from .models.activity import new_feed_token


def calendar_feed_renew(*, user: User) -> str:
    """Create the user's secret feed link, or replace it (the old link stops working)."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save()
    return feed.token
