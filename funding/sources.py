"""Reading calls: the EU Funding & Tenders Portal's search API, and saved responses of it.

The portal's public search API (SEDIA) answers POST
https://api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize=N&pageNumber=P
with multipart parts `query` (an Elasticsearch-like bool query on type, status and
frameworkProgramme), `languages` and `sort`. The answer is
{"totalResults", "pageNumber", "pageSize", "results": [{"reference", "url", "summary",
"metadata": {...}}]}, where every metadata value is a list of strings: identifier,
callIdentifier, title, callTitle, startDate, deadlineDate (one per stage), deadlineModel,
frameworkProgramme, keywords, tags, descriptionByte (HTML) and budgetOverview (a JSON string
with each action's budget per year and its min/max contribution). A sample of that shape is
tests/funding/data/sedia_sample.json.
"""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import requests
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator

logger = logging.getLogger(__name__)

TOPIC_URL = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
    "topic-details/{identifier}"
)
# Records that are calls or topics (1: call for proposals topic, 2: call, 8: cascade call).
CALL_TYPES = ("1", "2", "8")
FORTHCOMING_AND_OPEN = ("31094501", "31094502")
# The portal's frameworkProgramme codes for `--programme`, and identifier prefixes for the
# programme the call is filed under in the portal (matched by name to FundingProgramme).
FRAMEWORK_PROGRAMMES = {
    "ERASMUS": "43353764",
    "HORIZON": "43108390",
    "CERV": "43251589",
    "LIFE": "43252405",
    "CREA": "43251814",
}
PROGRAMME_NAMES = {
    "ERASMUS": "Erasmus+",
    "CERV": "CERV",
    "LIFE": "LIFE",
    "HORIZON": "Horizon Europe",
    "CREA": "Kreativa Europa",
    "ESF": "ESF+",
    "SOCPL": "ESF+",
    "INTERREG": "Interreg",
}
SUMMARY_CHARS = 1500


class SourceError(Exception):
    """The source could not be read (message is for the coordinator or the log)."""


def _first(metadata: dict[str, Any], key: str) -> str:
    value = metadata.get(key)
    if isinstance(value, list):
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()


def parse_date(value: str) -> datetime.date | None:
    """'2027-02-11T17:00:00.000+0100' (the portal's Brussels time), '2027-02-11' or epoch ms."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        stamp = int(value)
        if stamp > 10**11:
            stamp //= 1000
        return datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC).date()
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number.quantize(Decimal(1)) if number >= 0 else None


def _budget(metadata: dict[str, Any]) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Total, smallest and largest grant of the topic's actions, from budgetOverview."""
    total = Decimal(0)
    lows: list[Decimal] = []
    highs: list[Decimal] = []
    seen = False
    for raw in metadata.get("budgetOverview") or []:
        try:
            overview = json.loads(raw) if isinstance(raw, str) else raw
        except json.JSONDecodeError:
            continue
        for actions in (overview.get("budgetTopicActionMap") or {}).values():
            for action in actions or []:
                for value in (action.get("budgetYearMap") or {}).values():
                    number = _amount(value)
                    if number is not None:
                        total += number
                        seen = True
                low = _amount(action.get("minContribution"))
                high = _amount(action.get("maxContribution"))
                if low:
                    lows.append(low)
                if high:
                    highs.append(high)
    return (
        total if seen else None,
        min(lows) if lows else None,
        max(highs) if highs else None,
    )


def programme_code(identifier: str) -> str:
    return identifier.split("-", 1)[0].upper()


