"""The report's chapters of their own (sections.py): Agenda 2030, the partner map and travel
climate, read back from the rendered PDF's text and from the Word copy."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from intl_portal.organisation.models import SustainableDevelopmentGoal
from intl_portal.organisation.sdgs import sdgs_ensure
from partners.models import Partnership
from projects.models import Activity, EmissionFactor, Project
from reports import services as report_services
from reports.chapters import activities, agenda2030, partners
from reports.sections import SECTIONS
from reports.year import report_year
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def _factors() -> None:
    """The migration's factors (a flushing test before this one may have removed them)."""
    for mode, grams in (("train", "10.0"), ("flight", "133.0"), ("digital", "0")):
        EmissionFactor.objects.get_or_create(
            mode=mode, defaults={"grams_per_km": Decimal(grams), "source": "Test", "year": 2024}
        )


def _year(world: World) -> None:
    """Two projects and a goal tagged with global goals; partner cities; three trips."""
    sdgs_ensure()
    sdg = {goal.number: goal for goal in SustainableDevelopmentGoal.objects.all()}
    running = {
        "status": Project.Status.APPROVED, "phase": Project.Phase.ONGOING,
        "department": world.own_department,
        "start_date": datetime.date(2026, 1, 1), "end_date": datetime.date(2026, 12, 31),
    }  # fmt: skip
    factories.ProjectFactory(title="Unga röster", **running).sdgs.set([sdg[4], sdg[10]])
    factories.ProjectFactory(title="Gröna skolgårdar", **running).sdgs.set([sdg[4], sdg[13]])
    factories.ProjectFactory(title="Otaggat projekt", **running)
    plan = factories.ActionPlanFactory(year=2026)
    factories.GoalFactory(plan=plan, department=world.own_department).sdgs.set([sdg[13]])
    factories.PartnershipFactory(
        partner__name="Ringsted", partner__country="DK", partner__latitude=Decimal("55.44"),
        partner__longitude=Decimal("11.79"),
    )  # fmt: skip
    _factors()
    trip = {"status": Activity.Status.APPROVED, "kind": Activity.Kind.STUDY_VISIT,
            "start_date": datetime.date(2026, 3, 16)}  # fmt: skip
    # 2 × 500 km × 10 g × 4 travellers = 40 kg
    factories.ActivityFactory(title="Tåg till Ringsted", department=world.own_department,
                              travel_mode="train", travel_distance_km=500, travellers=4,
                              **trip)  # fmt: skip
    factories.ActivityFactory(title="Digitalt möte", department=world.own_department,
                              travel_mode="digital", participants=10, **trip)  # fmt: skip
    # The other department's only trip has no distance: its emissions are not known.
    factories.ActivityFactory(title="Flyg utan avstånd", department=world.other_department,
                              travel_mode="flight", travellers=2, **trip)  # fmt: skip


def test_agenda_2030_counts_projects_and_goals_per_global_goal(world: World) -> None:
    _year(world)

    chapter = agenda2030.agenda2030(report_year(year=2026))

    counts = {row.sdg.number: (row.projects, row.goals) for row in chapter["rows"]}
    assert counts == {4: (2, 0), 10: (1, 0), 13: (1, 1)}
    assert chapter["untagged"] == 1
    projects_chart = chapter["charts"][0]
    assert projects_chart["values_text"] == (
        "4. God utbildning för alla: 2 projekt; 10. Minskad ojämlikhet: 1 projekt; "
        "13. Bekämpa klimatförändringarna: 1 projekt."
    )


def test_travel_says_unknown_never_zero(world: World) -> None:
    _year(world)

    chapter = activities.travel(report_year(year=2026))

    rows = dict(chapter["rows"])
    assert rows["Utsläpp från årets resor"] == "40 kg CO₂e"
    assert rows["Andel aktiviteter som hölls digitalt"] == "33 %"
    assert rows["Resor där uppgift saknas"] == "1"
    by_department = {d.name: d.co2e for d in chapter["departments"]}
    assert by_department[world.other_department.name] == "uppgift saknas"


