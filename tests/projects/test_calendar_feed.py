"""Calendar and iCal (issue 15): only approved activities unless preliminary entries are asked
for (TENTATIVE, "Preliminär"), UIDs from the configured site, and the year's other dates."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Activity, CalendarFeed, Project
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _feed(client: Client, token: str, host: str = "localhost", **query: str) -> list[dict]:
    response = client.get(reverse("calendar-feed", args=[token]), query, HTTP_HOST=host)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return [
        {key: str(event.get(key, "")) for key in ("uid", "summary", "status")}
        for event in calendar.walk("VEVENT")
    ]


@pytest.fixture
def feed(world: World, settings: object) -> CalendarFeed:
    settings.SITE_URL = "https://international.example.se"  # type: ignore[attr-defined]
    soon = datetime.date.today() + datetime.timedelta(days=20)
    factories.ActivityFactory(title="Godkänd konferens", department=world.own_department,
                              status=Activity.Status.APPROVED, start_date=soon)  # fmt: skip
    factories.ActivityFactory(title="Konferens i utkast", department=world.own_department,
                              status=Activity.Status.DRAFT, start_date=soon)  # fmt: skip
    return CalendarFeed.objects.create(user=world.contact)


def test_the_feed_holds_only_approved_activities_unless_preliminary_is_asked_for(
    feed: CalendarFeed,
) -> None:
    # Before: the draft was an ordinary event in Outlook.
    events = _feed(Client(), feed.token)
    titles = " ".join(e["summary"] for e in events)
    assert "Godkänd konferens" in titles and "Konferens i utkast" not in titles

    events = _feed(Client(), feed.token, preliminary="1")
    draft = next(e for e in events if "Konferens i utkast" in e["summary"])
    assert draft["status"] == "TENTATIVE"
    assert draft["summary"].startswith("Preliminär: ")
    approved = next(e for e in events if "Godkänd konferens" in e["summary"])
    assert approved["status"] == "CONFIRMED"


def test_uids_are_the_same_under_any_host_name(feed: CalendarFeed) -> None:
    one = {e["uid"] for e in _feed(Client(), feed.token, host="localhost")}
    other = {e["uid"] for e in _feed(Client(), feed.token, host="127.0.0.1")}
    assert one == other
    assert all(uid.endswith("@international.example.se") for uid in one)


def test_deadlines_revisions_and_project_dates_are_in_the_feed(
    world: World, feed: CalendarFeed
) -> None:
    soon = datetime.date.today() + datetime.timedelta(days=30)
    factories.FollowUpRoundFactory(deadline=soon)
    factories.StrategyFactory(title="Internationell strategi", revision_due=soon)
    factories.ProjectFactory(title="Språkbad i Halden", department=world.own_department,
                             status=Project.Status.APPROVED, start_date=soon,
                             end_date=soon + datetime.timedelta(days=40))  # fmt: skip
    summaries = " | ".join(e["summary"] for e in _feed(Client(), feed.token))
    assert "Uppföljning av handlingsplanen" in summaries
    assert "Internationell strategi" in summaries
    assert "Projektstart: Språkbad i Halden" in summaries
    assert "Projektslut: Språkbad i Halden" in summaries


def test_the_calendar_page_marks_drafts_preliminary_only_when_chosen(
    world: World, feed: CalendarFeed
) -> None:
    client = Client()
    client.force_login(world.contact)
    month = (datetime.date.today() + datetime.timedelta(days=20)).strftime("%Y-%m")
    html = client.get(reverse("calendar"), {"month": month}).content.decode()
    assert "Godkänd konferens" in html and "Konferens i utkast" not in html
    html = client.get(reverse("calendar"), {"month": month, "preliminary": "1"}).content.decode()
    assert "Konferens i utkast" in html and "Preliminär" in html
