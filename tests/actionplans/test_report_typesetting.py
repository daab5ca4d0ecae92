"""Typesetting of the annual report: natural order and abbreviations written out the first
time, read from the rendered PDF."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from actionplans.reports import services as report_services
from actionplans.reports.data import natural_key
from projects.models import Project
from tests import factories
from tests.conftest import World


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_natural_key_orders_numbers_as_numbers() -> None:
    names = ["Förvaltning 10", "Förvaltning 9", "förvaltning 8", "Förvaltning 7"]
    assert sorted(names, key=natural_key) == [
        "Förvaltning 7",
        "förvaltning 8",
        "Förvaltning 9",
        "Förvaltning 10",
    ]


def test_report_typesetting(world: World, media_root: Path) -> None:
    for number in (10, 9, 8):
        factories.ProjectFactory(
            title=f"Projekt för förvaltning {number}",
            department=factories.DepartmentFactory(name=f"Förvaltning {number}"),
            status=Project.Status.APPROVED,
        )
    project = factories.ProjectFactory(
        title="Gröna transporter i Skaraborg",
        acronym="GREENTRANSPORTSKARABORG",
        department=world.own_department,
        status=Project.Status.APPROVED,
    )
    project.partners.add(factories.PartnerFactory(name="Derby", country="GB"))
    factories.ActionPlanFactory(
        year=2026, decision_body="KS", decision_date=datetime.date(2026, 2, 10)
    )
    for name in ("Vammala", "Ringsted"):
        factories.PartnershipFactory(
            partner=factories.PartnerFactory(name=name, country="FI"), decision_body="KS"
        )
    report = report_services.report_create(year=2026, requested_by=world.coordinator)
    done = report_services.report_render(report_id=report.pk)
    assert done is not None
    with done.pdf.open("rb") as fh:
        raw = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(fh.read())).pages)
    text = re.sub(r"\s+", " ", raw)

    order = [text.index(f"Projekt för förvaltning {n}") for n in (8, 9, 10)]
    assert order == sorted(order)

    assert text.count("kommunstyrelsen (KS)") == 1
    # Contents, then the appendix's heading; the appendix's own pages follow it.
    toc, chapters, *rest = text.split("Bilaga: Avtalsregister")
    before, appendix = toc + chapters, " ".join(rest)
    assert "kommunstyrelsen (KS)" in before  # the plan's decision, the first use
    assert re.search(r"\bKS\b", appendix) and "kommunstyrelsen" not in appendix

    assert "utbildningsförvaltningen" in text
