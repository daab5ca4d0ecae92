"""The annual report's "Från utlysning till beviljat": web preview and Word copy."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.test import Client
from django.urls import reverse

from funding import services
from projects.models import Project
from reports.document import report_context
from reports.word import build_docx
from tests.conftest import World
from tests.funding.helpers import make_call

pytestmark = pytest.mark.django_db


def _year(world: World) -> int:
    year = datetime.date.today().year
    call = make_call(opening_date=None, deadline=datetime.date(year, 12, 30))
    services.interest_mark(user=world.contact, call=call, mark="interested")
    idea = services.idea_start(user=world.contact, call=call)
    idea.phase = Project.Phase.APPLICATION
    idea.save()
    return year


def test_preview_shows_from_call_to_grant(world: World) -> None:
    year = _year(world)
    client = Client()
    client.force_login(world.coordinator)
    html = client.get(reverse("reports:report-preview", args=[year])).content.decode()
    section = html[html.index('id="funding-h"') :]
    section = section[: section.index("</section>")]
    assert "Erasmus+" in section
    # watched 1, ideas 1, applications 1, granted 0
    assert [cell.split(">")[-1] for cell in section.split("</td>")[:4]] == ["1", "1", "1", "0"]


def test_word_copy_has_the_funding_table(world: World) -> None:
    year = _year(world)
    document = docx.Document(io.BytesIO(build_docx(report_context(year=year))))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Från utlysning till beviljat" in headings
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Erasmus+", "1", "1", "1", "0"] in rows
    assert ["Totalt", "1", "1", "1", "0"] in rows
