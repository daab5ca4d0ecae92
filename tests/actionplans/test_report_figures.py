"""The report's figures hold up in the council: each rule shown on data made for it, read back
from the rendered PDF (pypdf) and the Word copy (python-docx)."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from actionplans.models import AnnualReport, GoalOutcome
from projects.models import Activity, Project
from reports import services as report_services
from tests import factories
from tests.conftest import World


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _flat(text: str) -> str:
    """One line, plain spaces, and soft hyphens from line breaks joined."""
    text = text.replace("\u00a0", " ").replace("\u2010\n", "").replace("-\n", "")
    return re.sub(r"\s+", " ", text)


def _figures_year(world: World) -> None:
    dept = world.own_department
    approved = Project.Status.APPROVED
    funded = factories.ProjectFactory(
        title="Unga röster i Norden",
        department=dept,
        status=approved,
        phase=Project.Phase.ONGOING,
        grant_amount=1_234_567,
        budget_total=1_500_000,
        participants_women=12,
        participants_men=9,
        participants_other=None,
        participants_young=18,
    )
    factories.ProjectFactory(
        title="Gröna hamnar",
        department=dept,
        status=approved,
        phase=Project.Phase.COMPLETED,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2026, 6, 30),
        grant_amount=None,
    )
    factories.ProjectFactory(
        title="Avslagsprojektet",
        department=dept,
        status=approved,
        phase=Project.Phase.REJECTED,
        grant_amount=1_020_486,
        budget_total=1_500_000,
    )
    factories.ProjectFactory(
        title="Ansökan om skolutbyte",
        department=dept,
        status=approved,
        phase=Project.Phase.APPLICATION,
        grant_amount=450_000,
    )
    factories.ProjectFactory(
        title="Bara en idé", department=dept, status=approved, phase=Project.Phase.IDEA
    )
    assert funded.pk
    factories.NetworkMembershipFactory(name="Eurotowns", yearly_fee_sek=45_000)
    factories.NetworkMembershipFactory(name="Nätverket utan avgift", yearly_fee_sek=None)
    factories.ActivityFactory(
        title="Studiebesök i Tartu",
        department=dept,
        status=Activity.Status.APPROVED,
        start_date=datetime.date(2026, 5, 4),
        participants=None,
    )
    area = factories.FocusAreaFactory(name="Ungdomars delaktighet och lärande")
    last_year = factories.GoalFactory(
        plan=factories.ActionPlanFactory(year=2025),
        focus_area=area,
        department=dept,
        description="Fler elever på utbyte",
        indicator="Antal elever",
    )
    GoalOutcome.objects.create(goal=last_year, value=Decimal(30), status="partly")
    plan = factories.ActionPlanFactory(year=2026)
    this_year = factories.GoalFactory(
        plan=plan,
        focus_area=area,
        department=dept,
        description="Fler elever på utbyte",
        indicator="Antal elever",
        carried_from=last_year,
    )
    GoalOutcome.objects.create(goal=this_year, value=Decimal(52), status="achieved")
    stated = factories.GoalFactory(
        plan=plan,
        focus_area=area,
        department=dept,
        description="En ny vänortsplan",
    )
    GoalOutcome.objects.create(goal=stated, value=None, status="not_started", trend="same")
    factories.GoalFactory(
        plan=plan, focus_area=area, department=dept, description="Ett mål utan rapport"
    )


@pytest.fixture
def rendered(world: World, media_root: Path) -> tuple[str, str]:
    _figures_year(world)
    report = report_services.report_create(year=2026, requested_by=world.coordinator)
    done = report_services.report_render(report_id=report.pk)
    assert isinstance(done, AnnualReport)
    with done.pdf.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    pdf_text = _flat(" ".join(page.extract_text() for page in reader.pages))
    with done.docx.open("rb") as fh:
        document = docx.Document(io.BytesIO(fh.read()))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return pdf_text, _flat(" | ".join(parts))


def test_rejected_and_idea_projects_are_not_among_the_years_projects(
    rendered: tuple[str, str],
) -> None:
    for text in rendered:
        assert "Projekt under året (beviljade, pågående, avslutade)" in text
        assert re.search(r"Projekt under året \(beviljade, pågående, avslutade\)\s*\|?\s*2\b", text)
        assert "Bara en idé" not in text
        # The rejected project is in its own short list, never with a grant.
        assert "Avslagsprojektet" in text
        assert "1 020 486" not in text
        # The application shows its sought amount in the applications list only.
        assert "Ansökningar under året (sökta belopp, inte beviljade)" in text
        assert "450 000 kr" in text
        assert "Beviljat bidrag per finansieringsprogram" in text


def test_missing_values_read_uppgift_saknas_and_totals_count_them(
    rendered: tuple[str, str],
) -> None:
    pdf_text, word_text = rendered
    for text in rendered:
        assert "45 000 kr (uppgift saknas för 1 av 2 nätverk)" in text
        assert "12 (uppgift saknas för 1 av 2 projekt)" in text  # women
        assert "1 234 567 kr (uppgift saknas för 1 av 2 projekt)" in text  # grants
        assert "0 / 0 / 0" not in text
    assert "Deltagare i aktiviteter uppgift saknas" in pdf_text


def test_trend_is_computed_from_last_years_outcome_and_marked(
    rendered: tuple[str, str],
) -> None:
    for text in rendered:
        assert "↑ Bättre (beräknad)" in text
        assert "→ Oförändrad" in text
        assert "→ Oförändrad (beräknad)" not in text


def test_every_status_is_in_the_legend_with_its_word(rendered: tuple[str, str]) -> None:
    pdf_text, word_text = rendered
    legend = pdf_text.split("Status anges i ord och färg:")[1][:200]
    for word in [
        "Uppnått",
        "Delvis uppnått",
        "Inte uppnått",
        "Inte påbörjat",
        "Inte mätt",
        "Ej rapporterat",
    ]:
        assert word in legend
    assert "Ej rapporterat" in word_text


def test_grants_chart_text_alternative_keeps_its_unit(rendered: tuple[str, str]) -> None:
    for text in rendered:
        assert re.search(r"Värden: [^.]*: 1 234 567 kr\.", text)
