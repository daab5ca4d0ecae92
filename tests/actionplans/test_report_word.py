"""The Word copy: made by the worker from the same data, read back by python-docx and soffice."""

from __future__ import annotations

import hashlib
import io
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx.oxml.ns import qn

from actionplans.models import AnnualReport
from reports import services as report_services
from tests.actionplans.test_report_content import _year_data
from tests.conftest import World

SECTIONS = [
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
]


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def _render(world: World) -> tuple[AnnualReport, bytes]:
    report = report_services.report_create(year=2026, requested_by=world.coordinator)
    done = report_services.report_render(report_id=report.pk)
    assert done is not None
    with done.docx.open("rb") as fh:
        return done, fh.read()


def test_word_copy_has_headings_repeating_headers_alt_text_and_page_numbers(
    world: World, media_root: Path, tmp_path: Path, client: Any
) -> None:
    _year_data(world)
    report, data = _render(world)
    assert report.docx_sha256 == hashlib.sha256(data).hexdigest()
    document = docx.Document(io.BytesIO(data))

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Innehåll", *SECTIONS]
    assert "Ungdomars delaktighet och lärande" in [
        p.text for p in document.paragraphs if p.style.name == "Heading 2"
    ]
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "1\u00a0234\u00a0567\u00a0kr" in texts  # the grant, Swedish format
    assert "Unga röster i Norden" in texts
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert any("Beviljat bidrag per finansieringsprogram." in d and "kr" in d for d in descriptions)
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer

    # LibreOffice opens it and finds every section.
    path = tmp_path / "report.docx"
    path.write_bytes(data)
    subprocess.run(  # noqa: S603 - LibreOffice on our own file
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    text = (tmp_path / "report.txt").read_text(encoding="utf-8-sig")
    for heading in SECTIONS:
        assert heading in text
    assert "Unga röster i Norden" in text and "Eurotowns" in text and "Kuressaare" in text

    # Offered next to the PDF to the coordinator.
    client.force_login(world.coordinator)
    page = client.get(reverse("reports:report-list")).content.decode()
    assert reverse("reports:report-download-word", args=[report.pk]) in page
    response = client.get(reverse("reports:report-download-word", args=[report.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data


def test_render_report_command_writes_word_for_docx(
    world: World, media_root: Path, tmp_path: Path
) -> None:
    _year_data(world)
    output = tmp_path / "rapport.docx"
    call_command("render_report", "2026", "--output", str(output))
    document = docx.Document(str(output))
    assert "Sammanfattning" in [p.text for p in document.paragraphs]
