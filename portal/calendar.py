"""The activity calendar and its iCal feed: activities, project dates, plan deadlines and the
funding radar's call deadlines, from each app's calendar source (this page spans the apps)."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from actionplans.selectors import plan_date_items
from funding.selectors import deadline_items
from intl_portal.lib.converters import FIRST_YEAR, LAST_YEAR
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest
from projects import selectors
from projects.calendar_services import calendar_feed_renew

# Each app's dated items beside the activities: call deadlines, project dates, plan deadlines.
DATE_SOURCES = (deadline_items, selectors.project_date_items, plan_date_items)


def _month(value: str) -> datetime.date:
    """The first of the month asked for ("2027-03"), this month when none is asked for.

    A month outside the years the portal can have, or not a month at all, is a 400: never the
    500 that datetime's range errors gave (?month=9999-12, ?month=0001-01).
    """
    if not value:
        return timezone.localdate().replace(day=1)
    try:
        year, month = (int(part) for part in value.split("-"))
        first = datetime.date(year, month, 1)
    except (TypeError, ValueError) as exc:
        raise BadRequest(_("Ogiltig månad: ange den som ÅÅÅÅ-MM.")) from exc
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadRequest(
            _("Kalendern visar åren %(first)s–%(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return first


def _next_month(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=32)).replace(day=1)


def _other_dates(user: Any, first: datetime.date, last: datetime.date) -> list[Any]:
    """Each app's dated items (DATE_SOURCES) in the month or period. Each item has date,
    title, kind, department, url (a path), uid and description."""
    items: list[Any] = []
    for source in DATE_SOURCES:
        items.extend(source(user=user, first=first, last=last))
    return sorted(items, key=lambda item: (item.date, item.title))


@require_GET
@login_required
def calendar(request: AuthenticatedRequest) -> HttpResponse:
    first = _month(request.GET.get("month", ""))
    following = _next_month(first)
    last = following - datetime.timedelta(days=1)
    preliminary = request.GET.get("preliminary") == "1"
    entries = selectors.calendar_entries(
        user=request.user, first=first, last=last, preliminary=preliminary
    )
    entries["other_dates"] = _other_dates(request.user, first, last)
    token = selectors.calendar_feed_token(user=request.user)
    context = {
        **entries,
        "month": first,
        "previous": (first - datetime.timedelta(days=1)).replace(day=1),
        "following": following,
        "preliminary": preliminary,
        "feed_url": _feed_url(token) if token else "",
        "feed_url_preliminary": _feed_url(token) + "?preliminary=1" if token else "",
    }
    return render(request, "projects/calendar.html", context)


@require_POST
@login_required
def calendar_feed_link(request: AuthenticatedRequest) -> HttpResponse:
    """Create the user's secret feed link, or replace it (the old link stops working)."""
    if not policy.may_use_calendar_feed(request.user):
        raise PermissionDenied
    calendar_feed_renew(user=request.user)
    messages.success(request, _("Din kalenderlänk är klar. En tidigare länk fungerar inte längre."))
    return redirect("calendar")


def _site_url(path: str) -> str:
    """An absolute link on the configured site (settings.SITE_URL), whatever host was asked."""
    return settings.SITE_URL.rstrip("/") + path


def _feed_url(token: str) -> str:
    return _site_url(reverse("calendar-feed", args=[token]))


def _uid_host() -> str:
    """The UIDs' domain: the configured site's, so the same feed fetched under another host
    name (or by IP) does not duplicate every event in the user's calendar."""
    return urlsplit(settings.SITE_URL).hostname or "intl-portal"


@require_GET
@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Read-only iCal: what the link's owner may see, for clients that cannot log in."""
    owner = selectors.calendar_feed_owner(token=token)
    if owner is None or not policy.may_use_calendar_feed(owner):
        raise Http404
    since = timezone.localdate() - datetime.timedelta(days=366)
    preliminary = request.GET.get("preliminary") == "1"
    activities = (
        selectors.calendar_activities(user=owner, preliminary=preliminary)
        .filter(start_date__gte=since)
        .order_by("start_date", "pk")
    )
    cal = icalendar.Calendar()
    cal.add("prodid", "-//intl_portal//aktiviteter//SV")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Internationella aktiviteter"))
    host = _uid_host()
    stamp = timezone.now()
    for activity in activities:
        event = icalendar.Event()
        event.add("uid", f"activity-{activity.pk}@{host}")
        event.add("dtstamp", stamp)
        summary = f"{activity.get_kind_display()}: {activity.title}"
        if activity.status == activity.Status.APPROVED:
            event.add("status", "CONFIRMED")
        else:  # only when the link asks for preliminary entries
            event.add("status", "TENTATIVE")
            summary = _("Preliminär: %(summary)s") % {"summary": summary}
        event.add("summary", summary)
        event.add("dtstart", activity.start_date)
        event.add("dtend", (activity.end_date or activity.start_date) + datetime.timedelta(days=1))
        country = activity.country.name  # type: ignore[attr-defined]  # CountryField gives a Country (untyped library)
        place = ", ".join(p for p in (activity.place, country) if p)
        if place:
            event.add("location", place)
        event.add("description", f"{activity.department.name}\n{activity.purpose}".strip())
        event.add(
            "url",
            _site_url(reverse("projects:activity-detail", args=[activity.pk])),
        )
        cal.add_component(event)
    for item in _other_dates(owner, since, since + datetime.timedelta(days=2 * 366)):
        event = icalendar.Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{item.kind}: {item.title}")
        event.add("dtstart", item.date)
        event.add("dtend", item.date + datetime.timedelta(days=1))
        event.add("description", "\n".join(p for p in (item.department, item.description) if p))
        event.add("url", _site_url(item.url))
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="aktiviteter.ics"'
    return response
