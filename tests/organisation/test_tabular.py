"""Exports for spreadsheet users, read back with openpyxl and with LibreOffice itself."""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from intl_portal.lib import tabular
from tests import factories
from tests.conftest import World

HEADERS = ["Namn", "Region", "Sedan", "Avgift", "Beslutsdatum", "Publicerad", "Anteckning"]
ROWS = [
    ["=HYPERLINK(\"http://evil\")", "-Østfold", 1995, Decimal("-12.50"), datetime.date(2020, 5, 9),
     True, ""],
    ["+46 70 123", "@Skåne", -5, None, None, False, "lång " * 30],
    ["Vanlig", "\tTabb", None, Decimal("3"), datetime.date(2021, 1, 2), None, "-5"],
]  # fmt: skip


def _xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "export.xlsx"
    path.write_bytes(tabular.xlsx_workbook("Partnerskap", HEADERS, ROWS))
    return path


def test_xlsx_text_is_text_without_apostrophes(tmp_path: Path) -> None:
    sheet = load_workbook(_xlsx(tmp_path)).active
    assert sheet["A2"].value == '=HYPERLINK("http://evil")'
    assert sheet["A2"].data_type == "s"  # a text cell: it never runs
    assert sheet["B2"].value == "-Østfold" and sheet["B3"].value == "@Skåne"
    assert sheet["A3"].value == "+46 70 123"
    assert sheet["C3"].value == -5 and sheet["C3"].data_type == "n"
    assert sheet["D2"].value == Decimal("-12.5") or sheet["D2"].value == -12.5
    assert sheet["E2"].value == datetime.datetime(2020, 5, 9) and sheet["E2"].is_date
    assert sheet["F2"].value == "ja" and sheet["F3"].value == "nej"


def test_xlsx_empty_values_are_blank_cells(tmp_path: Path) -> None:
    sheet = load_workbook(_xlsx(tmp_path)).active
    for ref in ("G2", "D3", "E3", "C4", "F4"):
        assert sheet[ref].value is None, ref
        assert sheet[ref].data_type == "n", ref  # blank, not an empty text cell


def test_xlsx_header_is_frozen_filtered_and_columns_have_widths(tmp_path: Path) -> None:
    sheet = load_workbook(_xlsx(tmp_path)).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G4"
    assert sheet["A1"].font.b
    widths = {col: sheet.column_dimensions[col].width for col in "ABCDEFG"}
    assert widths["A"] > widths["C"] >= tabular.MIN_WIDTH
    assert widths["G"] == tabular.MAX_WIDTH  # a long note is capped


def test_csv_guards_only_cells_that_could_run() -> None:
    assert tabular.neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert tabular.neutralise("-Østfold") == "'-Østfold"
    assert tabular.neutralise("@Skåne") == "'@Skåne"
    assert tabular.neutralise("\tTabb") == "'\tTabb"
    assert tabular.neutralise("-5") == "-5" and tabular.neutralise("+12,5") == "+12,5"
    assert tabular.neutralise(-5) == -5
    assert tabular.neutralise("Vanlig") == "Vanlig"
    assert tabular.neutralise(None) == "" and tabular.neutralise("") == ""


def _soffice_csv(source: Path, tmp_path: Path) -> list[list[str]]:
    """LibreOffice headless converts the file to CSV (comma, UTF-8): what a user's Calc reads."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is part of the test tools (make test-debs)"
    out = tmp_path / "out"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out),
         str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    text = (out / (source.stem + ".csv")).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.django_db
def test_libreoffice_reads_both_exports_as_the_user_sees_them(
    world: World, client: Client, tmp_path: Path
) -> None:
    factories.PartnershipFactory(partner__name="-Østfold kommun", partner__country="BR",
                                 partner__region="", since_year=1995)  # fmt: skip
    client.force_login(world.council)
    xlsx = tmp_path / "partnerskap.xlsx"
    xlsx.write_bytes(client.get(reverse("partners:partnership-export", args=["xlsx"])).content)
    sheet_csv = tmp_path / "partnerskap-csv.csv"
    sheet_csv.write_bytes(client.get(reverse("partners:partnership-export", args=["csv"])).content)

    from_xlsx = _soffice_csv(xlsx, tmp_path)
    header, row = from_xlsx[0], from_xlsx[1]
    assert row[header.index("Partner")] == "-Østfold kommun"  # text as typed, no apostrophe
    assert row[header.index("Land")] == "Brasilien"
    assert row[header.index("Region")] == ""
    assert row[header.index("Sedan")] == "1995"

    raw = sheet_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]
    # Calc reads the semicolon CSV the way Excel does: the guarded name shows as text.
    subprocess.run(
        [shutil.which("soffice") or "soffice",
         f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--headless", "--infilter=CSV:59,34,76,1", "--convert-to",
         "xlsx", "--outdir", str(tmp_path / "back"), str(sheet_csv)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    back = load_workbook(tmp_path / "back" / "partnerskap-csv.xlsx").active
    names = [cell.value for cell in back["A"]]
    assert names[0] == "Partner"
    assert names[1] in {"-Østfold kommun", "'-Østfold kommun"}
    assert back["A2"].data_type == "s"  # text, not a formula error


@pytest.mark.django_db
def test_country_names_follow_the_interface_language(world: World, client: Client) -> None:
    factories.PartnershipFactory(partner__name="Curitiba", partner__country="BR")
    client.force_login(world.coordinator)
    for language, expected in (("sv", "Brasilien"), ("en", "Brazil")):
        client.cookies["django_language"] = language
        response = client.get(reverse("partners:partnership-export", args=["xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet["B2"].value == expected, language
        form = client.get(reverse("partners:partner-create")).content.decode()
        assert f'<option value="BR">{expected}</option>' in form, language


def test_imports_read_cells_as_swedish_spreadsheets_write_them() -> None:
    assert tabular.cell_text(1995.0) == "1995" and tabular.cell_text(" =A1 ") == "=A1"
    assert tabular.cell_date(datetime.datetime(2027, 3, 5, 12)) == "2027-03-05"
    assert tabular.cell_number("1\u00a0500 000,50") == "1500000.50"
    assert tabular.cell_number("80 %", percent=True) == "80"
    assert [tabular.cell_yes_no(v) for v in ("Ja", "x", 0.0, False, "")] == [
        True, True, False, False, None,
    ]  # fmt: skip
    with pytest.raises(ValueError):
        tabular.cell_yes_no("kanske")
    kinds = [("twinning", "Vänort (vänortsavtal)"), ("link", "Utbyte")]
    assert tabular.cell_choice("UTBYTE", kinds) == "link"
    assert tabular.cell_choice("vänort", kinds, {"vänort": "twinning"}) == "twinning"
    assert tabular.cell_choice("okänd", kinds) is None


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_files_are_read_with_any_usual_separator(delimiter: str) -> None:
    text = (
        delimiter.join(["År", "Valuta", " Kurs "]) + "\r\n" + delimiter.join(["2026", "EUR", "11"])
    )
    rows = tabular.read_csv(("\ufeff" + text + "\r\n\r\n").encode())
    assert rows == [{"år": "2026", "valuta": "EUR", "kurs": "11"}]
    with pytest.raises(tabular.SheetError, match="fler än 1 rader"):
        tabular.read_csv((text + "\n" + text).encode("cp1252"), max_rows=1)
