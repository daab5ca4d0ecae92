"""The project bank's running totals: exact after every kind of write, and the bank's figures.

BankFigure is kept by database triggers (projects/migrations/0005). These tests write projects
every way the portal and its operators can (model saves, bulk queries, plain SQL, concurrent
transactions, the migration's own fill of an existing bank) and compare the totals with a count
of the projects themselves.
"""

from __future__ import annotations

import datetime
import threading
from collections import defaultdict
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from intl_portal.organisation.models import Department, User
from projects import selectors
from projects.filters import ProjectFilter
from projects.models import BankFigure, ExchangeRate, FundingProgramme, Project, ProjectRevision
from tests import factories
from tests.conftest import World

Key = tuple[str, int, int, str, str, int]


def _counted() -> dict[Key, tuple[int, int, int, int]]:
    """The totals as the projects themselves give them, per group."""
    groups: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p in Project.objects.all():
        key = (
            p.status,
            p.department_id,
            p.programme_id or 0,
            p.phase,
            p.currency,
            p.start_date.year if p.start_date else 0,
        )
        group = groups[key]
        group[0] += 1
        group[1] += int(p.grant_amount or 0)
        group[2] += int(p.own_contribution or 0)
        group[3] += int(p.own_contribution_in_kind or 0)
    return {key: tuple(values) for key, values in groups.items()}  # type: ignore[misc]


def _kept() -> dict[Key, tuple[int, int, int, int]]:
    """The running totals, leaving out groups that have emptied."""
    kept = {}
    for f in BankFigure.objects.all():
        values = (f.project_count, f.grant_sum, f.own_sum, f.in_kind_sum)
        if any(values):
            key = (f.status, f.department_id, f.programme_id, f.phase, f.currency, f.start_year)
            kept[key] = values
    return kept


def _check() -> None:
    assert _kept() == _counted()


@pytest.fixture
def programmes(db: None) -> list[FundingProgramme]:
    return [
        factories.FundingProgrammeFactory(name="Erasmus+"),
        factories.FundingProgrammeFactory(name="Interreg"),
    ]


@pytest.mark.django_db
def test_totals_follow_every_kind_of_write(
    world: World, programmes: list[FundingProgramme]
) -> None:
    erasmus, interreg = programmes
    a = factories.ProjectFactory(department=world.own_department, programme=erasmus)
    b = factories.ProjectFactory(
        department=world.own_department, programme=erasmus, grant_amount=None
    )
    _check()
    assert BankFigure.objects.get(project_count=2).grant_sum == 800_000  # b's empty grant is 0

    a.title = "Bara titeln ändras"
    a.save()
    _check()

    # Each column the totals group by or sum, changed through the model.
    for field, value in [
        ("grant_amount", 123_456),
        ("own_contribution", None),
        ("own_contribution_in_kind", 42),
        ("currency", "EUR"),
        ("start_date", None),
        ("end_date", None),
        ("start_date", datetime.date(2019, 3, 1)),
        ("programme", None),
        ("programme", interreg),
        ("phase", Project.Phase.COMPLETED),
        ("status", Project.Status.APPROVED),
        ("department", world.other_department),
    ]:
        setattr(a, field, value)
        a.save()
        _check()

    # Bulk writes that never call save().
    Project.objects.bulk_create(
        [
            Project(
                title=f"Massprojekt {i}",
                department=world.other_department,
                phase="idea",
                programme=interreg if i % 2 else None,
                grant_amount=i * 1000,
                start_date=datetime.date(2020 + i % 3, 1, 1),
                status="approved",
            )
            for i in range(12)
        ]  # fmt: skip
    )
    _check()
    Project.objects.filter(department=world.other_department).update(
        grant_amount=F("grant_amount") + 1, phase=Project.Phase.ONGOING
    )
    _check()
    Project.objects.filter(programme=interreg).update(department=world.own_department)
    _check()
    Project.objects.filter(title__startswith="Massprojekt", programme=None).delete()
    _check()

    # Plain SQL, as an operator's repair script would write.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE projects_project SET own_contribution = 5, currency = 'EUR' WHERE id = %s",
            [b.pk],
        )
    _check()

    b.delete()
    Project.objects.all().delete()
    _check()
    assert _kept() == {}


