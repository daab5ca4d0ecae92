"""The accessibility statement and its way to report problems."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from intl_portal.lib import flood
from intl_portal.organisation.models import AccessibilityReport
from tests.conftest import World
from tests.notifications.helpers import deliver_waiting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limit() -> None:
    flood.reset(scope="accessibility", ip="127.0.0.1")


def test_a_visitor_reports_a_problem_and_the_coordinator_is_told(
    client: Client, world: World, django_capture_on_commit_callbacks
) -> None:
    world.coordinator.email = "sara@example.org"
    world.coordinator.save()
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("accessibility"),
            {
                "page": "/public/projects/",
                "description": "Knappen går inte att nå med tangentbordet.",
            },
        )
    assert response.status_code == 302
    report = AccessibilityReport.objects.get()
    assert report.page == "/public/projects/"
    deliver_waiting()
    assert mail.outbox[0].to == ["sara@example.org"]
    assert "tangentbordet" in mail.outbox[0].body


def test_an_empty_report_is_refused_in_swedish_and_typed_text_kept(
    client: Client, world: World
) -> None:
    response = client.post(reverse("accessibility"), {"page": "/kalender/", "description": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Formuläret innehåller fel" in body and 'value="/kalender/"' in body
    assert not AccessibilityReport.objects.exists()


def test_the_honeypot_stores_nothing(client: Client, world: World) -> None:
    response = client.post(
        reverse("accessibility"), {"description": "Köp billigt!", "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert not AccessibilityReport.objects.exists()


def test_a_flood_from_one_address_is_stopped_and_text_kept(client: Client, world: World) -> None:
    for n in range(5):
        client.post(reverse("accessibility"), {"description": f"Problem {n}"})
    response = client.post(reverse("accessibility"), {"description": "Problem sex"})
    assert response.status_code == 429
    assert "Problem sex" in response.content.decode()
    assert AccessibilityReport.objects.count() == 5


def test_coordinator_sees_reports_and_marks_them_handled(client: Client, world: World) -> None:
    report = AccessibilityReport.objects.create(description="Låg kontrast i sidfoten")
    client.force_login(world.coordinator)
    page = client.get(reverse("accessibility-reports"))
    assert "Låg kontrast i sidfoten" in page.content.decode()
    client.post(reverse("accessibility-report-handled", args=[report.pk]))
    report.refresh_from_db()
    assert report.handled_by == world.coordinator and report.handled_at is not None


def test_council_member_cannot_read_the_reports(client: Client, world: World) -> None:
    client.force_login(world.council)
    assert client.get(reverse("accessibility-reports")).status_code == 403


@pytest.mark.django_db
def test_statement_title_is_plain_text_and_the_statement_is_dated(client: Client) -> None:
    body = client.get(reverse("accessibility")).content.decode()
    title = body.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Tillgänglighetsredogörelse – ") and "<" not in title
    assert 'Webbplatsen granskades senast den <time datetime="2026-11-29">' in body
    assert 'Redogörelsen uppdaterades senast den <time datetime="2026-11-29">' in body


@pytest.mark.django_db
@override_settings(ACCESSIBILITY_REVIEWED="2027-03-01")
def test_statement_review_date_comes_from_settings(client: Client) -> None:
    body = client.get(reverse("accessibility")).content.decode()
    assert '<time datetime="2027-03-01">1 mars 2027</time>' in body
