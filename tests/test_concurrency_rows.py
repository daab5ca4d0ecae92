"""Two people, one project, its related rows (issue 21): indicators merge per row and field,
partners and focus areas merge per member. Played through the edit page like a browser."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from intl_portal.organisation.models import Role, User
from projects.models import Indicator, Project
from tests import factories
from tests.concurrency_forms import as_post, form_data
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world: World) -> Project:
    project = factories.ProjectFactory(department=world.own_department)
    for description, target in (("Elever på utbyte", "40"), ("Lärare på studiebesök", "6")):
        Indicator.objects.create(
            project=project, description=description, unit="personer", target=Decimal(target)
        )
    return project


@pytest.fixture
def people(world: World) -> tuple[Client, Client]:
    clients = []
    for username, first, last in (("anna", "Anna", "Berg"), ("bo", "Bo", "Ek")):
        user: User = factories.UserFactory(
            username=username, first_name=first, last_name=last, role=Role.COORDINATOR
        )
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients[0], clients[1]


def _open(client: Client, project: Project) -> dict[str, list[str]]:
    response = client.get(reverse("projects:edit", args=[project.pk]))
    assert response.status_code == 200
    return form_data(response.content.decode())


def _row(form: dict[str, list[str]], description: str) -> int:
    for index in range(int(form["indicators-TOTAL_FORMS"][0])):
        if form.get(f"indicators-{index}-description") == [description]:
            return index
    raise AssertionError(f"no indicator row {description!r} on the page")


def _post(client: Client, project: Project, form: dict[str, Any], **values: str) -> Any:
    changed = {
        name: ([value] if isinstance(value, str) else value) for name, value in values.items()
    }
    return client.post(reverse("projects:edit", args=[project.pk]), as_post({**form, **changed}))


def _targets(project: Project) -> dict[str, Decimal | None]:
    return {i.description: i.target for i in project.indicators.all()}


def test_different_indicators_changed_by_two_people_are_both_kept(
    project: Project, people: tuple[Client, Client]
) -> None:
    anna, bo = people
    form_a, form_b = _open(anna, project), _open(bo, project)
    pupils, teachers = _row(form_a, "Elever på utbyte"), _row(form_b, "Lärare på studiebesök")

    first = _post(anna, project, form_a, **{f"indicators-{pupils}-target": "45"})
    second = _post(bo, project, form_b, **{f"indicators-{teachers}-target": "8"})

    assert first.status_code == 302 and second.status_code == 302
    assert _targets(project) == {"Elever på utbyte": Decimal(45), "Lärare på studiebesök": 8}
    told = [str(m) for m in bo.get(second.url).context["messages"]]
    assert any("Anna Berg ändrade andra fält" in m for m in told), told


def test_two_fields_of_one_indicator_changed_by_two_people_are_both_kept(
    project: Project, people: tuple[Client, Client]
) -> None:
    anna, bo = people
    form_a, form_b = _open(anna, project), _open(bo, project)
    row = _row(form_a, "Elever på utbyte")

    _post(anna, project, form_a, **{f"indicators-{row}-target": "45"})
    second = _post(bo, project, form_b, **{f"indicators-{row}-outcome": "12"})

    assert second.status_code == 302
    indicator = project.indicators.get(description="Elever på utbyte")
    assert (indicator.target, indicator.outcome) == (Decimal(45), Decimal(12))


def test_the_same_field_of_the_same_indicator_is_a_conflict(
    project: Project, people: tuple[Client, Client]
) -> None:
    anna, bo = people
    form_a, form_b = _open(anna, project), _open(bo, project)
    row = _row(form_a, "Elever på utbyte")

    _post(anna, project, form_a, **{f"indicators-{row}-target": "45"})
    clash = _post(bo, project, form_b, **{f"indicators-{row}-target": "50"})

    assert clash.status_code == 409
    page = clash.content.decode()
    assert "Anna Berg" in page and "45" in page and "50" in page
    assert _targets(project)["Elever på utbyte"] == Decimal(45)


def test_a_row_added_and_another_changed_are_both_kept(
    project: Project, people: tuple[Client, Client]
) -> None:
    anna, bo = people
    form_a, form_b = _open(anna, project), _open(bo, project)
    total = int(form_a["indicators-TOTAL_FORMS"][0])
    new_row = {
        "indicators-TOTAL_FORMS": str(total + 1),
        f"indicators-{total}-description": "Unga i utbyte",
        f"indicators-{total}-unit": "personer",
        f"indicators-{total}-target": "20",
    }
    _post(anna, project, form_a, **new_row)
    second = _post(
        bo, project, form_b, **{f"indicators-{_row(form_b, 'Elever på utbyte')}-target": "41"}
    )

    assert second.status_code == 302
    assert _targets(project) == {
        "Elever på utbyte": Decimal(41),
        "Lärare på studiebesök": Decimal(6),
        "Unga i utbyte": Decimal(20),
    }


def test_partners_added_by_two_people_are_both_kept(
    project: Project, people: tuple[Client, Client]
) -> None:
    riga, tartu = factories.PartnerFactory(name="Riga"), factories.PartnerFactory(name="Tartu")
    anna, bo = people
    form_a, form_b = _open(anna, project), _open(bo, project)

    _post(anna, project, form_a, partners=[*form_a.get("partners", []), str(riga.pk)])
    second = _post(bo, project, form_b, partners=[*form_b.get("partners", []), str(tartu.pk)])

    assert second.status_code == 302
    assert set(project.partners.values_list("name", flat=True)) >= {"Riga", "Tartu"}
