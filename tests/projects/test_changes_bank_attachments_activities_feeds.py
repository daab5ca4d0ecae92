"""Changes to approved projects, the bank, attachments, activities, open data and iCal."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from intl_portal.lib.uploads import UploadRule, sniff
from intl_portal.organisation.models import User
from projects import activity_services as activities
from projects import selectors, services
from projects.models import (
    Activity,
    Attachment,
    CalendarFeed,
    ExchangeRate,
    Project,
    ProjectRevision,
)
from projects.revisions import changes
from tests import factories
from tests.conftest import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            package.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _approved(world: World, **kwargs: Any) -> Project:
    kwargs.setdefault("department", world.own_department)
    return factories.ProjectFactory(status=Project.Status.APPROVED, **kwargs)


# --- Changes to an approved project ---------------------------------------------------------


def test_contact_change_to_approved_project_waits_for_review(world: World) -> None:
    project = _approved(world, title="Före", budget_total=100, grant_amount=50)

    revision = services.project_change_propose(
        project=project, user=world.contact, data={"title": "Efter", "grant_amount": 60}
    )

    project.refresh_from_db()
    assert project.title == "Före"  # the bank keeps the approved values
    assert revision.status == ProjectRevision.Status.PENDING
    labels = {c.label: (c.before, c.after) for c in selectors_changes(project, revision)}
    assert labels["Titel"] == ("Före", "Efter")
    assert labels["Beviljat bidrag"] == ("50", "60")


def selectors_changes(project: Project, revision: ProjectRevision) -> Any:
    return changes(project, revision.data)


def test_coordinator_returns_then_approves_a_change(world: World) -> None:
    project = _approved(world, title="Före")
    revision = services.project_change_propose(
        project=project, user=world.contact, data={"title": "Efter"}
    )
    services.revision_return(revision=revision, user=world.coordinator, comment="Motivera.")
    revision.refresh_from_db()
    assert revision.status == ProjectRevision.Status.RETURNED

    services.project_change_propose(
        project=project, user=world.contact, data={"title": "Efter, motiverat"}
    )
    assert ProjectRevision.objects.count() == 1  # the returned change was resubmitted
    services.revision_approve(revision=revision, user=world.coordinator)

    project.refresh_from_db()
    assert project.title == "Efter, motiverat"
    assert project.status == Project.Status.APPROVED
    revision.refresh_from_db()
    assert revision.status == ProjectRevision.Status.APPROVED


def test_second_change_while_one_is_pending_is_refused(world: World) -> None:
    project = _approved(world)
    services.project_change_propose(project=project, user=world.contact, data={"title": "A"})

    with pytest.raises(ValidationError):
        services.project_change_propose(project=project, user=world.contact, data={"title": "B"})


@pytest.mark.parametrize("role", ["other_contact", "council"])
def test_others_cannot_propose_changes(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.project_change_propose(
            project=_approved(world), user=getattr(world, role), data={"title": "X"}
        )


def test_contact_cannot_approve_a_change(world: World) -> None:
    project = _approved(world)
    revision = services.project_change_propose(
        project=project, user=world.contact, data={"title": "X"}
    )
    with pytest.raises(PermissionDenied):
        services.revision_approve(revision=revision, user=world.contact)


def test_change_through_the_edit_page_and_the_coordinator_sees_the_diff(world: World) -> None:
    programme = factories.FundingProgrammeFactory(name="Interreg")
    project = _approved(world, title="Gamla titeln", programme=programme)
    data = {
        "title": "Nya titeln", "role": "partner", "phase": "ongoing", "currency": "SEK",
        "programme": programme.pk, "budget_total": "1000000", "grant_amount": "800000",
        "own_contribution": "200000", "cofinancing_eu": "true", "cofinancing_nordic": "true",
        "cofinancing_sida": "false", "start_date": "2026-01-01", "end_date": "2027-12-31",
        "indicators-TOTAL_FORMS": "1", "indicators-INITIAL_FORMS": "0",
        "indicators-0-description": "Elever på utbyte", "indicators-0-target": "40",
    }  # fmt: skip
    response = _client(world.contact).post(reverse("projects:edit", args=[project.pk]), data)
    assert response.status_code == 302

    page = _client(world.coordinator).get(reverse("projects:detail", args=[project.pk]))
    html = page.content.decode()
    assert "Föreslagen ändring" in html
    assert "<del>Gamla titeln</del>" in html and "<ins>Nya titeln</ins>" in html
    assert "Elever på utbyte" in html
    assert "Godkänn ändringen" in html

    _client(world.coordinator).post(reverse("projects:revision-approve", args=[project.pk]))
    project.refresh_from_db()
    assert project.title == "Nya titeln"
    assert list(project.indicators.values_list("description", "target")) == [
        ("Elever på utbyte", Decimal("40.00"))
    ]


# --- Validation -----------------------------------------------------------------------------


def test_young_participants_cannot_exceed_participants(world: World) -> None:
    response = _client(world.contact).post(
        reverse("projects:create"),
        {"title": "T", "role": "partner", "phase": "idea", "currency": "SEK",
         "cofinancing_eu": "true", "cofinancing_nordic": "true", "cofinancing_sida": "true",
         "participants_women": "3", "participants_men": "2", "participants_young": "9"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Antalet unga kan inte vara större än antalet deltagare." in response.content.decode()


def test_grant_above_total_is_refused_by_the_database_too(world: World) -> None:
    project = factories.ProjectFactory(department=world.own_department)
    with pytest.raises(ValidationError) as excinfo:
        services.project_update(
            project=project, user=world.coordinator, data={"grant_amount": 2_000_000}
        )
    assert "Bidraget kan inte vara större än den totala budgeten." in str(excinfo.value)


# --- The bank -------------------------------------------------------------------------------


def test_bank_filters_by_country_focus_area_year_and_sums_in_sek(world: World) -> None:
    ExchangeRate.objects.create(year=2026, currency="EUR", sek_per_unit=Decimal("11.00"))
    area = factories.FocusAreaFactory(name="Ungdomar")
    finland = factories.PartnerFactory(name="Vammala", country="FI")
    eur = _approved(world, title="Europrojekt", currency="EUR", grant_amount=1000,
                    own_contribution=100, budget_total=2000)  # fmt: skip
    eur.partners.add(finland)
    eur.focus_areas.add(area)
    _approved(world, title="Kronprojekt", grant_amount=5000, own_contribution=0,
              start_date=datetime.date(2020, 1, 1),
              end_date=datetime.date(2020, 12, 31))  # fmt: skip
    client = _client(world.council)

    html = client.get(reverse("projects:list"), {"country": "FI"}).content.decode()
    assert "Europrojekt" in html and "Kronprojekt" not in html
    assert "11 000 kr" in html.replace("\xa0", " ")  # 1000 EUR × 11.00

    html = client.get(reverse("projects:list"), {"year": "2020"}).content.decode()
    assert "Kronprojekt" in html and "Europrojekt" not in html
    html = client.get(reverse("projects:list"), {"focus_area": area.pk}).content.decode()
    assert "Europrojekt" in html and "Kronprojekt" not in html
    figures = selectors.bank_figures(Project.objects.all())
    assert figures["count"] == 2
    assert figures["grant"] == 11_000 + 5_000
    assert figures["own"] == 1_100


def test_bank_sort_is_whitelisted(world: World) -> None:
    _approved(world, title="A-projekt", grant_amount=1)
    _approved(world, title="B-projekt", grant_amount=900)
    client = _client(world.council)
    html = client.get(reverse("projects:list"), {"sort": "-grant"}).content.decode()
    assert html.index("B-projekt") < html.index("A-projekt")
    response = client.get(reverse("projects:list"), {"sort": "secret_field; DROP"})
    assert response.status_code == 200


def test_bank_bad_filter_value_is_400_not_500(world: World) -> None:
    response = _client(world.council).get(reverse("projects:list"), {"department": "abc"})
    assert response.status_code == 400


def _bulk(world: World, count: int, start: int = 0) -> None:
    programme = factories.FundingProgrammeFactory()
    Project.objects.bulk_create(
        Project(title=f"Mass {start + i:04d}", department=world.own_department,
                programme=programme, status=Project.Status.APPROVED, grant_amount=10)
        for i in range(count)
    )  # fmt: skip


def _queries(client: Client, url: str, **params: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"country": "DK", "sort": "-grant"}, {"year": "2026", "phase": "ongoing", "q": "Mass"}],
)
def test_bank_query_count_is_the_same_at_5_and_200(world: World, params: dict[str, str]) -> None:
    client = _client(world.coordinator)
    _bulk(world, 5)
    _queries(client, reverse("projects:list"), **params)
    few = _queries(client, reverse("projects:list"), **params)
    _bulk(world, 195, start=5)
    assert _queries(client, reverse("projects:list"), **params) == few


def _bulk_activities(world: World, count: int) -> None:
    Activity.objects.bulk_create(
        Activity(kind="event", title=f"Europadagen {i}", department=world.own_department,
                 start_date=datetime.date(2026, 5, 9), status="approved")
        for i in range(count)
    )  # fmt: skip


@pytest.mark.parametrize("name", ["projects:activity-list", "calendar"])
def test_activity_pages_query_count_is_the_same_at_5_and_200(world: World, name: str) -> None:
    client = _client(world.contact)
    params = {"month": "2026-05"} if name == "calendar" else {}
    _bulk_activities(world, 5)
    _queries(client, reverse(name), **params)
    few = _queries(client, reverse(name), **params)
    _bulk_activities(world, 195)
    assert _queries(client, reverse(name), **params) == few


def test_project_detail_query_count_does_not_grow(world: World, media: Any) -> None:
    project = _approved(world)
    client = _client(world.coordinator)

    def grow(n: int) -> None:
        for i in range(n):
            project.partners.add(factories.PartnerFactory())
            project.indicators.create(description=f"Indikator {i}", target=i)
            factories.ActivityFactory(project=project, department=world.own_department)
            Attachment.objects.create(project=project, original_name=f"f{i}.pdf", kind="pdf",
                                      size=1, file=f"private/x/{i}")  # fmt: skip

    grow(5)
    url = reverse("projects:detail", args=[project.pk])
    _queries(client, url)
    few = _queries(client, url)
    grow(195)
    assert _queries(client, url) == few


def test_export_neutralises_formulas_and_keeps_filters(world: World) -> None:
    _approved(world, title='=HYPERLINK("http://x")')
    _approved(world, title="Annat", department=world.other_department)
    response = _client(world.council).get(
        reverse("projects:export-csv"), {"department": world.own_department.pk}
    )
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment")
    assert "'=HYPERLINK" in text and "Annat" not in text
    xlsx = _client(world.council).get(reverse("projects:export-xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


# --- Attachments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 16, "jpeg"),
        (_zip("[Content_Types].xml", "word/document.xml"), "docx"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
        (_zip("something.txt"), None),
        (b"<html><script>alert(1)</script>", None),
        (b"MZ\x90\x00 windows exe", None),
    ],
)
def test_sniff_decides_by_content(content: bytes, kind: str | None) -> None:
    assert sniff(io.BytesIO(content)) == kind


def _upload(client: Client, project: Project, name: str, content: bytes) -> Any:
    return client.post(
        reverse("projects:attachment-upload", args=[project.pk]),
        {"file": SimpleUploadedFile(name, content), "description": "Beslut"},
    )


def test_contact_uploads_and_downloads_an_attachment(world: World, media: Any) -> None:
    project = factories.ProjectFactory(department=world.own_department)
    client = _client(world.contact)

    response = _upload(client, project, "../../etc/Beslut från Sida.pdf", PDF)

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Beslut från Sida.pdf"
    assert attachment.file.name.startswith(f"private/projects/{project.pk}/")
    assert "Beslut" not in attachment.file.name
    download = client.get(reverse("projects:attachment-download", args=[project.pk, attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    other = _client(world.other_contact).get(
        reverse("projects:attachment-download", args=[project.pk, attachment.pk])
    )
    assert other.status_code == 403


def test_attachment_of_another_project_is_404(world: World, media: Any) -> None:
    project = factories.ProjectFactory(department=world.own_department)
    other = factories.ProjectFactory(department=world.own_department)
    _upload(_client(world.contact), project, "a.pdf", PDF)
    attachment = Attachment.objects.get()
    response = _client(world.contact).get(
        reverse("projects:attachment-download", args=[other.pk, attachment.pk])
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("skript.pdf", b"<script>alert(1)</script>", "Filtypen är inte tillåten"),
        ("bild.png", b"GIF89a....", "Filtypen är inte tillåten"),
        ("tom.pdf", b"", "tom"),
    ],
)
def test_wrong_attachment_is_refused_with_the_reason(
    world: World, media: Any, name: str, content: bytes, message: str
) -> None:
    project = factories.ProjectFactory(department=world.own_department)
    response = _upload(_client(world.contact), project, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_too_large_attachment_is_refused(world: World, media: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("projects.attachments.RULE", UploadRule(kinds=("pdf",), max_bytes=100))
    project = factories.ProjectFactory(department=world.own_department)
    response = _upload(_client(world.contact), project, "stor.pdf", PDF + b"x" * 200)
    assert response.status_code == 400
    assert "Filen är för stor" in response.content.decode()


# --- Activities -----------------------------------------------------------------------------


def test_large_conference_needs_political_anchoring_before_submit(world: World) -> None:
    activity = activities.activity_create(
        author=world.contact,
        data={"kind": "conference", "title": "Eurotowns årsmöte", "department": None,
              "start_date": datetime.date(2026, 10, 1), "needs_political_anchoring": True},
    )  # fmt: skip
    assert activity.department == world.own_department
    with pytest.raises(ValidationError) as excinfo:
        activities.activity_submit(activity=activity, user=world.contact)
    assert "kommunstyrelsens presidium" in " ".join(excinfo.value.messages)

    activities.activity_update(
        activity=activity, user=world.contact,
        data={"anchoring_date": datetime.date(2026, 8, 20), "anchoring_reference": "KS pres § 12"},
    )  # fmt: skip
    activities.activity_submit(activity=activity, user=world.contact)
    activities.activity_approve(activity=activity, user=world.coordinator)
    activity.refresh_from_db()
    assert activity.status == Activity.Status.APPROVED


@pytest.mark.parametrize("role", ["other_contact", "council"])
def test_project_page_hides_linked_draft_activity_from_others(world: World, role: str) -> None:
    project = _approved(world)
    factories.ActivityFactory(project=project, department=world.own_department,
                              title="Utkast till studiebesök")  # fmt: skip
    factories.ActivityFactory(project=project, department=world.own_department,
                              title="Godkänt studiebesök", status="approved")  # fmt: skip
    url = reverse("projects:detail", args=[project.pk])

    html = _client(getattr(world, role)).get(url).content.decode()

    assert "Godkänt studiebesök" in html
    assert "Utkast till studiebesök" not in html
    assert "Utkast till studiebesök" in _client(world.contact).get(url).content.decode()


@pytest.mark.parametrize("role", ["other_contact", "council"])
def test_approved_activity_hides_linked_draft_project_from_others(world: World, role: str) -> None:
    project = factories.ProjectFactory(department=world.own_department, title="Hemligt utkast")
    activity = factories.ActivityFactory(project=project, department=world.own_department,
                                         status="approved")  # fmt: skip
    url = reverse("projects:activity-detail", args=[activity.pk])

    response = _client(getattr(world, role)).get(url)

    assert response.status_code == 200
    assert "Hemligt utkast" not in response.content.decode()
    assert "Hemligt utkast" in _client(world.contact).get(url).content.decode()


def test_activity_form_rejects_end_before_start_and_negative_cost(world: World) -> None:
    response = _client(world.contact).post(
        reverse("projects:activity-create"),
        {"kind": "study_visit", "title": "Studiebesök i Ringsted", "start_date": "2026-05-09",
         "end_date": "2026-05-01", "cost": "-5"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    assert "Slutdatum kan inte vara före startdatum." in html
    assert "Beloppet får inte vara negativt." in html
    assert 'value="Studiebesök i Ringsted"' in html


# --- Public pages, open data, iCal ----------------------------------------------------------


def test_open_data_has_published_fields_of_published_projects_only(world: World) -> None:
    _approved(world, title="Publikt", is_published=True, project_lead="Karin Lind",
              review_comment="Granskarens anteckning")  # fmt: skip
    _approved(world, title="Opublicerat")
    factories.ProjectFactory(department=world.own_department, title="Utkast", is_published=True)

    data = json.loads(Client().get("/open/projects.json").content)
    assert [p["title"] for p in data["records"]] == ["Publikt"]
    text = json.dumps(data, ensure_ascii=False)
    for secret in ("Karin Lind", "Granskarens anteckning", "800000", "grant_amount", "budget_"):
        assert secret not in text
    csv_text = Client().get("/open/projects.csv").content.decode("utf-8")
    assert "Publikt" in csv_text and "Opublicerat" not in csv_text and "Karin" not in csv_text


def test_ical_feed_shows_what_the_owner_may_see(world: World) -> None:
    factories.ActivityFactory(title="Europadagen", kind="event", status="approved",
                              department=world.other_department,
                              start_date=datetime.date.today())  # fmt: skip
    factories.ActivityFactory(title="Eget utkast", department=world.own_department,
                              start_date=datetime.date.today())  # fmt: skip
    factories.ActivityFactory(title="Annans utkast", department=world.other_department,
                              start_date=datetime.date.today())  # fmt: skip
    client = _client(world.contact)
    client.post(reverse("calendar-feed-link"))
    token = CalendarFeed.objects.get(user=world.contact).token

    response = Client().get(reverse("calendar-feed", args=[token]))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = {str(e["summary"]) for e in calendar.walk("VEVENT")}
    assert any("Europadagen" in s for s in summaries)
    # Drafts only when the link asks for preliminary entries (issue 15), and only own ones.
    assert not any("utkast" in s for s in summaries)
    preliminary = Client().get(reverse("calendar-feed", args=[token]), {"preliminary": "1"})
    summaries = {str(e["summary"]) for e in Calendar.from_ical(preliminary.content).walk("VEVENT")}
    assert any(s.startswith("Preliminär: ") and "Eget utkast" in s for s in summaries)
    assert not any("Annans utkast" in s for s in summaries)

    client.post(reverse("calendar-feed-link"))  # a new link revokes the old one
    assert Client().get(reverse("calendar-feed", args=[token])).status_code == 404
