"""Lists to CSV and Excel, and Excel sheets back to rows, safely.

Both exports are for spreadsheet users (Swedish Excel, LibreOffice):

* XLSX: every cell is typed. Text is written as a text cell, so "=SUM(A1)" or "-Østfold"
  reads exactly as typed and never runs: no apostrophe is added. Numbers and dates are
  numbers and dates; an empty value is a blank cell. The header row is frozen, has an
  auto-filter, and columns get widths from their content.
* CSV: semicolons and a BOM, as Swedish Excel opens a file with a double click. A CSV cell has
  no type, so a text that a spreadsheet would read as a formula (it starts with =, +, -, @,
  a tab or a carriage return, OWASP's list) gets a leading apostrophe; a number such as -5
  is left alone, it cannot run. Empty values are empty fields.

Open data (comma-separated, exactly as stored) is written by intl_portal.lib.opendata.

The imports read sheets back here too: an Excel sheet or a CSV file as rows keyed by the
lower-cased header, and a cell as text, date, number, yes/no or choice, the same way in every
import.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_IMPORT_ROWS = 5000
CSV_DELIMITERS = (";", ",", "\t")
# A plain number, possibly signed, with a decimal comma or point: cannot run as a formula.
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE_ROWS = 500


def cell_value(value: Any) -> Any:
    """The typed value of a cell: None for empty, ja/nej for booleans, text as str."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    return str(value)


def neutralise(value: Any) -> Any:
    """A CSV cell that no spreadsheet will evaluate as a formula (OWASP CSV injection)."""
    value = cell_value(value)
    if value is None:
        return ""
    could_run = isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
    if could_run and not _PLAIN_NUMBER.match(value):
        return f"'{value}"
    return value


def _attachment(response: HttpResponse, filename: str, extension: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A UTF-8 CSV with BOM and semicolons, as Swedish Excel expects."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return _attachment(response, filename, "csv")


def _display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, Decimal | float):
        return len(f"{value:,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(headers: Sequence[Any], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Widths from the header and the first rows' content, between 8 and 60 characters."""
    widths = [_display_width(h) + 2 for h in headers]
    for row in rows[:WIDTH_SAMPLE_ROWS]:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _display_width(value) + 1)
    return [float(min(max(w, MIN_WIDTH), MAX_WIDTH)) for w in widths]


def _typed_cell(sheet: Worksheet, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text, even "=…" (openpyxl would make it a formula)
    elif isinstance(value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_workbook(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet: a frozen, filterable header row over typed cells."""
    table = [[cell_value(v) for v in row] for row in rows]
    header = [str(h) for h in headers]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    for index, width in enumerate(column_widths(header, table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    last_column = get_column_letter(max(len(header), 1))
    sheet.auto_filter.ref = f"A1:{last_column}{len(table) + 1}"
    sheet.append([_typed_cell(sheet, h, bold=True) for h in header])
    for row in table:
        sheet.append([_typed_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = re.sub(r"[\\/*?:\[\]]", " ", str(title)).strip()
    return cleaned[:31] or "Export"


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    body = xlsx_workbook(filename, headers, rows)
    return _attachment(HttpResponse(body, content_type=XLSX_CONTENT_TYPE), filename, "xlsx")


class SheetError(ValueError):
    """The uploaded file is not a readable Excel sheet (message is for the user)."""


def read_xlsx(uploaded: Any, *, max_rows: int = MAX_IMPORT_ROWS) -> list[dict[str, Any]]:
    """The first sheet's rows as dicts keyed by the header row (lower-cased, stripped)."""
    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError("Filen kunde inte läsas som ett Excel-ark (.xlsx).") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header or not any(header):
        raise SheetError("Arket saknar rubrikrad.")
    keys = [str(h or "").strip().lower() for h in header]
    result: list[dict[str, Any]] = []
    for values in rows:
        if len(result) >= max_rows:
            raise SheetError(f"Arket har fler än {max_rows} rader.")
        if values is None or all(v in (None, "") for v in values):
            continue
        result.append({k: v for k, v in zip(keys, values, strict=False) if k})
    workbook.close()
    return result


def read_csv(content: bytes, *, max_rows: int = MAX_IMPORT_ROWS) -> list[dict[str, Any]]:
    """A CSV file's rows as dicts keyed by the header row (lower-cased, stripped).

    UTF-8 (with or without BOM) or Windows-1252, as Swedish Excel saves it; separated by
    semicolons, commas or tabs, whichever the header row uses most."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first_line = text.partition("\n")[0]
    delimiter = max(CSV_DELIMITERS, key=first_line.count)  # the first of equals: ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise SheetError(_("Filen saknar rubrikrad."))
    keys = [h.strip().lower() for h in header]
    rows: list[dict[str, Any]] = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        if len(rows) >= max_rows:
            raise SheetError(_("Filen har fler än %(n)s rader.") % {"n": max_rows})
        rows.append({k: v for k, v in zip(keys, values, strict=False) if k})
    return rows


# --- Cells as the imports read them -----------------------------------------------------------

YES = frozenset({"ja", "j", "yes", "true", "1", "x"})
NO = frozenset({"nej", "n", "no", "false", "0"})


def cell_text(value: Any) -> str:
    """A cell as text, exactly as typed: a formula-looking text is kept as text, never run."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_date(value: Any) -> str:
    """A date cell as ISO text; a typed text as it is, for the form to judge."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return cell_text(value)


def cell_number(value: Any, *, percent: bool = False) -> str:
    """1 500 000 and 1500000,00 (and 80 % where `percent`) as the form reads numbers."""
    text = cell_text(value).replace("\u00a0", "").replace(" ", "")
    if percent:
        text = text.rstrip("%")
    return text.replace(",", ".")


def cell_yes_no(value: Any) -> bool | None:
    """ja/nej (or yes/no, 1/0, x) as a boolean, None for an empty cell; ValueError otherwise."""
    if value is True or value is False:
        return bool(value)
    text = cell_text(value).lower()
    if not text:
        return None
    if text in YES or text in NO:
        return text in YES
    raise ValueError(text)


def cell_choice(
    value: str, choices: Iterable[tuple[Any, Any]], aliases: Mapping[str, str] | None = None
) -> str | None:
    """A choice by code, or by its label in Swedish (the sheet's language) or the UI's."""
    wanted = value.lower()
    for code, label in choices:
        with translation.override("sv"):
            swedish = str(label).lower()
        if wanted in {str(code).lower(), str(label).lower(), swedish}:
            return str(code)
    return (aliases or {}).get(wanted)
