"""The annual report as a Word file, from the same data as the PDF (python-docx).

Council secretaries paste it into the verksamhetsberättelse, so it is built from Word's own
parts: the built-in heading styles (the navigation pane lists them), tables whose header row
repeats on every page, charts as pictures with their values as alternative text, Swedish
number and date formats (the same formatters as the PDF), the logo on the cover and page
numbers in the footer.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from intl_portal.lib.formats import long_date

from .blocks import Block, Figure, Heading, Picture, Text
from .docx_parts import (
    ACCENT,
    chart,
    field,
    footer,
    language_tag,
    picture,
    picture_alt,
    set_language,
    table,
)


def _cover(document: Any, context: dict[str, Any], logo: tuple[bytes, str] | None) -> None:
    municipality = context["municipality"]
    if logo:
        shape = document.add_picture(io.BytesIO(logo[0]), height=Mm(22))
        picture_alt(
            shape,
            title=_("%(name)ss logotyp") % {"name": municipality.name},
            description=_("%(name)ss logotyp") % {"name": municipality.name},
        )
    document.add_paragraph(str(municipality.name)).runs[0].bold = True
    document.add_heading(str(context["title"]), level=0)
    document.add_paragraph(
        _("Uppföljning av den internationella handlingsplanen för %(year)s")
        % {"year": context["year"]}
    )
    report = context.get("report")
    facts = [(_("År"), str(context["year"]))]
    if report is not None and report.version:
        facts.append((_("Status"), _("Version %(n)s") % {"n": report.version}))
    facts.append((_("Skapad"), long_date(context["generated_at"])))
    if context.get("case_number"):
        facts.append((_("Diarienummer"), str(context["case_number"])))
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_page_break()


def write_blocks(document: Any, blocks: list[Block]) -> None:
    """A chapter's plain blocks with Word's own parts."""
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(str(block.text), level=block.level)
        elif isinstance(block, Text):
            document.add_paragraph(str(block.text), style=block.style or None)
        elif isinstance(block, Figure):
            chart(document, block.chart)
        elif isinstance(block, Picture):
            picture(document, block.png, title=str(block.title), description=str(block.description))
        else:
            table(
                document,
                caption=str(block.caption),
                header=[str(h) for h in block.header],
                rows=block.rows,
                numeric=block.numeric,
                widths_mm=block.widths_mm,
            )


def build_docx(context: dict[str, Any], *, logo: tuple[bytes, str] | None = None) -> bytes:
    """The Word file for one report context (see `document.report_context`)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    styles = document.styles
    styles["Normal"].font.name = "Liberation Sans"
    styles["Normal"].font.size = Pt(10)
    for level in (1, 2):
        styles[f"Heading {level}"].font.color.rgb = ACCENT
    set_language(document, language_tag())
    core = document.core_properties
    core.title = str(context["title"])
    core.author = str(context["municipality"].name)
    core.subject = _("Uppföljning av den internationella handlingsplanen") + f" {context['year']}"
    core.language = language_tag()
    core.comments = ""

    _cover(document, context, logo)
    document.add_heading(_("Innehåll"), level=1)
    field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u')
    document.add_page_break()
    # Every chapter the same way, in the PDF's order (sections.py).
    for written in context["chapters"]:
        document.add_heading(str(written.section.title), level=1)
        write_blocks(document, written.blocks())
    footer(section, context)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


__all__ = ["build_docx"]
