"""The report for a year counts that year only: approved projects and activities dated the day
before it begins and the day after it ends are in no figure, chart, table or text of it."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import docx
import pytest

from intl_portal.organisation.models import SustainableDevelopmentGoal
from intl_portal.organisation.sdgs import sdgs_ensure
from projects.models import Activity, EmissionFactor, Project
from reports.document import report_context, report_html
from reports.word import build_docx
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

YEAR = 2026
BEFORE, AFTER = datetime.date(YEAR - 1, 12, 31), datetime.date(YEAR + 1, 1, 1)
FIRST, LAST = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
OUTSIDE = ("Slutade nyårsafton", "Börjar nyårsdagen", "Ansökan nästa år", "Avslag förra året",
           "Resa nyårsafton", "Besök nyårsdagen")  # fmt: skip


def _project(title: str, start: datetime.date, end: datetime.date, **fields: Any) -> Project:
    fields = {"status": Project.Status.APPROVED, "phase": Project.Phase.ONGOING, **fields}
    project: Project = factories.ProjectFactory(
        title=title, start_date=start, end_date=end, **fields
    )
    project.sdgs.set([SustainableDevelopmentGoal.objects.get(number=4)])
    return project


def _activity(title: str, day: datetime.date, kind: str, world: World) -> None:
    factories.ActivityFactory(
        title=title, start_date=day, kind=kind, status=Activity.Status.APPROVED,
        department=world.own_department, participants=7, travel_mode="train",
        travel_distance_km=100, travellers=2,
    )  # fmt: skip


def _year_and_its_edges(world: World) -> None:
    sdgs_ensure()
    EmissionFactor.objects.get_or_create(
        mode="train", defaults={"grams_per_km": Decimal("10.0"), "source": "Test", "year": 2024}
    )
    dept = world.other_department
    # Inside: a project of exactly the year, and activities on its first and last day.
    _project("Hela året", FIRST, LAST, department=world.own_department, grant_amount=100_000)
    _activity("Resa nyårsdagen i år", FIRST, Activity.Kind.STUDY_VISIT, world)
    _activity("Besök nyårsafton i år", LAST, Activity.Kind.HOSTED_VISIT, world)
    # Outside, by one day.
    _project("Slutade nyårsafton", datetime.date(YEAR - 2, 1, 1), BEFORE, department=dept)
    _project("Börjar nyårsdagen", AFTER, datetime.date(YEAR + 2, 1, 1), department=dept,
             phase=Project.Phase.GRANTED)  # fmt: skip
    _project("Ansökan nästa år", AFTER, datetime.date(YEAR + 2, 1, 1), department=dept,
             phase=Project.Phase.APPLICATION)  # fmt: skip
    _project("Avslag förra året", datetime.date(YEAR - 1, 1, 1), BEFORE, department=dept,
             phase=Project.Phase.REJECTED)  # fmt: skip
    _activity("Resa nyårsafton", BEFORE, Activity.Kind.STUDY_VISIT, world)
    _activity("Besök nyårsdagen", AFTER, Activity.Kind.HOSTED_VISIT, world)


def test_projects_and_activities_a_day_outside_the_year_are_not_counted(world: World) -> None:
    _year_and_its_edges(world)

    chapters = report_context(year=YEAR)["chapter_data"]

    figures = chapters["summary"]["figures"]
    assert (figures["projects_active"], figures["projects_started"]) == (1, 1)
    assert (figures["applications"], figures["not_granted"]) == (0, 0)
    assert (figures["study_visits"], figures["hosted_visits"]) == (1, 1)
    assert figures["grant_sek"] == 100_000
    assert figures["activity_participants_text"] == "14"
    charts = {c["id"]: c["values_text"] for c in chapters["charts"]["charts"]}
    assert charts["chart-departments"] == f"{world.own_department}: 1 projekt."
    assert [p.title for p in chapters["projects"]["projects"]] == ["Hela året"]
    assert chapters["projects"]["applications"] == chapters["projects"]["not_granted"] == []
    titles = [a.title for g in chapters["activities"]["activity_groups"] for a in g["items"]]
    assert sorted(titles) == ["Besök nyårsafton i år", "Resa nyårsdagen i år"]
    assert chapters["agenda2030"]["project_count"] == 1
    assert [r.projects for r in chapters["agenda2030"]["rows"]] == [1]
    travel = chapters["travel"]["figures"]
    # Two trips of the year, 2 × 100 km × 10 g × 2 travellers = 4 kg each.
    assert (travel.known, travel.unknown, travel.kg) == (2, 0, Decimal("8.0"))


def test_the_pdf_and_word_text_name_nothing_outside_the_year(world: World) -> None:
    _year_and_its_edges(world)

    html = report_html(year=YEAR)
    word = docx.Document(io.BytesIO(build_docx(report_context(year=YEAR))))
    text = "\n".join(p.text for p in word.paragraphs)
    text += "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)

    assert "Hela året" in html and "Hela året" in text
    assert "Resa nyårsdagen i år" in html and "Resa nyårsdagen i år" in text
    assert [title for title in OUTSIDE if title in html or title in text] == []
