"""Issue 15: a silent department never blocks the year; counts in proper plural forms."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from actionplans.models import FollowUpPart, FollowUpRound
from actionplans.services import followup
from reports.document import report_context
from tests.actionplans.test_followup import _open, _report
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _accept_own(world: World, followup_round: FollowUpRound) -> FollowUpPart:
    own = followup_round.parts.get(department=world.own_department)
    _report(world.contact, followup_round.plan.goals.get(department=world.own_department))
    followup.followup_part_mark_ready(user=world.contact, part=own)
    return followup.followup_part_accept(user=world.coordinator, part=own)


def test_a_round_closes_with_a_silent_department_recorded_as_not_reported(
    world: World,
) -> None:
    followup_round = _open(world)
    _accept_own(world, followup_round)

    # Before: no way to close ("1 förvaltningar är inte godkända ännu").
    with pytest.raises(ValidationError) as refused:
        followup.followup_round_close(user=world.coordinator, followup_round=followup_round)
    assert refused.value.messages[0].startswith("1 förvaltning är inte godkänd ännu.")

    closed = followup.followup_round_close(
        user=world.coordinator,
        followup_round=followup_round,
        unreported_reason="Ingen kontaktperson under hösten.",
    )

    assert closed.status == FollowUpRound.Status.CLOSED
    silent = followup_round.parts.get(department=world.other_department)
    assert silent.status == FollowUpPart.Status.NOT_REPORTED
    assert silent.not_reported_reason == "Ingen kontaktperson under hösten."
    assert followup_round.parts.get(department=world.own_department).status == (
        FollowUpPart.Status.ACCEPTED
    )
    data = report_context(year=followup_round.plan.year)["chapter_data"]["plan"]
    assert [part.department for part in data["unreported"]] == [world.other_department]


def test_the_board_offers_the_reason_and_the_report_shows_ej_rapporterat(world: World) -> None:
    followup_round = _open(world)
    _accept_own(world, followup_round)
    client = Client()
    client.force_login(world.coordinator)
    year = followup_round.plan.year

    board = client.get(reverse("actionplans:board", args=[year])).content.decode()
    assert "1 förvaltning är inte godkänd." in board
    assert 'name="unreported_reason"' in board
    client.post(
        reverse("actionplans:round-close", args=[year]),
        {"unreported_reason": "Ingen kontaktperson under hösten."},
    )
    followup_round.refresh_from_db()
    assert followup_round.status == FollowUpRound.Status.CLOSED

    html = render_to_string("reports/_sections.html", report_context(year=year))
    assert "ej rapporterat – Ingen kontaktperson under hösten." in html
    assert str(world.other_department) in html


def test_counts_use_plural_forms_in_both_languages(world: World) -> None:
    followup_round = _open(world)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        followup.followup_round_close(user=world.coordinator, followup_round=followup_round)
    assert refused.value.messages[0].startswith("2 departments have not been approved yet.")