@pytest.mark.django_db
def test_an_edit_that_changes_no_total_leaves_the_totals_untouched(world: World) -> None:
    project = factories.ProjectFactory(department=world.own_department)
    before = list(BankFigure.objects.values_list("pk", "project_count", "grant_sum"))

    project.title = "Ny titel"
    project.summary = "Ny sammanfattning"
    project.save()
    Project.objects.filter(pk=project.pk).update(grant_amount=F("grant_amount"))

    assert list(BankFigure.objects.values_list("pk", "project_count", "grant_sum")) == before


amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**12))
project_values = st.fixed_dictionaries(
    {
        "status": st.sampled_from(Project.Status.values),
        "phase": st.sampled_from(Project.Phase.values),
        "currency": st.sampled_from(["SEK", "EUR"]),
        "department": st.integers(min_value=0, max_value=1),
        "programme": st.integers(min_value=-1, max_value=1),
        "start_year": st.one_of(st.none(), st.integers(min_value=2015, max_value=2030)),
        "grant_amount": amounts,
        "own_contribution": amounts,
        "own_contribution_in_kind": amounts,
    }
)
operations = st.lists(
    st.tuples(
        st.sampled_from(["create", "save", "update", "delete", "bulk_create"]),
        st.integers(min_value=0, max_value=50),
        project_values,
    ),
    max_size=12,
)


def _fields(values: dict[str, Any], departments: list[Department], programmes: list[Any]) -> dict:
    year = values["start_year"]
    return {
        "status": values["status"],
        "phase": values["phase"],
        "currency": values["currency"],
        "department": departments[values["department"]],
        "programme": programmes[values["programme"]] if values["programme"] >= 0 else None,
        "start_date": datetime.date(year, 6, 1) if year else None,
        "end_date": None,
        "budget_total": None,
        "grant_amount": values["grant_amount"],
        "own_contribution": values["own_contribution"],
        "own_contribution_in_kind": values["own_contribution_in_kind"],
    }


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=operations)
def test_totals_match_the_projects_after_any_sequence_of_writes(
    world: World, programmes: list[FundingProgramme], steps: list[tuple[str, int, dict]]
) -> None:
    departments = [world.own_department, world.other_department]
    for action, pick, values in steps:
        fields = _fields(values, departments, programmes)
        ids = list(Project.objects.order_by("pk").values_list("pk", flat=True))
        target = ids[pick % len(ids)] if ids else None
        if action == "create" or target is None:
            Project.objects.create(title="Slumpat", **fields)
        elif action == "save":
            project = Project.objects.get(pk=target)
            for name, value in fields.items():
                setattr(project, name, value)
            project.save()
        elif action == "update":  # a bulk update of every other project from the picked one
            Project.objects.filter(pk__gte=target, pk__in=ids[::2]).update(**fields)
        elif action == "delete":
            Project.objects.filter(pk=target).delete()
        else:
            Project.objects.bulk_create([Project(title="Massa", **fields) for _ in range(3)])
        _check()


def _figures_both_ways(user: User, data: dict[str, Any]) -> tuple[dict, dict, list[str]]:
    bank_filter = ProjectFilter(data, queryset=selectors.visible_projects(user=user))
    assert bank_filter.is_valid(), bank_filter.errors
    counted = selectors.bank_figures(bank_filter.qs)
    with CaptureQueriesContext(connection) as queries:
        kept = selectors.bank_figures(
            bank_filter.qs, user=user, filters=bank_filter.form.cleaned_data
        )
    return counted, kept, [q["sql"] for q in queries.captured_queries]


