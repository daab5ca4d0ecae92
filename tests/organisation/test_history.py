"""Coordinators see what changed, by whom and when, and restore an earlier version."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from simple_history.models import registered_models

from partners.services import partner_update
from projects.models import Project
from tests import factories
from tests.concurrency_forms import form_data
from tests.conftest import BASE_DIR, World

pytestmark = pytest.mark.django_db


def _url(obj: object, *, restore: int | None = None) -> str:
    label = obj._meta.label_lower  # type: ignore[attr-defined]
    if restore is None:
        return reverse("history", args=[label, obj.pk])  # type: ignore[attr-defined]
    return reverse("history-restore", args=[label, obj.pk, restore])  # type: ignore[attr-defined]


def _edit_title(client: Client, project: Project, title: str) -> None:
    project.title = title
    project.save()


def test_coordinator_sees_who_changed_what(client: Client, world: World) -> None:
    project = factories.ProjectFactory(title="Unga röster", department=world.own_department)
    client.force_login(world.contact)
    project._history_user = world.contact  # type: ignore[attr-defined]
    _edit_title(client, project, "Unga röster i Norden")
    client.force_login(world.coordinator)

    page = client.get(_url(project)).content.decode()

    assert "Unga röster i Norden" in page and "<del>Unga röster</del>" in page
    assert str(world.contact) in page


def test_a_row_without_any_history_record_shows_an_empty_history(
    client: Client, world: World
) -> None:
    """Rows the data migrations wrote (funding programmes) have no history record; their
    history page, linked from the settings lists, was a 500 (issue 33)."""
    project = factories.ProjectFactory(department=world.own_department)
    project.history.all().delete()
    client.force_login(world.coordinator)

    assert client.get(_url(project)).status_code == 200


def test_restore_brings_back_content_but_never_the_workflow_state(
    client: Client, world: World
) -> None:
    project = factories.ProjectFactory(title="Första titeln", status=Project.Status.DRAFT)
    first = project.history.latest().history_id
    project.title = "Andra titeln"
    project.status = Project.Status.APPROVED
    project.save()
    client.force_login(world.coordinator)

    response = client.post(_url(project, restore=first))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Första titeln"
    assert project.status == Project.Status.APPROVED
    latest = project.history.latest()
    assert latest.history_user == world.coordinator
    assert "Återställd" in latest.history_change_reason


def test_restoring_a_goal_moves_its_version_on(client: Client, world: World) -> None:
    goal = factories.GoalFactory(description="Gammalt mål")
    first = goal.history.latest().history_id
    goal.description = "Nytt mål"
    goal.save()
    before = goal.version
    client.force_login(world.coordinator)

    client.post(_url(goal, restore=first))

    goal.refresh_from_db()
    assert goal.description == "Gammalt mål" and goal.version == before + 1


@pytest.mark.parametrize("role", ["contact", "other_contact", "council"])
def test_only_coordinators_see_or_restore_history(client: Client, world: World, role: str) -> None:
    project = factories.ProjectFactory(department=world.own_department)
    client.force_login(getattr(world, role))
    assert client.get(_url(project)).status_code == 403
    history_id = project.history.latest().history_id
    assert client.post(_url(project, restore=history_id)).status_code == 403


def test_unknown_or_secret_models_and_foreign_versions_are_not_found(
    client: Client, world: World
) -> None:
    project = factories.ProjectFactory()
    other = factories.ProjectFactory()
    client.force_login(world.coordinator)
    assert client.get(reverse("history", args=["auth.permission", 1])).status_code == 404
    assert client.get(reverse("history", args=["projects.calendarfeed", 1])).status_code == 404
    assert client.get(reverse("history", args=["nonsense", 1])).status_code == 404
    foreign = other.history.latest().history_id
    assert client.post(_url(project, restore=foreign)).status_code == 404


# --- Nothing writes an audited model behind the history's back ------------------------------

APP_PACKAGES = (
    "intl_portal",
    "partners",
    "projects",
    "actionplans",
    "funding",
    "reports",
    "portal",
)
# Reviewed exceptions: (file, function) → why the history is still complete.
BULK_WRITES_ALLOWED = {
    # Bumps only `version` as an optimistic lock; the caller's save() right after writes the row.
    ("intl_portal/lib/concurrency.py", "_claim"),
}
BULK_METHODS = {"update", "bulk_update", "bulk_create"}


def _chain_root(node: ast.AST) -> str | None:
    """`Goal.objects.filter(...).update` → "Goal"."""
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _bulk_writes() -> Iterator[tuple[str, str, str, int]]:
    """(file, function, model name, line) of every QuerySet bulk write in the app code."""
    for package in APP_PACKAGES:
        for path in sorted((BASE_DIR / package).rglob("*.py")):
            relative = path.relative_to(BASE_DIR).as_posix()
            if "/migrations/" in relative:
                continue
            tree = ast.parse(path.read_text())
            for function in ast.walk(tree):
                if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                for node in ast.walk(function):
                    if (
                        isinstance(node, ast.Call)
                        and isinstance(node.func, ast.Attribute)
                        and node.func.attr in BULK_METHODS
                        and isinstance(node.func.value, (ast.Call, ast.Attribute))
                    ):
                        root = _chain_root(node.func.value)
                        if root:
                            yield relative, function.name, root, node.lineno


def test_no_bulk_write_bypasses_the_audit_history() -> None:
    """QuerySet.update()/bulk_update()/bulk_create() write no history rows: not on audited models.

    Demo data (seed_demo, partners/demo.py) is created in bulk on purpose and has no history.
    """
    audited = {model.__name__ for model in registered_models.values()}
    assert {"Project", "Partnership", "Goal", "GoalOutcome"} <= audited
    offenders = [
        f"{file}:{line} {function}() writes {root} in bulk"
        for file, function, root, line in _bulk_writes()
        if root in audited
        and (file, function) not in BULK_WRITES_ALLOWED
        and "/management/commands/" not in file
        and not file.endswith("/demo.py")
    ]
    assert offenders == []
    # The scan sees real bulk writes (it would catch a new one): the job rows of reports.
    assert any(root == "AnnualReport" for *_rest, root, _line in _bulk_writes())


# --- A restore is an edit through the concurrency mechanism (issue 21) -----------------------


def _restore_form(client: Client, instance: Any, history_id: int) -> dict[str, str]:
    """The restore button's hidden fields, as the history page renders them."""
    html = client.get(_url(instance)).content.decode()
    action = _url(instance, restore=history_id)
    start = html.index(f'action="{action}"')
    form = html[html.rindex("<form", 0, start) : html.index("</form>", start) + 7]
    return {k: v[0] for k, v in form_data(form, marker="version").items()}


