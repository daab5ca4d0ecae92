"""The UN's 17 Sustainable Development Goals (Agenda 2030) with their official names.

Swedish names as the UN Association of Sweden and the government publish them (globalamalen.se),
English names as the UN publishes them. The table is filled by a data migration; `sdgs_ensure`
puts the rows back where a database was emptied (a test's flush, a demo on a fresh database).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .models import SustainableDevelopmentGoal

SDGS: tuple[tuple[int, str, str], ...] = (
    (1, "Ingen fattigdom", "No poverty"),
    (2, "Ingen hunger", "Zero hunger"),
    (3, "Hälsa och välbefinnande", "Good health and well-being"),
    (4, "God utbildning för alla", "Quality education"),
    (5, "Jämställdhet", "Gender equality"),
    (6, "Rent vatten och sanitet för alla", "Clean water and sanitation"),
    (7, "Hållbar energi för alla", "Affordable and clean energy"),
    (8, "Anständiga arbetsvillkor och ekonomisk tillväxt", "Decent work and economic growth"),
    (
        9,
        "Hållbar industri, innovationer och infrastruktur",
        "Industry, innovation and infrastructure",
    ),
    (10, "Minskad ojämlikhet", "Reduced inequalities"),
    (11, "Hållbara städer och samhällen", "Sustainable cities and communities"),
    (12, "Hållbar konsumtion och produktion", "Responsible consumption and production"),
    (13, "Bekämpa klimatförändringarna", "Climate action"),
    (14, "Hav och marina resurser", "Life below water"),
    (15, "Ekosystem och biologisk mångfald", "Life on land"),
    (16, "Fredliga och inkluderande samhällen", "Peace, justice and strong institutions"),
    (17, "Genomförande och globalt partnerskap", "Partnerships for the goals"),
)


def sdgs_ensure(model: Any = None) -> None:
    """Create the goals that are missing (by number); one query when all are there.

    `model` is the migration's historical model; the real one when called from code.
    """
    model = model or SustainableDevelopmentGoal
    present = set(model.objects.values_list("number", flat=True))
    for number, name_sv, name_en in SDGS:
        if number not in present:
            model.objects.create(number=number, name_sv=name_sv, name_en=name_en)


def sdg_numbers(goals: Iterable[Any]) -> str:
    """The goals' numbers for a list or an export cell: "3, 11" (empty when none)."""
    return ", ".join(str(goal.number) for goal in sorted(goals, key=lambda goal: goal.number))