@pytest.mark.django_db
def test_the_banks_figures_from_the_totals_equal_the_sums_of_its_projects(
    world: World, programmes: list[FundingProgramme]
) -> None:
    ExchangeRate.objects.create(year=2024, currency="EUR", sek_per_unit=Decimal("11.2500"))
    ExchangeRate.objects.create(year=2026, currency="EUR", sek_per_unit=Decimal("10.9999"))
    departments = [world.own_department, world.other_department]
    for i in range(36):
        factories.ProjectFactory(
            department=departments[i % 2],
            programme=programmes[i % 3] if i % 3 < 2 else None,
            phase=[Project.Phase.ONGOING, Project.Phase.IDEA, Project.Phase.GRANTED][i % 3],
            status=Project.Status.values[i % 4],
            currency="EUR" if i % 5 == 0 else "SEK",
            start_date=datetime.date(2023 + i % 4, 2, 1) if i % 7 else None,
            end_date=None,
            budget_total=None,
            grant_amount=1000 + 37 * i if i % 6 else None,
            own_contribution=11 * i,
            own_contribution_in_kind=3 * i if i % 2 else None,
        )
    filter_sets = [
        {},
        {"department": world.own_department.pk},
        {"department": world.other_department.pk, "phase": "ongoing"},
        {"programme": programmes[0].pk},
        {"programme": programmes[1].pk, "phase": "idea", "department": world.own_department.pk},
        {"phase": "granted"},
    ]
    for user in [world.coordinator, world.contact, world.other_contact, world.council]:
        for data in filter_sets:
            counted, kept, sql = _figures_both_ways(user, data)
            assert kept == counted, (user.username, data)
            assert all("projects_project" not in q for q in sql), "the totals were not used"
    # With nothing matching, both ways give zero.
    counted, kept, _sql = _figures_both_ways(world.council, {"phase": "cancelled"})
    assert kept == counted
    assert kept == {"count": 0, "grant": 0, "own": 0, "in_kind": 0, "left_out": 0,
                    "missing_note": ""}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [{"q": "Sök"}, {"year": "2024"}, {"q": "Sök", "department": "own"}]
)
def test_filters_the_totals_do_not_carry_sum_the_matching_projects(
    world: World, data: dict[str, str]
) -> None:
    if data.get("department") == "own":
        data = {**data, "department": str(world.own_department.pk)}
    factories.ProjectFactory(title="Sökbart", department=world.own_department,
                             start_date=datetime.date(2024, 1, 1), status="approved",
                             grant_amount=70, budget_total=100)  # fmt: skip
    factories.ProjectFactory(title="Annat", department=world.own_department,
                             start_date=datetime.date(2025, 1, 1), end_date=None,
                             status="approved", grant_amount=5, budget_total=100)  # fmt: skip

    counted, kept, sql = _figures_both_ways(world.coordinator, data)

    assert kept == counted
    assert kept["count"] == 1 and kept["grant"] == 70
    assert any("projects_project" in q for q in sql)


@pytest.mark.django_db
def test_the_bank_page_shows_the_figures_of_its_filtered_list(world: World) -> None:
    factories.ProjectFactory(title="Godkänt", department=world.own_department, status="approved",
                             grant_amount=400_000, budget_total=500_000)  # fmt: skip
    factories.ProjectFactory(title="Eget utkast", department=world.own_department,
                             grant_amount=30_000, budget_total=500_000)  # fmt: skip
    factories.ProjectFactory(title="Annans utkast", department=world.other_department,
                             grant_amount=5_000, budget_total=500_000)  # fmt: skip
    client = Client()
    client.force_login(world.contact)

    response = client.get(reverse("projects:list"))
    assert response.context["figures"]["count"] == 2  # the bank and the own draft
    assert response.context["figures"]["grant"] == 430_000
    assert "430 000 kr" in response.content.decode().replace("\xa0", " ")

    response = client.get(reverse("projects:list"), {"department": world.other_department.pk})
    assert response.context["figures"] == {
        "count": 0, "grant": 0, "own": 0, "in_kind": 0, "left_out": 0, "missing_note": "",
    }  # fmt: skip


