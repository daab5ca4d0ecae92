"""The one conversion to kronor: one rule everywhere, a missing rate named, never 0 kr."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from projects import selectors
from projects.models import ExchangeRate, Project
from projects.selectors import SekTotal, sek_amount
from reports.document import report_context
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates() -> None:
    ExchangeRate.objects.create(year=2024, currency="EUR", sek_per_unit=Decimal("11.2500"))
    ExchangeRate.objects.create(year=2026, currency="EUR", sek_per_unit=Decimal("10.9999"))


def test_the_years_rate_else_the_latest_earlier_one_never_a_later_one(rates: None) -> None:
    assert sek_amount(100, "EUR", 2024).value == Decimal("1125")
    assert sek_amount(100, "EUR", 2025).value == Decimal("1125")  # 2024's, not 2026's
    assert sek_amount(100, "EUR", 2027).value == Decimal("1099.99")
    assert sek_amount(100, "SEK", 1990).value == 100


def test_a_missing_rate_is_named_and_never_zero(rates: None) -> None:
    sek = sek_amount(100, "EUR", 2023)  # no rate in or before 2023
    assert sek.value is None
    assert sek.missing_rate == "kurs saknas för EUR 2023"
    assert str(sek) == "kurs saknas för EUR 2023"
    assert sek_amount(100, "NOK", 2027).missing_rate == "kurs saknas för NOK 2027"
    # An unknown amount stays unknown; nothing needs no rate.
    assert sek_amount(None, "EUR", 2026).value is None
    assert sek_amount(0, "NOK", 2026).value == 0


def test_sums_leave_out_and_count_what_they_cannot_convert(rates: None) -> None:
    total = SekTotal()
    total.add(sek_amount(100, "EUR", 2026))
    total.add(sek_amount(5, "NOK", 2027))
    total.add(sek_amount(7, "NOK", 2027))
    total.add(sek_amount(None, "NOK", 2027))
    assert total.value == Decimal("1099.99")
    assert total.left_out == 2
    assert total.note == "2 belopp utan växelkurs är inte medräknade (kurs saknas för NOK 2027)"


def _approved(world: World, **kwargs: object) -> Project:
    kwargs.setdefault("department", world.own_department)
    return factories.ProjectFactory(status=Project.Status.APPROVED, **kwargs)


def test_bank_report_and_export_agree_on_a_project_in_a_year_without_its_own_rate(
    world: World, rates: None
) -> None:
    # Before: the bank took the latest rate overall (2026), the report the latest before the
    # report year: the same project had two SEK amounts.
    _approved(world, title="Europrojekt", currency="EUR", phase=Project.Phase.ONGOING,
              start_date=datetime.date(2025, 3, 1), end_date=datetime.date(2026, 6, 30),
              grant_amount=1000, own_contribution=0, budget_total=2000)  # fmt: skip
    assert selectors.bank_figures(Project.objects.all())["grant"] == 11250
    figures = report_context(year=2026)["chapter_data"]["summary"]["figures"]
    assert figures["grant_sek"] == Decimal("11250")
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(reverse("projects:export-xlsx"))
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index("Beviljat bidrag i kronor")] in (11250, "11250")


def test_bank_and_report_show_the_missing_rate_instead_of_zero(world: World) -> None:
    _approved(world, title="Norskt projekt", currency="NOK", phase=Project.Phase.ONGOING,
              start_date=datetime.date(2026, 3, 1), end_date=datetime.date(2026, 6, 30),
              grant_amount=1000, own_contribution=0, budget_total=2000)  # fmt: skip
    _approved(world, title="Kronprojekt", phase=Project.Phase.ONGOING, grant_amount=500,
              own_contribution=100, start_date=datetime.date(2026, 1, 1))  # fmt: skip
    client = Client()
    client.force_login(world.coordinator)
    html = client.get(reverse("projects:list")).content.decode().replace("\xa0", " ")
    assert "500 kr" in html
    assert "1 belopp utan växelkurs är inte medräknat (kurs saknas för NOK 2026)" in html
    figures = report_context(year=2026)["chapter_data"]["summary"]["figures"]
    assert figures["grant_sek"] == 500
    assert "kurs saknas för NOK 2026" in figures["sek_note"]
    assert selectors.missing_rates() == ["kurs saknas för NOK 2026"]
