"""The outcome page of a goal without an outcome, saved as it was opened (issue 15's round trip):
nothing is recorded and nothing is refused; anything typed is still checked."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from actionplans.models import ActionPlan, GoalOutcome
from tests import factories
from tests.concurrency_forms import as_post, form_data
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _page(world: World) -> tuple[Client, str]:
    goal = factories.GoalFactory(
        department=world.own_department, plan__status=ActionPlan.Status.ADOPTED
    )
    factories.FollowUpPartFactory(round__plan=goal.plan, department=world.own_department)
    client = Client()
    client.force_login(world.contact)
    return client, reverse("actionplans:goal-outcome", args=[goal.pk])


def test_an_empty_outcome_form_saved_as_opened_records_nothing(world: World) -> None:
    client, url = _page(world)
    opened = form_data(client.get(url).content.decode())

    response = client.post(url, as_post(opened), follow=True)

    assert response.redirect_chain and response.status_code == 200
    assert not GoalOutcome.objects.exists()
    told = [str(m) for m in response.context["messages"]]
    assert "Ingenting sparades: inget utfall är ifyllt." in told


def test_a_half_filled_outcome_form_is_still_refused_with_the_text_kept(world: World) -> None:
    client, url = _page(world)
    opened = form_data(client.get(url).content.decode())

    response = client.post(url, as_post({**opened, "comment": ["Halvvägs"]}))

    assert response.status_code == 400
    assert "Halvvägs" in response.content.decode()
    assert not GoalOutcome.objects.exists()
