"""Typesetting of the annual report: natural order and abbreviations written out the first
time, read from the rendered PDF."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django_countries.fields import Country
from pypdf import PdfReader

from intl_portal.lib.pdf import PORTAL_BASE_URL, render_pdf
from partners.models import Partnership
from projects.models import Project
from reports import services as report_services
from reports.year import natural_key
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


# Long names in the narrowest columns: departments, programmes, partners, countries, network
# names, acronyms, partnership kinds and column headings. None may be broken inside a word.
DEPARTMENTS = [
    "Barn- och utbildningsförvaltningen",
    "Samhällsbyggnadsförvaltningen",
    "Kultur- och fritidsförvaltningen",
]
PROGRAMMES = ["Interreg Öresund-Kattegat-Skagerrak", "Nordplus Vuxenutbildning", "Kreativa Europa"]
PARTNERS = [("Hämeenlinna", "FI"), ("Gelsenkirchen", "DE"), ("Kaunas rajono savivaldybė", "LT")]
PROJECT_COUNTRIES = ["BA", "NL", "GB", "CZ"]
ACRONYMS = ["UNGDOMSINFLYTANDE", "GREENSKARABORG", "NORDVUXKOMP"]
NETWORKS = ["Kommunalförbundet Skaraborg", "Eurotowns"]
PARTNERSHIP_KINDS = ["twinning", "cooperation", "department"]
HEADINGS = ["Fas", "Utfall", "Målvärde", "Förvaltning", "Partnerländer", "Representanter"]


def _text(done: Any) -> str:
    with done.pdf.open("rb") as fh:
        pages = PdfReader(io.BytesIO(fh.read())).pages
        return "\n".join(page.extract_text() for page in pages)


def _year_of_long_names(world: World) -> None:
    departments = [factories.DepartmentFactory(name=name) for name in DEPARTMENTS]
    programmes = [factories.FundingProgrammeFactory(name=name) for name in PROGRAMMES]
    area = factories.FocusAreaFactory(name="Ungdomars delaktighet och lärande")
    for i, (department, programme, acronym) in enumerate(
        zip(departments, programmes, ACRONYMS, strict=True)
    ):
        project = factories.ProjectFactory(
            title=f"Utbyte {i}",
            acronym=acronym,
            department=department,
            programme=programme,
            phase=[Project.Phase.GRANTED, Project.Phase.ONGOING, Project.Phase.COMPLETED][i],
            status=Project.Status.APPROVED,
        )
        for code in PROJECT_COUNTRIES:
            project.partners.add(factories.PartnerFactory(country=code))
        factories.GoalFactory(department=department, focus_area=area, description=f"Mål {i}")
        factories.ActivityFactory(
            department=department, country=PROJECT_COUNTRIES[i], status="approved"
        )
    for (name, country), kind in zip(PARTNERS, PARTNERSHIP_KINDS, strict=True):
        factories.PartnershipFactory(
            partner=factories.PartnerFactory(name=name, country=country),
            kind=kind,
            department=departments[0],
        )
    for name in NETWORKS:
        factories.NetworkMembershipFactory(name=name)


def _names() -> list[str]:
    with translation.override("sv"):
        countries = [str(Country(code).name) for code in PROJECT_COUNTRIES]
        countries += [str(Country(code).name) for _name, code in PARTNERS]
        kinds = [str(Partnership.Kind(kind).label) for kind in PARTNERSHIP_KINDS]
    partners = [name for name, _code in PARTNERS]
    return [*DEPARTMENTS, *PROGRAMMES, *partners, *countries, *ACRONYMS, *NETWORKS, *kinds]


def _broken_inside_a_word(text: str, name: str) -> list[str]:
    """Every place where a word of `name` is split over two lines, with or without a hyphen."""
    lines = "\n".join(line.strip() for line in text.splitlines())
    found = []
    for word in name.split():
        for i in range(1, len(word)):
            if not (word[i - 1].isalnum() and word[i].isalnum()):
                continue  # a break after "Barn-" or at "Öresund-Kattegat" is the word's own
            for broken in (f"{word[:i]}-\n{word[i:]}", f"{word[:i]}\n{word[i:]}"):
                if broken in lines:
                    found.append(broken.replace("\n", "⏎"))
    return found


def test_names_acronyms_and_headings_are_never_broken_inside_a_word(
    world: World, media_root: Path
) -> None:
    _year_of_long_names(world)
    report = report_services.report_create(year=2026, requested_by=world.coordinator)
    done = report_services.report_render(report_id=report.pk)
    assert done is not None
    text = _text(done)

    names = _names()
    broken = {name: _broken_inside_a_word(text, name) for name in [*names, *HEADINGS]}
    assert {name: where for name, where in broken.items() if where} == {}
    flat = re.sub(r"\s+", " ", text)
    for name in names:  # and each is there whole (not cut or broken without a trace above)
        assert name in flat, f"{name!r} is not in the report whole"


def _caption_pages(extra_css: str) -> list[tuple[int, int]]:
    """Render 30 captioned tables after paragraphs of growing length with the report's own
    stylesheet (plus `extra_css`); per table, the page of its caption and of its header row."""
    parts = []
    for i in range(30):
        parts.append(f"<p>{'Fyllnadstext ' * (40 + 9 * i)}</p>")
        rows = "".join(f"<tr><td>Rad {i} {r}</td><td>v</td></tr>" for r in range(2))
        parts.append(
            f"<table><caption>Tabellrubrik{i:02d}</caption><thead><tr><th>Kolumnhuvud{i:02d}</th>"
            f"<th>B</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    html = (
        f'<html lang="sv"><head><title>Tabeller</title><link rel="stylesheet" '
        f'href="{PORTAL_BASE_URL}static/report/report.css"><style>{extra_css}</style></head>'
        f"<body><main>{''.join(parts)}</main></body></html>"
    )
    pdf, _pages = render_pdf(html)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]

    def page_of(text: str) -> int:
        return next(n for n, page in enumerate(pages) if text in page)

    return [(page_of(f"Tabellrubrik{i:02d}"), page_of(f"Kolumnhuvud{i:02d}")) for i in range(30)]


def test_a_table_caption_stays_on_the_page_of_its_table() -> None:
    # Without the report's rule, these paragraphs leave some captions alone at a page's foot:
    # the fixture does put captions there...
    loose = _caption_pages("caption { break-after: auto; }")
    assert any(caption != header for caption, header in loose)
    # ...and the report's stylesheet moves each of them to the page of its table.
    kept = _caption_pages("")
    assert [caption == header for caption, header in kept] == [True] * 30