@pytest.mark.django_db
def test_dashboard_counts_come_out_right(world: World) -> None:
    factories.ProjectFactory(status="approved", phase="ongoing", department=world.own_department)
    factories.ProjectFactory(status="approved", phase="idea", department=world.own_department)
    changed = factories.ProjectFactory(status="approved", phase="ongoing",
                                       department=world.own_department)  # fmt: skip
    submitted = factories.ProjectFactory(status="submitted", department=world.own_department)
    factories.ProjectFactory(status="draft", department=world.own_department)
    ProjectRevision.objects.create(project=changed, status=ProjectRevision.Status.PENDING)
    # A pending change on a project that is also submitted is one project to review, not two.
    ProjectRevision.objects.create(project=submitted, status=ProjectRevision.Status.PENDING)
    client = Client()
    client.force_login(world.coordinator)

    response = client.get(reverse("dashboard"))

    assert response.context["project_counts"] == {
        "in_bank": 3,
        "awaiting_review": 2,
        "ongoing": 2,
    }
    todo = {g.key: {i.title for i in g.items} for g in response.context["todo"].groups}
    assert todo["projects_submitted"] == {submitted.title}
    assert changed.title in todo["changes_submitted"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_the_totals_exact(world: World) -> None:
    """Two writers touching the same groups in opposite orders, many times: no update is lost
    and, on PostgreSQL, no deadlock (each statement locks its groups in key order)."""
    own, other = world.own_department, world.other_department
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(first: Department, second: Department) -> None:
        try:
            start.wait()
            for i in range(25):
                with transaction.atomic():
                    created = Project.objects.bulk_create(
                        [Project(title=f"{first.pk}-{i}", department=first, grant_amount=i),
                         Project(title=f"{second.pk}-{i}", department=second, grant_amount=i)]
                    )  # fmt: skip
                    Project.objects.filter(pk__in=[p.pk for p in created]).update(
                        own_contribution=F("grant_amount") * 2, phase=Project.Phase.ONGOING
                    )
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=writer, args=(own, other)),
        threading.Thread(target=writer, args=(other, own)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Project.objects.count() == 100
    _check()


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_totals_of_an_existing_bank(world: World) -> None:
    for i in range(7):
        factories.ProjectFactory(department=world.own_department, grant_amount=100 * i,
                                 start_date=datetime.date(2020 + i % 2, 1, 1) if i else None,
                                 currency="EUR" if i == 3 else "SEK")  # fmt: skip
    try:
        call_command("migrate", "projects", "0004", verbosity=0)
        # Without the triggers, changes reach the projects only. The rows are written through
        # the model as it was at 0004 (later migrations added columns the factories fill).
        state = MigrationExecutor(connection).loader.project_state(
            ("projects", "0004_bank_title_order")
        )
        old_project = state.apps.get_model("projects", "Project")
        old_project.objects.filter(grant_amount=0).update(grant_amount=55)
        copy = old_project.objects.order_by("pk").first()
        copy.pk = None
        copy.department_id = world.other_department.pk
        copy.status = "approved"
        copy.save()
    finally:
        # Every app: going back to projects 0004 also unapplied the migrations that depend on
        # later projects migrations (the funding radar's tables, for one).
        call_command("migrate", verbosity=0)

    _check()
    assert sum(count for count, *_ in _kept().values()) == 8
    factories.ProjectFactory(department=world.other_department)  # and the triggers are back
    _check()


@pytest.mark.django_db
def test_the_bank_figures_command_finds_and_repairs_totals_that_drifted(world: World) -> None:
    for i in range(4):
        factories.ProjectFactory(department=world.own_department, grant_amount=10 * i)
    out = StringIO()
    call_command("bank_figures", stdout=out)
    assert "match" in out.getvalue()

    # As if one table of a dump had been restored without the other.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE projects_bankfigure SET grant_sum = grant_sum + 1")
        cursor.execute("DELETE FROM projects_bankfigure WHERE project_count = 0")
    BankFigure.objects.create(status="draft", department_id=world.other_department.pk,
                              programme_id=0, phase="idea", currency="SEK", start_year=0,
                              project_count=1)  # fmt: skip

    with pytest.raises(CommandError, match="2 groups differ"):
        call_command("bank_figures", stdout=StringIO())
    out = StringIO()
    call_command("bank_figures", "--repair", stdout=out)
    assert "2 groups differed" in out.getvalue()
    _check()
    call_command("bank_figures", stdout=StringIO())  # and now they match
