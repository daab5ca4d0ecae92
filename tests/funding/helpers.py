"""Shared builders for the funding tests."""

from __future__ import annotations

import datetime
from typing import Any

from funding import services
from funding.models import Call
from tests import factories


def make_call(**overrides: Any) -> Call:
    data: dict[str, Any] = {
        "programme": factories.FundingProgrammeFactory(name="Erasmus+"),
        "identifier": "KA152-YOU-2027",
        "title": "Ungdomsutbyten (KA152)",
        "summary": "Youth exchanges: groups of young people learn together.",
        "source": Call.Source.UHR,
        "opening_date": datetime.date(2026, 11, 1),
        "deadline": datetime.date(2027, 2, 19),
        "currency": "EUR",
        "grant_max": 60000,
        "cofinancing_rate": 100,
    }
    data.update(overrides)
    return services.calls_upsert(records=[data]) and Call.objects.get(
        source=data["source"], identifier=data["identifier"]
    )