def record_from_portal(result: dict[str, Any]) -> dict[str, Any] | None:
    """One search result as a call record (the fields of Call), or None when it is no call."""
    metadata = result.get("metadata") or {}
    kind = _first(metadata, "type")
    if kind and kind not in CALL_TYPES:
        return None
    identifier = _first(metadata, "identifier") or _first(metadata, "callIdentifier")
    title = _first(metadata, "title") or str(result.get("summary") or "").strip()
    if not identifier or not title:
        return None
    deadlines = sorted(
        {d for d in (parse_date(str(v)) for v in metadata.get("deadlineDate") or []) if d}
    )
    two_stage = "two" in _first(metadata, "deadlineModel").lower() and len(deadlines) > 1
    description = strip_tags(_first(metadata, "descriptionByte")).replace("\xa0", " ")
    summary = " ".join(description.split()) or _first(metadata, "callTitle")
    total, grant_min, grant_max = _budget(metadata)
    themes = [
        *(str(v) for v in metadata.get("keywords") or []),
        *(str(v) for v in metadata.get("tags") or []),
    ]
    return {
        "source": "eu_portal",
        "identifier": identifier[:200],
        "title": title[:500],
        "summary": Truncator(summary).chars(SUMMARY_CHARS),
        "programme_name": PROGRAMME_NAMES.get(programme_code(identifier), ""),
        "opening_date": parse_date(_first(metadata, "startDate")),
        "deadline_model": "two_stage" if two_stage else "single",
        "deadline": deadlines[0] if deadlines else None,
        "deadline_second": deadlines[-1] if two_stage else None,
        "currency": "EUR",
        "budget_total": total,
        "grant_min": grant_min,
        "grant_max": grant_max,
        "themes": ", ".join(dict.fromkeys(t.strip() for t in themes if t.strip()))[:1000],
        "url": TOPIC_URL.format(identifier=identifier.lower()),
    }


def records_from_response(data: Any) -> list[dict[str, Any]]:
    """Every call in a saved search response (a dict with `results`, or a list of pages)."""
    pages = data if isinstance(data, list) else [data]
    records: dict[str, dict[str, Any]] = {}
    for page in pages:
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise SourceError("Filen ser inte ut som ett svar från EU-portalens sök-API.")
        for result in page["results"]:
            record = record_from_portal(result) if isinstance(result, dict) else None
            if record:  # the portal lists a topic once per language: keep the first
                records.setdefault(record["identifier"], record)
    return list(records.values())


def _query(programmes: list[str]) -> dict[str, Any]:
    must: list[dict[str, Any]] = [
        {"terms": {"type": list(CALL_TYPES)}},
        {"terms": {"status": list(FORTHCOMING_AND_OPEN)}},
    ]
    codes = [FRAMEWORK_PROGRAMMES.get(p.upper(), p) for p in programmes]
    if codes:
        must.append({"terms": {"frameworkProgramme": codes}})
    return {"bool": {"must": must}}


def fetch_pages(
    *,
    programmes: list[str],
    page_size: int = 50,
    max_pages: int = 40,
    timeout: float | None = None,
    session: requests.Session | None = None,
) -> Iterator[dict[str, Any]]:
    """Page through the portal's search API. Raises SourceError on any failure."""
    timeout = timeout or settings.FUNDING_FETCH_TIMEOUT
    http = session or requests.Session()
    files = {
        "query": (None, json.dumps(_query(programmes)), "application/json"),
        "languages": (None, json.dumps(["en"]), "application/json"),
        "sort": (None, json.dumps({"field": "deadlineDate", "order": "ASC"}), "application/json"),
    }
    for number in range(1, max_pages + 1):
        params: dict[str, Any] = {
            "apiKey": "SEDIA",
            "text": "***",
            "pageSize": page_size,
            "pageNumber": number,
        }
        try:
            response = http.post(
                settings.FUNDING_API_URL,
                params=params,
                files=files,
                timeout=(min(timeout, 10), timeout),
                headers={"Accept": "application/json"},
            )
            response.raise_for_status()
            page = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise SourceError(f"EU-portalen svarade inte ({type(exc).__name__}: {exc})") from exc
        yield page
        results = page.get("results") or []
        total = int(page.get("totalResults") or 0)
        if not results or number * page_size >= total:
            return
