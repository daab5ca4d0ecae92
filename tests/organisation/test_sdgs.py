"""Agenda 2030: the 17 global goals, tags on projects, goals, activities and relationships,
the lists' filters, the exports and open data."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import translation

from intl_portal.organisation.models import SustainableDevelopmentGoal
from intl_portal.organisation.sdgs import sdgs_ensure
from partners.models import NetworkMembership, Partnership
from projects.models import Project
from tests import factories
from tests.concurrency_forms import as_post, form_data
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def sdg(db: None) -> dict[int, SustainableDevelopmentGoal]:
    """The 17 goals by number (a flushing test before this one may have emptied the table)."""
    sdgs_ensure()
    return {goal.number: goal for goal in SustainableDevelopmentGoal.objects.all()}


def test_the_seventeen_goals_carry_their_official_names() -> None:
    SustainableDevelopmentGoal.objects.all().delete()

    sdgs_ensure()

    goals = list(SustainableDevelopmentGoal.objects.all())
    assert [goal.number for goal in goals] == list(range(1, 18))
    assert str(goals[3]) == "4. God utbildning för alla"
    assert goals[12].name_sv == "Bekämpa klimatförändringarna"
    with translation.override("en"):
        assert str(goals[16]) == "17. Partnerships for the goals"


# --- Edit forms: tags are chosen with labelled checkboxes, and an unchanged save keeps them ----


def _project(world: World) -> tuple[models.Model, str]:
    project = factories.ProjectFactory(department=world.own_department)
    return project, reverse("projects:edit", args=[project.pk])


def _activity(world: World) -> tuple[models.Model, str]:
    activity = factories.ActivityFactory(department=world.own_department)
    return activity, reverse("projects:activity-edit", args=[activity.pk])


def _goal(world: World) -> tuple[models.Model, str]:
    goal = factories.GoalFactory(department=world.own_department, plan__year=2026)
    return goal, reverse("actionplans:goal-edit", args=[goal.pk])


def _partnership(world: World) -> tuple[models.Model, str]:
    partnership = factories.PartnershipFactory(department=world.own_department)
    return partnership, reverse("partners:partnership-edit", args=[partnership.pk])


def _membership(world: World) -> tuple[models.Model, str]:
    membership = factories.NetworkMembershipFactory()
    return membership, reverse("partners:membership-edit", args=[membership.pk])


RECORDS: dict[str, Callable[[World], tuple[models.Model, str]]] = {
    "project": _project,
    "activity": _activity,
    "goal": _goal,
    "partnership": _partnership,
    "membership": _membership,
}


def _numbers(record: Any) -> list[int]:
    return sorted(goal.number for goal in record.sdgs.all())


@pytest.mark.parametrize("kind", RECORDS)
def test_saving_the_edit_form_unchanged_keeps_the_tags(
    kind: str, client: Client, world: World, sdg: dict[int, SustainableDevelopmentGoal]
) -> None:
    record, url = RECORDS[kind](world)
    record.sdgs.set([sdg[4], sdg[13]])  # type: ignore[attr-defined]
    version = record.version  # type: ignore[attr-defined]
    client.force_login(world.coordinator)

    page = client.get(url).content.decode()
    response = client.post(url, as_post(form_data(page)))

    assert response.status_code == 302, response.content.decode()[:2000]
    record.refresh_from_db()
    assert _numbers(record) == [4, 13]
    assert record.version == version  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", RECORDS)
def test_the_edit_form_changes_the_tags(
    kind: str, client: Client, world: World, sdg: dict[int, SustainableDevelopmentGoal]
) -> None:
    record, url = RECORDS[kind](world)
    record.sdgs.set([sdg[4], sdg[13]])  # type: ignore[attr-defined]
    client.force_login(world.coordinator)
    page = client.get(url).content.decode()
    # Each goal is a labelled checkbox of one group named after the field.
    assert f'value="{sdg[5].pk}"' in page
    assert "5. Jämställdhet" in page
    assert "Globala mål (Agenda 2030)" in page

    data = form_data(page)
    data["sdgs"] = [str(sdg[4].pk), str(sdg[5].pk)]
    response = client.post(url, as_post(data))

    assert response.status_code == 302, response.content.decode()[:2000]
    record.refresh_from_db()
    assert _numbers(record) == [4, 5]


def test_contact_tags_a_new_project(
    client: Client, world: World, sdg: dict[int, SustainableDevelopmentGoal]
) -> None:
    client.force_login(world.contact)
    data = form_data(client.get(reverse("projects:create")).content.decode(), marker="title")
    data.update(
        title=["Unga röster"],
        programme=[str(factories.FundingProgrammeFactory().pk)],
        sdgs=[str(sdg[4].pk), str(sdg[10].pk)],
    )

    response = client.post(reverse("projects:create"), as_post(data))

    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(title="Unga röster")
    assert _numbers(project) == [4, 10]
    detail = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "4. God utbildning för alla, 10. Minskad ojämlikhet" in detail


# --- Lists: a filter per goal -----------------------------------------------------------------


def test_project_bank_filters_by_goal(
    client: Client, world: World, sdg: dict[int, SustainableDevelopmentGoal]
) -> None:
    approved = {"status": Project.Status.APPROVED, "department": world.own_department}
    climate = factories.ProjectFactory(title="Klimatsmarta skolor", **approved)
    climate.sdgs.set([sdg[13]])
    factories.ProjectFactory(title="Kulturutbyte", **approved).sdgs.set([sdg[11]])
    client.force_login(world.council)

    page = client.get(reverse("projects:list"), {"sdg": sdg[13].pk}).content.decode()

    assert "Klimatsmarta skolor" in page
    assert "Kulturutbyte" not in page
    assert '<label for="id_sdg" class="form-label">Globalt mål (Agenda 2030)</label>' in page


def test_partnership_and_network_lists_filter_by_goal(
    client: Client, world: World, sdg: dict[int, SustainableDevelopmentGoal]
) -> None:
    tagged = factories.PartnershipFactory(partner__name="Ringsted")
    tagged.sdgs.set([sdg[17]])
    factories.PartnershipFactory(partner__name="Halden")
    factories.NetworkMembershipFactory(name="Eurotowns").sdgs.set([sdg[11]])
    factories.NetworkMembershipFactory(name="SERN")
    client.force_login(world.council)

    partnerships = client.get(reverse("partners:partnership-list"), {"sdg": sdg[17].pk})
    networks = client.get(reverse("partners:membership-list"), {"sdg": sdg[11].pk})

    assert "Ringsted" in partnerships.content.decode()
    assert "Halden" not in partnerships.content.decode()
    assert "Eurotowns" in networks.content.decode()
    assert "SERN" not in networks.content.decode()


def test_an_unknown_goal_in_the_filter_is_a_400_with_a_message(
    client: Client, world: World, sdg: dict[int, SustainableDevelopmentGoal]
) -> None:
    client.force_login(world.council)

    response = client.get(reverse("partners:partnership-list"), {"sdg": "99999"})

    assert response.status_code == 400
    assert "Filtret kunde inte användas" in response.content.decode()


# --- Exports and open data --------------------------------------------------------------------


def _csv(response: Any, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a CSV response: the exports use semicolons (Swedish Excel), open data commas."""
    assert response.status_code == 200
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig")), delimiter=delimiter))