def test_a_restore_keeps_other_fields_changed_since_the_page_was_opened(
    client: Client, world: World
) -> None:
    partner = factories.PartnerFactory(region="Själland", notes="Gamla anteckningar")
    first = partner.history.latest().history_id
    partner.notes = "Nya anteckningar"
    partner.save()
    client.force_login(world.coordinator)
    hidden = _restore_form(client, partner, first)
    # Someone else, after the history page was opened.
    partner_update(partner=partner, user=world.coordinator, data={"region": "Jylland"})

    client.post(_url(partner, restore=first), hidden)

    partner.refresh_from_db()
    assert (partner.notes, partner.region) == ("Gamla anteckningar", "Jylland")


def test_a_restore_over_a_newer_change_of_the_same_field_is_a_409(
    client: Client, world: World
) -> None:
    partner = factories.PartnerFactory(notes="Gamla anteckningar")
    first = partner.history.latest().history_id
    partner.notes = "Nya anteckningar"
    partner.save()
    client.force_login(world.coordinator)
    hidden = _restore_form(client, partner, first)
    partner_update(partner=partner, user=world.coordinator, data={"notes": "Ännu nyare"})

    response = client.post(_url(partner, restore=first), hidden)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Gamla anteckningar" in page and "Ännu nyare" in page
    partner.refresh_from_db()
    assert partner.notes == "Ännu nyare"
    # "Restore anyway" from the conflict page carries the version it showed.
    again = {k: v[0] for k, v in _form_fields(page).items()}
    assert client.post(_url(partner, restore=first), again).status_code == 302
    partner.refresh_from_db()
    assert partner.notes == "Gamla anteckningar"


def _form_fields(page: str) -> dict[str, list[str]]:
    return form_data(page, marker="version")
