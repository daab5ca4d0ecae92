"""Word's own parts for the annual report's Word copy (python-docx): the document language,
fields (page numbers, table of contents), captioned tables whose header row repeats on every
page, pictures with alternative text, charts with their values, and the page footer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from docx.table import Table

from intl_portal.lib.chart_png import bar_chart_png
from intl_portal.lib.formats import number

ACCENT = RGBColor(0x0B, 0x3D, 0x6B)
Row = Sequence[str]


def language_tag() -> str:
    return "en-GB" if (get_language() or "sv").startswith("en") else "sv-SE"


def set_language(document: Any, tag: str) -> None:
    """The document's proofing language, on the default run properties of every style."""
    for style in document.styles:
        element = style.element
        rpr = element.get_or_add_rPr() if hasattr(element, "get_or_add_rPr") else None
        if rpr is None:
            continue
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)


def field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) that Word and LibreOffice fill in."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for part in (begin, text, separate, placeholder, end):
        run._r.append(part)


def repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def table(
    document: Any,
    *,
    caption: str,
    header: Row,
    rows: Sequence[Row],
    numeric: Sequence[int] = (),
    widths_mm: Sequence[float] = (),
) -> Table | None:
    """A captioned table with a repeating header row; None (and a sentence) when empty."""
    paragraph = document.add_paragraph(caption, style="Caption")
    paragraph.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for index, text in enumerate(header):
        cell = table.rows[0].cells[index]
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        if index in numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for index, text in enumerate(values):
            cells[index].text = text
            if index in numeric:
                cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for index, width in enumerate(widths_mm):
        for row in table.rows:
            row.cells[index].width = Mm(width)
    document.add_paragraph()
    return table


def picture_alt(inline_shape: Any, *, title: str, description: str) -> None:
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("title", title)
    doc_pr.set("descr", description)


def picture(document: Any, png: bytes, *, title: str, description: str) -> None:
    """A picture across the text width, with its title and description as alternative text."""
    inline = document.add_picture(io.BytesIO(png), width=Mm(165))
    picture_alt(inline, title=title, description=description)


def chart(document: Any, chart: dict[str, Any]) -> None:
    document.add_heading(str(chart["title"]), level=2)
    if not chart["bars"]:
        document.add_paragraph(_("Inga uppgifter för året."))
        return
    png = bar_chart_png(
        bars=chart["bars"], unit=str(chart["unit"]), formatter=chart["formatter"] or number
    )
    picture = document.add_picture(io.BytesIO(png), width=Mm(165))
    picture_alt(picture, title=str(chart["title"]), description=chart["alt"])
    document.add_paragraph(_("Värden:") + f" {chart['values_text']}")


def footer(section: Any, context: dict[str, Any]) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.text = f"{context['municipality'].name} · {context['title']} · "
    label = _("Sida %(page)s av %(pages)s")
    before, _sep, rest = label.partition("%(page)s")
    middle, _sep, after = rest.partition("%(pages)s")
    paragraph.add_run(before)
    field(paragraph, "PAGE")
    paragraph.add_run(middle)
    field(paragraph, "NUMPAGES")
    if after:
        paragraph.add_run(after)
