"""A chapter's content as plain blocks, for the Word copy: headings, paragraphs, tables and
figures. Each chapter's Word function returns them (sections.py); word.py writes them with
Word's own parts (docx_parts.py), the same way for every chapter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Heading:
    """A heading under the chapter's own (level 2 and below)."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Text:
    text: str
    style: str = ""  # a Word paragraph style, e.g. "List Bullet"; empty for Normal


@dataclass(frozen=True)
class Table:
    """A captioned table whose header row repeats on every page."""

    caption: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric: Sequence[int] = ()  # right-aligned columns
    widths_mm: Sequence[float] = ()


@dataclass(frozen=True)
class Figure:
    """A bar chart (as the charts give it: title, bars, unit, formatter, alt, values_text)."""

    chart: dict[str, Any]


@dataclass(frozen=True)
class Picture:
    """A picture (PNG) with its title and its text alternative (the partner map)."""

    png: bytes
    title: str
    description: str


Block = Heading | Text | Table | Figure | Picture