def test_no_trips_at_all_is_unknown_not_zero(world: World) -> None:
    chapter = activities.travel(report_year(year=2026))
    assert dict(chapter["rows"])["Utsläpp från årets resor"] == "uppgift saknas"
    assert dict(chapter["rows"])["Andel aktiviteter som hölls digitalt"] == "uppgift saknas"


def test_pdf_and_word_copy_carry_the_three_chapters(world: World, media_root: Path) -> None:
    _year(world)
    report = report_services.report_create(year=2026, requested_by=world.coordinator)
    done = report_services.report_render(report_id=report.pk)
    assert done is not None

    with done.pdf.open("rb") as fh:
        body = fh.read()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "report-chapters.pdf").write_bytes(body)  # to look at
    reader = PdfReader(io.BytesIO(body))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    for heading in ("Bidrag till Agenda 2030", "Karta över partnerorter", "Resor och klimat"):
        assert text.count(heading) >= 2, heading  # in the contents and as the chapter
    assert "Värden: 4. God utbildning för alla: 2 projekt" in text
    assert "13. Bekämpa klimatförändringarna: 1 mål" in text
    assert "Danmark: Ringsted" in text
    assert "1. Ringsted, Danmark – vänort" in text  # the map's key, number first
    assert "40 kg CO₂e" in text.replace(NBSP, " ")
    assert "uppgift saknas" in text

    with done.docx.open("rb") as fh:
        word = docx.Document(io.BytesIO(fh.read()))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    titles = [str(s.title) for s in SECTIONS]
    own = ["Bidrag till Agenda 2030", "Karta över partnerorter", "Resor och klimat"]
    assert [h for h in headings if h in own] == own
    assert titles.index("Aktiviteter") < titles.index(own[0]) < titles.index(own[2])
    body = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    assert "Värden: 4. God utbildning för alla: 2 projekt" in body
    assert "Ringsted" in cells
    # The map as a picture with its text alternative, then its key: number, place, country.
    alts = {s._inline.docPr.get("title"): s._inline.docPr.get("descr") for s in word.inline_shapes}
    assert alts["Karta över partnerorter i Europa"].startswith("1 ort i 1 land. Danmark: Ringsted")
    rows = [[c.text for c in row.cells] for t in word.tables for row in t.rows]
    assert ["Nr", "Ort", "Land", "Slag"] in rows
    assert ["1", "Ringsted", "Danmark", "Vänort"] in rows
    assert "uppgift saknas" in cells


def _partner_cities(year: int) -> set[str]:
    places = partners.partner_map(report_year(year=year))["map"]
    return {name for _country, names in places.by_country for name in names}


def test_an_old_years_map_shows_the_partnerships_of_that_year(world: World) -> None:
    def partnership(name: str, country: str, **fields: Any) -> None:
        factories.PartnershipFactory(
            partner__name=name, partner__country=country, partner__latitude=Decimal("55.4"),
            partner__longitude=Decimal("11.8"), **fields,
        )  # fmt: skip

    partnership("Ringsted", "DK", since_year=2010)
    partnership("Halden", "NO", since_year=2024)  # begun after 2020
    ended = Partnership.Status.ENDED
    partnership("Vammala", "FI", since_year=1990, status=ended,
                ended_decision_date=datetime.date(2019, 12, 31))  # fmt: skip
    partnership("Kuressaare", "EE", since_year=1993, status=ended,
                ended_decision_date=datetime.date(2020, 1, 1))  # fmt: skip

    assert _partner_cities(2020) == {"Ringsted (vänort)", "Kuressaare (vänort)"}
    assert _partner_cities(2026) == {"Ringsted (vänort)", "Halden (vänort)"}


def test_preview_counts_no_goal_of_a_plan_the_reader_may_not_see(world: World) -> None:
    _year(world)  # the 2026 plan is a draft; its one goal contributes to global goal 13
    counted = "13. Bekämpa klimatförändringarna: 1 mål."
    url = reverse("reports:report-preview", args=[2026])
    pages = {}
    for user in (world.coordinator, world.council):
        client = Client()
        client.force_login(user)
        pages[user] = client.get(url).content.decode()

    assert counted in pages[world.coordinator]
    assert counted not in pages[world.council]
    assert "13. Bekämpa klimatförändringarna: 1 projekt." in pages[world.council]
