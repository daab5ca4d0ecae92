"""Hostile user text through the real report path: nothing of it reaches the PDF."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from actionplans.models import AnnualReport, GoalOutcome
from partners.models import PartnershipEvaluation
from projects.models import Activity, Project
from reports import services as report_services
from reports.document import report_summary_html
from tests import factories
from tests.conftest import World
from tests.organisation.test_pdf_fetcher import RedirectServer, _probe, redirect_server

__all__ = ["redirect_server"]  # the fixture, used by name below

PASSWD = Path("/etc/passwd").read_text().splitlines()[0]  # e.g. root:x:0:0:root:/root:/bin/bash


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _hostile(server: RedirectServer) -> str:
    return (
        'Hej <img src="file:///etc/passwd" alt="x"> '
        '<link rel="attachment" href="file:///etc/passwd"> '
        '<img src="https://example.org/tracker.png"> '
        f'<img src="{server.url}/redirect.png"> '
        f'<link rel="stylesheet" href="{server.url}/style.css"> '
        '<object data="file:///etc/passwd"></object>'
        '<iframe src="file:///etc/passwd"></iframe>'
        '<style>@import url("file:///etc/passwd");</style>'
        f"![bild]({server.url}/md.png) [länk](file:///etc/passwd) slut"
    )


def test_hostile_user_text_never_reaches_the_pdf_and_the_render_completes(
    world: World, media_root: Path, redirect_server: RedirectServer
) -> None:
    text = _hostile(redirect_server)
    goal = factories.GoalFactory(
        plan__year=2026, department=world.own_department, description=text, indicator=text[:300]
    )
    GoalOutcome.objects.create(goal=goal, status=GoalOutcome.Status.ACHIEVED, comment=text)
    factories.ProjectFactory(
        title=text[:300],
        acronym="EVIL",
        department=world.own_department,
        status=Project.Status.APPROVED,
    )
    partnership = factories.PartnershipFactory(
        partner=factories.PartnerFactory(name=text[:200]),
        case_number='<img src="file:///etc/passwd">'[:50],
    )
    PartnershipEvaluation.objects.create(
        partnership=partnership,
        date=partnership.created_at.date(),
        benefit=text,
        conclusion=text,
    )
    factories.NetworkMembershipFactory(name=text[:200])
    factories.ActivityFactory(
        title=text[:300],
        value_gained=text,
        place=text[:200],
        department=world.own_department,
        status=Activity.Status.APPROVED,
    )
    report = report_services.report_create(
        year=2026, requested_by=world.coordinator, summary=text, title=text[:200], case_number="X"
    )

    done = report_services.report_render(report_id=report.pk)

    assert done is not None and done.state == AnnualReport.State.DONE
    with done.pdf.open("rb") as fh:
        pdf = fh.read()
    reader = PdfReader(io.BytesIO(pdf))
    assert dict(reader.attachments) == {}
    extracted = "\n".join(page.extract_text() for page in reader.pages)
    assert "Hej" in extracted and "slut" in extracted  # the text itself is there, escaped
    assert PASSWD not in extracted
    assert PASSWD.encode() not in pdf
    assert b"root:x:0:0" not in pdf
    assert all(not page.images for page in reader.pages)  # no image was fetched
    assert redirect_server.requests == []  # nothing contacted the server
    assert _probe(redirect_server) == 302  # ... which was up and listening all along


def test_summary_markdown_is_sanitised_and_links_become_text(world: World) -> None:
    html = str(
        report_summary_html(
            '**Fet** <img src="file:///etc/passwd"> <script>x</script> [länk](https://example.org)'
        )
    )

    assert "<strong>Fet</strong>" in html
    assert "<img" not in html and "<script" not in html and "href" not in html
    assert "länk" in html