def test_exports_carry_a_column_of_goal_numbers(
    client: Client, world: World, sdg: dict[int, SustainableDevelopmentGoal]
) -> None:
    project = factories.ProjectFactory(
        title="Gröna transporter", status=Project.Status.APPROVED, department=world.own_department
    )
    project.sdgs.set([sdg[13], sdg[7], sdg[11]])
    factories.PartnershipFactory(partner__name="Ringsted").sdgs.set([sdg[17], sdg[16]])
    factories.NetworkMembershipFactory(name="Eurotowns").sdgs.set([sdg[11]])
    client.force_login(world.coordinator)

    projects = _csv(client.get(reverse("projects:export-csv")), ";")
    partnerships = _csv(client.get(reverse("partners:partnership-export", args=["csv"])), ";")
    networks = _csv(client.get(reverse("partners:membership-export", args=["csv"])), ";")

    column = "Globala mål (Agenda 2030)"
    assert [row[column] for row in projects if row["Titel"] == "Gröna transporter"] == ["7, 11, 13"]
    assert [row[column] for row in partnerships] == ["16, 17"]
    assert [row[column] for row in networks] == ["11"]


def test_open_data_lists_the_goal_numbers(
    client: Client, world: World, sdg: dict[int, SustainableDevelopmentGoal]
) -> None:
    project = factories.ProjectFactory(
        title="Unga i Europa", status=Project.Status.APPROVED, is_published=True,
        department=world.own_department,
    )  # fmt: skip
    project.sdgs.set([sdg[10], sdg[4]])
    partnership = factories.PartnershipFactory(partner__name="Ringsted", is_published=True)
    partnership.sdgs.set([sdg[17]])
    factories.NetworkMembershipFactory(name="Eurotowns")

    projects = client.get("/open/projects.json").json()
    partnerships = client.get("/open/partnerships.json").json()
    memberships = client.get("/open/memberships.json").json()
    projects_csv = _csv(client.get("/open/projects.csv"))
    schema = client.get("/open/datapackage.json").json()

    assert "sdgs" in projects["fields"]
    assert projects["records"][0]["sdgs"] == [4, 10]
    assert partnerships["records"][0]["sdgs"] == [17]
    assert memberships["records"][0]["sdgs"] == []
    assert projects_csv[0]["sdgs"] == "4; 10"
    project_schema = next(r for r in schema["resources"] if r["name"].startswith("projects"))
    column = next(f for f in project_schema["schema"]["fields"] if f["name"] == "sdgs")
    assert column["type"] == "string"
    assert "1–17" in column["description"]


def test_history_records_a_change_of_tags(
    world: World, sdg: dict[int, SustainableDevelopmentGoal]
) -> None:
    partnership: Partnership = factories.PartnershipFactory()
    membership: NetworkMembership = factories.NetworkMembershipFactory()

    partnership.sdgs.set([sdg[11]])
    membership.sdgs.set([sdg[3]])

    latest = partnership.history.latest()  # type: ignore[attr-defined]
    assert [row.sustainabledevelopmentgoal_id for row in latest.sdgs.all()] == [sdg[11].pk]
    assert membership.history.latest().sdgs.count() == 1  # type: ignore[attr-defined]


def test_the_public_project_page_names_the_projects_goals(
    world: World, client: Client, sdg: dict[int, SustainableDevelopmentGoal]
) -> None:
    project = factories.ProjectFactory(
        department=world.own_department,
        status=Project.Status.APPROVED,
        is_published=True,
        phase=Project.Phase.ONGOING,
    )
    project.sdgs.set([sdg[4], sdg[11]])

    page = client.get(reverse("public_projects:public-detail", args=[project.pk]))

    text = page.content.decode()
    assert "4. God utbildning för alla" in text
    assert "11. Hållbara städer och samhällen" in text
    assert "13. Bekämpa klimatförändringarna" not in text
