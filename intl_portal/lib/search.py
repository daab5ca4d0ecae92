"""Text search shared by every app's search module.

On PostgreSQL: full-text search with the Swedish configuration, plus trigram word similarity
on each kind's name so that a misspelling ("Ringstedt") still finds "Ringsted"; both backed
by indexes (portal/search/migrations). On SQLite, the embedded default, every word must
occur somewhere in the fields (case-insensitive). An exact name always ranks first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Model, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

M = TypeVar("M", bound=Model)

MAX_QUERY_LENGTH = 200
CONFIG = "swedish"


def clean_query(raw: str | None) -> str:
    """The query as searched: control characters dropped (PostgreSQL refuses NUL in text),
    whitespace collapsed, at most MAX_QUERY_LENGTH characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in (raw or ""))
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query) if len(w) >= 2][:10]


def search_vector(*fields: str) -> SearchVector:
    """The document of a kind; the indexes are built from the very same expression."""
    return SearchVector(*fields, config=CONFIG)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def match(
    qs: QuerySet[M],
    *,
    query: str,
    fields: Sequence[str],
    name: str,
    also: Q | None = None,
) -> QuerySet[M]:
    """Rows of `qs` matching `query`, best first, annotated with `search_rank`.

    `fields` make the document; `name` is the field a misspelling is forgiven in and an exact
    match ranks first by; `also` adds rows matched another way (a project by its partners).
    """
    exact = Case(
        When(**{f"{name}__iexact": query}, then=Value(10.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    extra = also if also is not None else Q(pk__in=[])
    if is_postgres():
        tsquery = SearchQuery(query, config=CONFIG, search_type="websearch")
        found = (
            # An alias, not an annotation: only the filter and the rank read the document.
            qs.alias(search_document=search_vector(*fields))
            .filter(
                Q(search_document=tsquery) | Q(**{f"{name}__trigram_word_similar": query}) | extra
            )
            .annotate(
                search_rank=exact
                + SearchRank(F("search_document"), tsquery)
                + TrigramWordSimilarity(query, name)
            )
        )
    else:
        condition = Q()
        for word in words(query) or [query]:
            any_field = Q()
            for field in fields:
                any_field |= Q(**{f"{field}__icontains": word})
            condition &= any_field
        starts = Case(
            When(**{f"{name}__istartswith": query}, then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        found = qs.filter(condition | extra).annotate(search_rank=exact + starts)
    return found.order_by("-search_rank", "pk")


def highlight(text: Any, query: str, *, length: int = 0) -> SafeString:
    """`text` escaped, the query's words marked; with `length`, a snippet around the first."""
    text = str(text or "")
    patterns = []
    for word in words(query):
        # A long word also marks words that start like it ("Ringstedt" marks "Ringsted").
        stem = word if len(word) < 6 else word[: max(5, len(word) - 2)]
        patterns.append(re.escape(stem) + r"\w*")
    spans: list[tuple[int, int]] = []
    if patterns:
        regex = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + ")", re.IGNORECASE)
        spans = [m.span() for m in regex.finditer(text)]
    start, end = 0, len(text)
    if length and len(text) > length:
        first = spans[0][0] if spans else 0
        start = max(0, first - length // 3)
        end = min(len(text), start + length)
    out: list[str] = []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        left, right = max(span_start, start), min(span_end, end)
        out.append(escape(text[position:left]))
        out.append(f"<mark>{escape(text[left:right])}</mark>")
        position = right
    out.append(escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece is escaped
