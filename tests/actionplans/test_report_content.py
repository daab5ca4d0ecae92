"""The annual report's content, options, formats, accessibility and the render_report command."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from actionplans.models import AnnualReport, GoalOutcome
from intl_portal.organisation.models import Municipality
from partners.models import BenefitAnalysis, Partnership, PartnershipEvaluation, TwinTownMeeting
from projects.models import Activity, Project
from projects.models.review import Indicator
from reports import services as report_services
from tests import factories
from tests.conftest import World

NBSP = "\u00a0"


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _reader(report: AnnualReport) -> PdfReader:
    with report.pdf.open("rb") as fh:
        return PdfReader(io.BytesIO(fh.read()))


def _text(reader: PdfReader) -> str:
    """The document's text with line breaks as spaces (table cells wrap)."""
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def _year_data(world: World) -> None:
    """A small but complete year: plan with outcomes, projects, partners, networks, activities."""
    plan = factories.ActionPlanFactory(year=2026)
    area = factories.FocusAreaFactory(name="Ungdomars delaktighet och lärande")
    outcomes = [
        ("Fler elever på utbyte", GoalOutcome.Status.ACHIEVED, GoalOutcome.Trend.BETTER),
        ("Fler praktikplatser i Europa", GoalOutcome.Status.PARTLY, GoalOutcome.Trend.SAME),
        ("En ny vänortsplan", GoalOutcome.Status.NOT_ACHIEVED, GoalOutcome.Trend.WORSE),
    ]
    for description, status, trend in outcomes:
        goal = factories.GoalFactory(
            plan=plan,
            focus_area=area,
            department=world.own_department,
            description=description,
            indicator="Antal elever",
            target=Decimal(40),
        )
        GoalOutcome.objects.create(
            goal=goal, value=Decimal(52), status=status, trend=trend, comment="Analys av utfallet."
        )
    partner = factories.PartnerFactory(name="Kuressaare", country="EE")
    project = factories.ProjectFactory(
        title="Unga röster i Norden",
        department=world.own_department,
        status=Project.Status.APPROVED,
        budget_total=1_500_000,
        grant_amount=1_234_567,
        own_contribution=265_433,
        participants_women=12,
        participants_men=9,
        participants_young=18,
    )
    project.partners.add(partner)
    Indicator.objects.create(
        project=project, description="Elever på utbyte", target=30, outcome=34, unit="st"
    )
    twin = factories.PartnershipFactory(
        partner=partner,
        decision_body="KF",
        decision_date=datetime.date(1993, 5, 12),
        decision_paragraph="45",
        case_number="KS 1993/12",
        last_political_contact=datetime.date(2026, 3, 1),
    )
    PartnershipEvaluation.objects.create(
        partnership=twin,
        date=datetime.date(2026, 11, 23),
        benefit="Skolutbyten",
        conclusion="Samarbetet ger god nytta för skolorna.",
    )
    factories.PartnershipFactory(
        partner=factories.PartnerFactory(name="Halden", country="NO"),
        status=Partnership.Status.DORMANT,
        since_year=1950,
    )
    TwinTownMeeting.objects.create(year=2026, theme="Demokrati och ungdom", host=partner)
    network = factories.NetworkMembershipFactory(name="Eurotowns", yearly_fee_sek=45_000)
    network.representatives.add(world.council)
    BenefitAnalysis.objects.create(
        membership=network,
        year=2026,
        quality=4,
        influence=3,
        participation=4,
        utilisation=4,
        recommendation=BenefitAnalysis.Recommendation.KEEP,
    )
    for kind, title in [
        (Activity.Kind.STUDY_VISIT, "Studiebesök i Köpenhamn"),
        (Activity.Kind.HOSTED_VISIT, "Besök från Kuressaare"),
        (Activity.Kind.CONFERENCE, "Eurotowns årskonferens"),
        (Activity.Kind.EVENT, "Europadagen på torget"),
    ]:
        factories.ActivityFactory(
            kind=kind,
            title=title,
            department=world.own_department,
            status=Activity.Status.APPROVED,
            start_date=datetime.date(2026, 11, 23),
        )


def _render(world: World, **options: Any) -> AnnualReport:
    report = report_services.report_create(year=2026, requested_by=world.coordinator, **options)
    done = report_services.report_render(report_id=report.pk)
    assert done is not None
    return done


