"""Score calls against the keywords of focus areas and of the current plan's goals.

PostgreSQL: full-text search ('simple' configuration, prefix lexemes, so that "ungdom"
finds "ungdomsutbyte" and "youth" finds "youths") over an expression GIN index on the call's
searchable text. Other databases: a plain lower-case match of every word's parts. The scores
are stored (CallHit, CallScore) so that the radar page only reads and sorts them.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from actionplans import selectors as plan_selectors
from intl_portal.organisation.models import Department, FocusArea
from projects import selectors as project_selectors

from .models import Call, CallHit, CallScore, CallText, MatchKeywords

PROGRAMME_POINTS = 3  # the department has worked with the call's programme before
TOKEN = re.compile(r"[0-9a-zåäöæøéüß]+")


@dataclass
class Profile:
    """The keywords of one focus area or one goal."""

    words: list[str]
    focus_area_id: int | None = None
    goal_id: int | None = None
    department_id: int | None = None  # a goal's department; None for areas and shared goals


@dataclass
class Match:
    hits: dict[tuple[int | None, int | None], list[str]] = field(default_factory=dict)


def call_document(call: Call) -> str:
    """The text a call is searched by: title, identifier, summary, themes, applicants."""
    parts = [call.title, call.identifier, call.summary, call.themes, call.eligible_applicants]
    return " ".join(p for p in parts if p).lower()


def tokens(word: str) -> list[str]:
    return TOKEN.findall(word.lower())


def profiles(*, year: int | None = None) -> list[Profile]:
    year = year or timezone.localdate().year
    keywords = {
        (k.focus_area_id, k.goal_id): k.words
        for k in MatchKeywords.objects.only("focus_area_id", "goal_id", "words_sv", "words_en")
    }
    found = [
        Profile(words=keywords.get((pk, None), []), focus_area_id=pk)
        for pk in FocusArea.objects.filter(is_active=True).values_list("pk", flat=True)
    ]
    for goal in plan_selectors.current_plan_goals(year=year):
        found.append(
            Profile(
                words=keywords.get((None, goal.pk), []),
                focus_area_id=goal.focus_area_id,
                goal_id=goal.pk,
                department_id=goal.department_id,
            )
        )
    return [p for p in found if p.words]


def _calls_with(word: str, call_ids: list[int] | None) -> set[int]:
    parts = tokens(word)
    if not parts:
        return set()
    if connection.vendor == "postgresql":
        query = " & ".join(f"{p}:*" for p in parts)
        sql = (
            "SELECT call_id FROM funding_calltext "
            "WHERE to_tsvector('simple', document) @@ to_tsquery('simple', %s)"
        )
        params: list[Any] = [query]
        if call_ids is not None:
            sql += " AND call_id = ANY(%s)"
            params.append(call_ids)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}
    texts = CallText.objects.all()
    if call_ids is not None:
        texts = texts.filter(call_id__in=call_ids)
    for part in parts:
        texts = texts.filter(document__contains=part)
    return set(texts.values_list("call_id", flat=True))


def _hits(
    all_profiles: list[Profile], call_ids: list[int] | None
) -> dict[int, list[tuple[Profile, list[str]]]]:
    """For every call: each profile it matched, with the words that matched."""
    cache: dict[str, set[int]] = {}
    by_call: dict[int, list[tuple[Profile, list[str]]]] = defaultdict(list)
    for profile in all_profiles:
        matched: dict[int, list[str]] = defaultdict(list)
        for word in profile.words:
            if word not in cache:
                cache[word] = _calls_with(word, call_ids)
            for call_id in cache[word]:
                matched[call_id].append(word)
        for call_id, words in matched.items():
            by_call[call_id].append((profile, words))
    return by_call


def _score(
    hits: Iterable[tuple[Profile, list[str]]], department_id: int | None, programme_match: bool
) -> tuple[int, list[str]]:
    score = 0
    words: dict[str, None] = {}
    for profile, matched in hits:
        if department_id is not None and profile.department_id not in (None, department_id):
            continue  # another department's goal
        score += len(matched)
        words.update(dict.fromkeys(matched))
    if programme_match:
        score += PROGRAMME_POINTS
    return score, list(words)


@transaction.atomic
def calls_rematch(*, call_ids: list[int] | None = None) -> int:
    """Recompute the hits and scores of these calls (all calls when None). Returns the count."""
    calls = Call.objects.all() if call_ids is None else Call.objects.filter(pk__in=call_ids)
    programme_of = {}
    closes_of = {}
    for pk, programme_id, closes_on in calls.values_list("pk", "programme_id", "closes_on"):
        programme_of[pk] = programme_id
        closes_of[pk] = closes_on
    ids = list(programme_of)
    all_profiles = profiles()
    by_call = _hits(all_profiles, None if call_ids is None else ids)
    worked_with = project_selectors.department_programmes()
    departments = list(Department.objects.values_list("pk", flat=True))
    any_department = set().union(*worked_with.values()) if worked_with else set()

    CallHit.objects.filter(call_id__in=ids).delete()
    CallScore.objects.filter(call_id__in=ids).delete()
    new_hits = []
    new_scores = []
    for call_id, programme_id in programme_of.items():
        hits = by_call.get(call_id, [])
        for profile, words in hits:
            new_hits.append(
                CallHit(
                    call_id=call_id,
                    focus_area_id=profile.focus_area_id,
                    goal_id=profile.goal_id,
                    words=words,
                )
            )
        for department_id in [None, *departments]:
            programmes = (
                any_department if department_id is None else worked_with.get(department_id, set())
            )
            programme_match = programme_id is not None and programme_id in programmes
            score, words = _score(hits, department_id, programme_match)
            new_scores.append(
                CallScore(
                    call_id=call_id,
                    department_id=department_id,
                    score=score,
                    words=words,
                    programme_match=programme_match,
                    deadline_key=closes_of[call_id] or datetime.date.max,
                    department_key=department_id or 0,
                )
            )
    CallHit.objects.bulk_create(new_hits, batch_size=2000)
    CallScore.objects.bulk_create(new_scores, batch_size=2000)
    return len(ids)


def call_text_refresh(call: Call) -> None:
    """Rewrite the call's searchable text (called by the services after every save)."""
    CallText.objects.update_or_create(call=call, defaults={"document": call_document(call)})
