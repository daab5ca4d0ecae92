"""The importer: the EU portal's real response shape, and the CSV/Excel template."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from funding import imports, sources
from funding.models import Call
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).parent / "data" / "sedia_sample.json"


@pytest.fixture
def programmes() -> None:
    for name in ("Erasmus+", "CERV", "LIFE", "Interreg", "Sida/ICLD"):
        factories.FundingProgrammeFactory(name=name)


def test_portal_sample_becomes_calls_with_dates_budget_and_programme(programmes: None) -> None:
    call_command("import_funding_calls", str(SAMPLE), stdout=io.StringIO())

    assert Call.objects.count() == 3  # the French copy and the news item are not calls
    youth = Call.objects.get(identifier="ERASMUS-YOUTH-2027-YOUTH-TOG")
    assert youth.programme.name == "Erasmus+"
    assert youth.source == Call.Source.EU_PORTAL
    assert youth.opening_date == datetime.date(2026, 12, 10)
    assert youth.deadline == datetime.date(2027, 3, 5)
    assert youth.deadline_model == Call.DeadlineModel.SINGLE
    assert youth.budget_total == Decimal(8000000)
    assert (youth.grant_min, youth.grant_max) == (Decimal(150000), Decimal(500000))
    assert "regional partnerships" in youth.summary and "<p>" not in youth.summary
    assert "youth participation" in youth.themes
    assert youth.url.endswith("/topic-details/erasmus-youth-2027-youth-tog")
    assert youth.cofinancing_rate is None  # the portal does not say: "uppgift saknas"
    assert youth.status_on(datetime.date(2026, 11, 29)) == "forthcoming"

    life = Call.objects.get(identifier="LIFE-2026-SAP-CLIMA-CCA")
    assert life.deadline_model == Call.DeadlineModel.TWO_STAGE
    assert (life.deadline, life.deadline_second) == (
        datetime.date(2026, 9, 23),
        datetime.date(2027, 3, 4),
    )
    assert life.closes_on == datetime.date(2027, 3, 4)
    assert life.status_on(datetime.date(2026, 11, 29)) == "open"
    town = Call.objects.get(identifier="CERV-2026-CITIZENS-TOWN-TT")
    assert town.title == "Town-Twinning"  # the English record, not the French one
    assert town.status_on(datetime.date(2026, 12, 19)) == "closed"


def test_portal_reimport_updates_and_never_duplicates(programmes: None) -> None:
    call_command("import_funding_calls", str(SAMPLE), stdout=io.StringIO())
    call = Call.objects.get(identifier="CERV-2026-CITIZENS-TOWN-TT")
    call.title = "Edited locally"
    call.save()

    out = io.StringIO()
    call_command("import_funding_calls", str(SAMPLE), stdout=out)

    assert "0 created, 3 updated" in out.getvalue()
    assert Call.objects.count() == 3
    call.refresh_from_db()
    assert call.title == "Town-Twinning"
    assert call.version == 2


def test_saved_response_that_is_no_portal_response_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"hits": []}', encoding="utf-8")
    with pytest.raises(CommandError, match="EU-portalens"):
        call_command("import_funding_calls", str(path))


def test_portal_query_carries_the_programme_filter() -> None:
    query = sources._query(["ERASMUS", "43251589"])
    terms = query["bool"]["must"]
    assert {"terms": {"frameworkProgramme": ["43353764", "43251589"]}} in terms
    assert {"terms": {"status": ["31094501", "31094502"]}} in terms


CSV_HEADER = ";".join(imports.COLUMNS)


def _csv(*rows: str) -> bytes:
    return ("\ufeff" + "\n".join([CSV_HEADER, *rows]) + "\n").encode()


GOOD_ROW = (
    "Sida/ICLD;ICLD-KP-2027;Kommunala partnerskap 2027;Partnerskap mellan kommuner i Sverige och "
    "i samarbetsländer;ICLD;2026-10-01;2027-02-01;;SEK;;;800 000;100;kommuner och regioner;ja;"
    "demokrati, lokal förvaltning;https://icld.se/"
)


def test_template_csv_rows_are_checked_and_bad_rows_named(world: World, programmes: None) -> None:
    bad_dates = GOOD_ROW.replace("ICLD-KP-2027", "ICLD-X").replace("2027-02-01", "2026-09-01")
    unknown = GOOD_ROW.replace("ICLD-KP-2027", "ICLD-Y").replace("Sida/ICLD", "Okänt program")
    rate = GOOD_ROW.replace("ICLD-KP-2027", "ICLD-Z").replace(";100;", ";140;")
    content = _csv(GOOD_ROW, bad_dates, unknown, rate, GOOD_ROW)

    preview = imports.calls_import_preview(
        user=world.coordinator, name="utlysningar.csv", content=content
    )

    errors = {row.number: row.errors for row in preview.rows}
    assert errors[2] == []
    assert any("före öppningsdagen" in e for e in errors[3])
    assert any("Okänt program" in e for e in errors[4])
    assert any("finansieringsgrad" in e for e in errors[5])
    assert any("två gånger" in e for e in errors[6])
    assert not preview.is_importable
    assert Call.objects.count() == 0


def test_template_csv_from_excel_in_windows_1252_or_with_tabs_is_read(
    world: World, programmes: None
) -> None:
    # Windows-1252 has bytes that decode to nothing (0x81): replaced, never a crash (500).
    cp1252 = f"{CSV_HEADER}\n{GOOD_ROW}\n".encode("cp1252")
    cp1252 = cp1252.replace(b"Partnerskap mellan", b"Partnerskap\x81 mellan")
    tabs = f"{CSV_HEADER}\n{GOOD_ROW}\n".replace(";", "\t").encode()

    for content in (cp1252, tabs):
        preview = imports.calls_import_preview(
            user=world.coordinator, name="mall.csv", content=content
        )
        assert preview.is_importable, [row.errors for row in preview.rows]
        assert preview.rows[0].values["themes"] == "demokrati, lokal förvaltning"


def test_template_csv_imports_and_reimport_updates(world: World, programmes: None) -> None:
    preview = imports.calls_import_preview(
        user=world.coordinator, name="mall.csv", content=_csv(GOOD_ROW)
    )
    assert preview.is_importable
    result = imports.calls_import_commit(user=world.coordinator, token=preview.token)
    assert (result.created, result.updated) == (1, 0)
    call = Call.objects.get(identifier="ICLD-KP-2027")
    assert call.grant_max == Decimal(800000)
    assert call.cofinancing_rate == Decimal(100)
    assert call.partners_abroad_required is True
    assert call.programme.name == "Sida/ICLD"

    changed = GOOD_ROW.replace("2027-02-01", "2027-02-15")
    preview = imports.calls_import_preview(
        user=world.coordinator, name="mall.csv", content=_csv(changed)
    )
    assert preview.update_count == 1
    result = imports.calls_import_commit(user=world.coordinator, token=preview.token)
    assert (result.created, result.updated) == (0, 1)
    assert Call.objects.count() == 1
    call.refresh_from_db()
    assert call.deadline == datetime.date(2027, 2, 15)


def test_template_excel_reads_like_csv(world: World, programmes: None) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(list(imports.COLUMNS))
    sheet.append(
        [
            "Erasmus+", "KA220-SCH-2027", "Samarbetspartnerskap skola", "", "UHR",
            datetime.date(2026, 11, 1), datetime.date(2027, 3, 5), None, "EUR", None, 120000,
            400000, 80, "skolor", "ja", "skola, school", "https://www.utbyten.se/",
        ]
    )  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)

    preview = imports.calls_import_preview(
        user=world.coordinator, name="mall.xlsx", content=buffer.getvalue()
    )

    assert [row.errors for row in preview.rows] == [[]]
    imports.calls_import_commit(user=world.coordinator, token=preview.token)
    assert Call.objects.get(identifier="KA220-SCH-2027").grant_min == Decimal(120000)


def test_command_imports_good_rows_and_reports_bad_ones(tmp_path: Path, programmes: None) -> None:
    path = tmp_path / "mall.csv"
    path.write_bytes(
        _csv(GOOD_ROW, GOOD_ROW.replace("ICLD-KP-2027", "X").replace("ja;", "kanske;"))
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 rows had errors"):
        call_command("import_funding_calls", str(path), stdout=io.StringIO(), stderr=err)
    assert "row 3" in err.getvalue() and "partner i andra länder" in err.getvalue()
    assert list(Call.objects.values_list("identifier", flat=True)) == ["ICLD-KP-2027"]


def test_contact_may_not_import(world: World) -> None:
    with pytest.raises(PermissionDenied):
        imports.calls_import_preview(user=world.contact, name="a.csv", content=_csv(GOOD_ROW))
