"""Matching: keywords of focus areas and goals, and the departments' past programmes."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from funding import matching, selectors, services
from funding.models import Call, CallScore, MatchKeywords
from projects.models import Project
from tests import factories
from tests.conftest import World
from tests.funding.helpers import make_call

pytestmark = pytest.mark.django_db

YOUTH_AREA = "Ungdomars delaktighet och lärande"


@pytest.fixture
def youth_area(world: World) -> MatchKeywords:
    area = factories.FocusAreaFactory(name=YOUTH_AREA)
    return services.keywords_save(
        user=world.coordinator,
        focus_area_id=area.pk,
        data={
            "words_sv": "ungdom, delaktighet, lärande, utbyte",
            "words_en": "youth, young people, participation, learning, exchange",
        },
    )


def _calls() -> tuple[Call, Call]:
    youth = make_call(
        identifier="ERASMUS-YOUTH-EXCHANGE",
        title="Youth exchanges for participation and learning",
        summary="Young people from several countries meet and learn together.",
        themes="youth, non-formal learning",
    )
    hydrogen = make_call(
        identifier="HORIZON-CL5-H2",
        title="Hydrogen valleys: renewable hydrogen production and storage",
        summary="Demonstrate electrolysers and hydrogen refuelling for heavy transport.",
        themes="hydrogen, energy",
        programme=factories.FundingProgrammeFactory(name="Horizon Europe"),
    )
    return youth, hydrogen


def test_youth_exchange_ranks_above_hydrogen_for_youth_focus_area(
    world: World, youth_area: MatchKeywords
) -> None:
    youth, hydrogen = _calls()

    ranked = list(
        selectors.radar(
            sort="score", focus_area_id=None, status="all", today=datetime.date(2026, 11, 29)
        )
    )

    assert [row.call for row in ranked][:2] == [youth, hydrogen]
    top = ranked[0]
    assert top.score >= 4
    assert {"youth", "participation", "learning", "exchange"} <= set(top.words)
    assert ranked[1].score == 0 and ranked[1].words == []
    in_area = selectors.radar(focus_area_id=youth_area.focus_area_id, status="all")
    assert [row.call for row in in_area] == [youth]


def test_swedish_word_beginnings_match(world: World, youth_area: MatchKeywords) -> None:
    call = make_call(
        identifier="UHR-SV",
        title="Ungdomsutbyten för ungdomars delaktighet",
        summary="Ett lärande utbyte.",
        themes="",
    )
    score = CallScore.objects.get(call=call, department=None)
    assert {"ungdom", "delaktighet", "lärande", "utbyte"} <= set(score.words)


def test_department_goal_and_past_programme_raise_that_departments_score(
    world: World, youth_area: MatchKeywords
) -> None:
    plan = factories.ActionPlanFactory(year=datetime.date.today().year)
    goal = factories.GoalFactory(
        plan=plan, department=world.own_department, focus_area=youth_area.focus_area
    )
    services.keywords_save(
        user=world.coordinator, goal_id=goal.pk, data={"words_sv": "skola", "words_en": "school"}
    )
    factories.ProjectFactory(
        department=world.own_department,
        programme=factories.FundingProgrammeFactory(name="Erasmus+"),
        phase=Project.Phase.COMPLETED,
    )
    call = make_call(identifier="KA220-SCH", title="School partnerships", summary="", themes="")
    matching.calls_rematch()

    own = CallScore.objects.get(call=call, department=world.own_department)
    other = CallScore.objects.get(call=call, department=world.other_department)
    assert "school" in own.words and own.programme_match
    assert own.score == 1 + matching.PROGRAMME_POINTS
    assert other.score == 0 and "school" not in other.words


def test_full_text_search_is_used_on_postgresql(world: World, youth_area: MatchKeywords) -> None:
    youth, _hydrogen = _calls()
    found = matching._calls_with("young people", None)
    assert found == {youth.pk}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'calltext_fts'")
            assert "to_tsvector('simple'" in cursor.fetchone()[0]
