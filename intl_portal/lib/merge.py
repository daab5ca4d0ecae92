"""Three-way merges of values that are collections: related rows and sets of related records.

An edit page may edit related rows (a project's indicators: a list of mappings with an "id")
or a set of related records (a project's partners, focus areas). Two people editing such a
value at once must not clash when they touched different rows, different fields of a row,
or added and removed different members of a set. `base_of` records, when a form is opened,
enough of the value to merge later (per row and field a fingerprint; for a set its keys);
`merge` combines the person's value with the saved one against that base.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db import models

ROW_KEY = "id"
Fingerprint = Callable[[Any], str]


def _is_rows(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(
        isinstance(item, Mapping) and ROW_KEY in item for item in value
    )


def _is_set(value: Any) -> bool:
    if isinstance(value, models.QuerySet):
        return True
    return isinstance(value, (list, tuple, set, frozenset)) and all(
        isinstance(item, models.Model) for item in value
    )


def _row_key(row: Mapping[str, Any]) -> str | None:
    value = row.get(ROW_KEY)
    if value in (None, ""):
        return None
    return str(int(value)) if str(value).isdigit() else str(value)


def _key(item: Any) -> str:
    return str(item.pk if isinstance(item, models.Model) else item)


def base_of(value: Any, fingerprint: Fingerprint) -> dict[str, Any] | None:
    """What a merge later needs of the opened value; None for a plain value (compared whole)."""
    if _is_set(value) and not _is_rows(value):
        return {"set": sorted(_key(item) for item in value)}
    if _is_rows(value) and value:
        return {
            "rows": {
                _row_key(row): {name: fingerprint(v) for name, v in row.items() if name != ROW_KEY}
                for row in value
                if _row_key(row) is not None
            }
        }
    if isinstance(value, (list, tuple)) and not value:
        return {"rows": {}, "set": []}  # empty: either kind, decided by the values at merge
    return None


def _merge_set(base: list[str], mine: Any, current: Any) -> list[Any]:
    """Members as saved, minus what this person removed, plus what they added."""
    base_keys, mine_keys = set(base), {_key(item) for item in mine}
    current_items = {_key(item): item for item in current}
    removed, added = base_keys - mine_keys, mine_keys - base_keys
    mine_items = {_key(item): item for item in mine}
    kept = [item for key, item in current_items.items() if key not in removed]
    return kept + [mine_items[key] for key in sorted(added) if key not in current_items]


def _merge_row(
    base: Mapping[str, str], mine: Mapping[str, Any], current: Mapping[str, Any], fp: Fingerprint
) -> tuple[dict[str, Any], list[str]]:
    row, clash = {ROW_KEY: current.get(ROW_KEY)}, []
    for name in {*mine, *current} - {ROW_KEY}:
        opened = base.get(name)
        mine_fp, current_fp = fp(mine.get(name)), fp(current.get(name))
        if opened not in (mine_fp, current_fp) and mine_fp != current_fp:
            clash.append(name)
        row[name] = mine.get(name) if mine_fp != opened else current.get(name)
    return row, clash


def _merge_rows(
    base: Mapping[str, Mapping[str, str]], mine: Any, current: Any, fp: Fingerprint
) -> tuple[list[dict[str, Any]], bool]:
    mine_rows = {_row_key(row): row for row in mine if _row_key(row) is not None}
    merged: list[dict[str, Any]] = []
    clash = False

    def changed(row: Mapping[str, Any], opened: Mapping[str, str]) -> bool:
        return any(fp(row.get(name)) != opened.get(name) for name in opened)

    for saved in current:
        key = _row_key(saved)
        opened, typed = base.get(key or ""), mine_rows.get(key)
        if opened is None:  # added by someone else meanwhile
            merged.append(dict(saved))
        elif typed is None:  # removed by this person: fine unless the other changed it
            if changed(saved, opened):
                clash = True
                merged.append(dict(saved))
        else:
            row, fields = _merge_row(opened, typed, saved, fp)
            clash = clash or bool(fields)
            merged.append(row)
    saved_keys = {_row_key(row) for row in current}
    for key, typed in mine_rows.items():
        opened = base.get(key or "")
        if key not in saved_keys and opened is not None and changed(typed, opened):
            clash = True  # the other person removed a row this person changed
    merged += [dict(row) for row in mine if _row_key(row) is None]  # new rows of this person
    return merged, clash


def merge(base: Mapping[str, Any], mine: Any, current: Any, fp: Fingerprint) -> tuple[Any, bool]:
    """The merged value and whether the two edits clash (the same field of the same row)."""
    if "set" in base and (_is_set(mine) or _is_set(current)) and not _is_rows(current or mine):
        return _merge_set(base["set"], mine, current), False
    if "rows" in base and _is_rows(mine) and _is_rows(current):
        return _merge_rows(base["rows"], mine, current, fp)
    return mine, True