def test_swedish_report_has_cover_toc_every_section_and_swedish_formats(
    world: World, media_root: Path
) -> None:
    _year_data(world)
    report = _render(
        world,
        title="Internationellt arbete i Skövde 2026",
        case_number="KS 2026/123",
        summary="Året präglades av **fler unga** på utbyte.",
    )
    reader = _reader(report)
    text = _text(reader)
    cover = reader.pages[0].extract_text().replace("\n", " ")

    assert "SKÖVDE KOMMUN" in cover.upper()
    assert "Internationellt arbete i Skövde 2026" in cover
    assert "Version 1" in cover and "KS 2026/123" in cover
    assert "2026" in cover
    toc = reader.pages[1].extract_text()
    for heading in [
        "Innehåll",
        "Sammanfattning",
        "Diagram",
        "Uppföljning av handlingsplanen",
        "Årets projekt",
        "Från utlysning till beviljat",
        "Vänorter och samarbeten",
        "Nätverk och medlemskap",
        "Aktiviteter",
        "Bidrag till Agenda 2030",
        "Karta över partnerorter",
        "Resor och klimat",
        "Bilaga: Avtalsregister",
    ]:
        assert heading in toc
        assert heading in text
    assert "Sida 2 av" in text
    assert "fler unga" in text
    # Key figures, in Swedish money format with no-break spaces.
    assert f"1{NBSP}234{NBSP}567{NBSP}kr" in text
    assert f"45{NBSP}000{NBSP}kr" in text
    assert "4,65" in text  # kronor granted per krona of own money
    # Status in words, trend in words.
    for word in ["Uppnått", "Delvis uppnått", "Inte uppnått", "Bättre", "Oförändrad", "Sämre"]:
        assert word in text
    assert "Unga röster i Norden" in text and "Estland" in text
    assert "Elever på utbyte" in text
    assert "Kuressaare" in text and "Vilande" in text and "Demokrati och ungdom" in text
    assert "Samarbetet ger god nytta" in text
    assert "Eurotowns" in text and "Behåll" in text
    for title in ["Studiebesök i Köpenhamn", "Besök från Kuressaare", "Eurotowns årskonferens"]:
        assert title in text
    assert "23 november 2026" in text
    assert "KS 1993/12" in text and "12 maj 1993" in text
    # Charts with their written values.
    assert "Beviljat bidrag per finansieringsprogram" in text
    assert "Mål efter status" in text
    assert len(reader.outline) >= 8


def test_english_report_has_english_headings(world: World, media_root: Path) -> None:
    _year_data(world)
    report = _render(world, language="en")
    text = _text(_reader(report))

    assert report.language == "en"
    for heading in ["Summary", "Follow-up of the action plan", "Activities"]:
        assert heading in text
    assert "Uppföljning av handlingsplanen" not in text
    assert f"SEK{NBSP}1,234,567" in text
    assert "23 November 2026" in text
    assert _reader(report).trailer["/Root"]["/Lang"] == "en"


def test_report_pdf_is_tagged_with_language_and_title(world: World, media_root: Path) -> None:
    report = _render(world)
    reader = _reader(report)
    root = reader.trailer["/Root"]

    assert root["/Lang"] == "sv"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Internationellt arbete 2026 – Skövde kommun"


def test_render_report_command_writes_a_new_version(
    world: World, media_root: Path, tmp_path: Path
) -> None:
    _year_data(world)
    output = tmp_path / "r.pdf"

    call_command("render_report", "2026", "--output", str(output), "--case-number", "KS 1/2")

    report = AnnualReport.objects.get()
    assert report.state == AnnualReport.State.DONE and report.version == 1
    text = _text(PdfReader(output))
    assert "KS 1/2" in text and "Unga röster i Norden" in text


def test_request_form_options_reach_the_job(world: World, client: Any, media_root: Path) -> None:
    client.force_login(world.coordinator)
    response = client.post(
        reverse("reports:report-request"),
        {"year": 2026, "language": "en", "title": "Annual report", "case_number": "KS 9"},
    )

    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert (report.language, report.title, report.case_number) == ("en", "Annual report", "KS 9")


def test_logo_from_storage_is_on_the_cover(world: World, media_root: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#0b3d6b").save(buffer, format="PNG")
    municipality = Municipality.current()
    municipality.logo.save("logo.png", ContentFile(buffer.getvalue()))
    report = _render(world)

    reader = _reader(report)
    assert any(page.images for page in reader.pages[:1])


def test_a_logo_that_is_not_an_image_is_left_out(world: World, media_root: Path) -> None:
    municipality = Municipality.current()
    municipality.logo.save("logo.png", ContentFile(Path("/etc/passwd").read_bytes()))
    report = _render(world)

    assert not _reader(report).pages[0].images
    assert "root:" not in _text(_reader(report))


# --- The web page -------------------------------------------------------------------------


def _projects(n: int, world: World) -> None:
    for _i in range(n):
        project = factories.ProjectFactory(
            department=world.own_department, status=Project.Status.APPROVED
        )
        project.partners.add(factories.PartnerFactory())
        Indicator.objects.create(project=project, description="x", target=1, outcome=1)


def _preview_queries(client: Any, world: World) -> int:
    client.force_login(world.coordinator)
    url = reverse("reports:report-preview", args=[2026])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_preview_query_count_does_not_grow_with_projects(world: World, client: Any) -> None:
    _year_data(world)
    _projects(5, world)
    few = _preview_queries(client, world)
    _projects(195, world)
    many = _preview_queries(client, world)

    assert few == many


def test_preview_shows_the_same_sections_and_charts(world: World, client: Any) -> None:
    _year_data(world)
    client.force_login(world.council)
    response = client.get(reverse("reports:report-preview", args=[2026]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="chart-funding"' in html and 'id="chart-departments"' in html
    assert "Unga röster i Norden" in html and "Eurotowns" in html
    assert "Fler elever på utbyte" not in html  # council members see adopted plans only
