"""Lists to CSV and Excel, and Excel sheets back to rows, safely.

Every exported cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR) is
neutralised with a leading apostrophe, so an exported partner name can never run in Excel.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_IMPORT_ROWS = 5000


def neutralise(value: Any) -> Any:
    """A cell value that no spreadsheet will evaluate as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def _safe_rows(rows: Iterable[Sequence[Any]]) -> Iterable[list[Any]]:
    for row in rows:
        yield [neutralise(cell) for cell in row]


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
    for row in _safe_rows(rows):
        writer.writerow(row)
    return _attachment(response, filename, "csv")


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=filename[:31] or "Export")
    sheet.append([neutralise(h) for h in headers])
    for row in _safe_rows(rows):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(
        HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename, "xlsx"
    )


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
    result = []
    for values in rows:
        if len(result) >= max_rows:
            raise SheetError(f"Arket har fler än {max_rows} rader.")
        if values is None or all(v in (None, "") for v in values):
            continue
        result.append({k: v for k, v in zip(keys, values, strict=False) if k})
    workbook.close()
    return result
