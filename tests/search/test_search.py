"""One search over everything: ranking, misspellings, partner names, and permissions."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import ActionPlan
from intl_portal.lib.search import highlight
from partners import search as partner_search
from projects import search as project_search
from projects.models import Project
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text and trigram search need PostgreSQL"
)


def _approved(title: str, **kwargs: object) -> Project:
    return factories.ProjectFactory(title=title, status=Project.Status.APPROVED, **kwargs)


def _titles(response: object, group: str) -> list[str]:
    groups = {g.key: g for g in response.context["groups"]}  # type: ignore[attr-defined]
    if group not in groups:
        return []
    return [h.url for h in groups[group].hits]


def test_exact_title_ranks_first(world: World) -> None:
    longer = _approved("Ungdomsutbyte Ringsted och Skövde, fas två")
    exact = _approved("Ungdomsutbyte")
    _approved("Gröna transporter")

    found = list(
        project_search.search_projects(
            user=world.coordinator, query="ungdomsutbyte", partner_ids=[]
        )
    )

    assert found[:2] == [exact, longer]


def test_a_project_is_found_by_its_partners_name_and_country(world: World) -> None:
    ringsted = factories.PartnerFactory(name="Ringsted Kommune", country="DK")
    project = _approved("Unga röster i Norden")
    project.partners.add(ringsted)
    _approved("Gröna transporter")

    for query in ("Ringsted", "Danmark"):
        ids = partner_search.matching_partner_ids(query=query)
        found = list(
            project_search.search_projects(user=world.council, query=query, partner_ids=ids)
        )
        assert found == [project], query


@postgres_only
def test_a_misspelled_partner_is_found_on_postgresql(client: Client, world: World) -> None:
    ringsted = factories.PartnerFactory(name="Ringsted", country="DK")
    partnership = factories.PartnershipFactory(partner=ringsted)
    project = _approved("Unga röster i Norden")
    project.partners.add(ringsted)
    client.force_login(world.council)

    response = client.get(reverse("search"), {"q": "Ringstedt"})

    assert reverse("partners:partner-detail", args=[ringsted.pk]) in _titles(response, "partners")
    assert reverse("partners:partnership-detail", args=[partnership.pk]) in _titles(
        response, "partnerships"
    )
    assert reverse("projects:detail", args=[project.pk]) in _titles(response, "projects")
    assert "<mark>Ringsted</mark>" in response.content.decode()


@postgres_only
def test_swedish_stemming_finds_inflected_words(world: World) -> None:
    project = _approved(
        "Utbyten för unga", summary="Vi skickar ungdomar på utbyten till vänorterna."
    )
    found = project_search.search_projects(user=world.council, query="vänort", partner_ids=[])
    assert list(found) == [project]


@postgres_only
def test_the_search_indexes_are_used(world: World) -> None:
    for n in range(30):
        _approved(f"Projekt nummer {n}")
    query = project_search.search_projects(user=world.coordinator, query="Ringsted", partner_ids=[])
    with connection.cursor() as cursor:
        # Leave the planner only bitmap scans: it can use them only if the index expressions
        # are exactly the ones the search filters on.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_project_fts" in plan, plan
    assert "search_project_trgm" in plan, plan


def test_a_contact_never_finds_another_departments_draft(client: Client, world: World) -> None:
    own = factories.ProjectFactory(title="Solpaneler i skolan", department=world.own_department)
    other = factories.ProjectFactory(
        title="Solpaneler i biblioteket", department=world.other_department
    )
    activity = factories.ActivityFactory(
        title="Solpaneler studiebesök", department=world.other_department
    )
    client.force_login(world.contact)

    response = client.get(reverse("search"), {"q": "Solpaneler"})

    urls = _titles(response, "projects")
    assert reverse("projects:detail", args=[own.pk]) in urls
    assert reverse("projects:detail", args=[other.pk]) not in urls
    assert reverse("projects:activity-detail", args=[activity.pk]) not in _titles(
        response, "activities"
    )
    for url in urls:  # every hit opens
        assert client.get(url).status_code == 200


def test_council_members_find_goals_of_adopted_plans_only(client: Client, world: World) -> None:
    adopted = factories.ActionPlanFactory(year=2025, status=ActionPlan.Status.ADOPTED)
    draft = factories.ActionPlanFactory(year=2026)
    factories.GoalFactory(plan=adopted, description="Fler utbyten med Norden")
    factories.GoalFactory(plan=draft, description="Fler utbyten med Baltikum")
    client.force_login(world.council)

    response = client.get(reverse("search"), {"q": "utbyten"})

    assert _titles(response, "goals") == [reverse("actionplans:detail", args=[2025])]


def test_the_public_search_finds_published_items_only(client: Client, world: World) -> None:
    published = _approved("Europadagen i parken", is_published=True, phase=Project.Phase.ONGOING)
    _approved("Europadagen internt", is_published=False, phase=Project.Phase.ONGOING)
    factories.ProjectFactory(title="Europadagen utkast", is_published=True)
    factories.NetworkMembershipFactory(name="Europadagen nätverk")

    response = client.get(reverse("public-search"), {"q": "Europadagen"})

    assert response.status_code == 200
    assert [g.key for g in response.context["groups"]] == ["projects"]
    assert _titles(response, "projects") == [
        reverse("public_projects:public-detail", args=[published.pk])
    ]


def test_every_kind_is_found_and_grouped(client: Client, world: World) -> None:
    partner = factories.PartnerFactory(name="Kajaani")
    factories.PartnershipFactory(partner=partner)
    factories.NetworkMembershipFactory(name="Kajaani-nätverket")
    _approved("Kajaani skolutbyte")
    factories.ActivityFactory(
        title="Studiebesök i Kajaani", department=world.own_department, status="approved"
    )
    factories.GoalFactory(plan=factories.ActionPlanFactory(year=2026), description="Kajaani-mål")
    factories.StrategyFactory(title="Kajaani-strategin")
    client.force_login(world.coordinator)

    response = client.get(reverse("search"), {"q": "Kajaani"})

    assert [g.key for g in response.context["groups"]] == [
        "projects",
        "activities",
        "partnerships",
        "partners",
        "networks",
        "goals",
        "strategies",
    ]


def test_queries_do_not_grow_with_the_hits(client: Client, world: World) -> None:
    client.force_login(world.coordinator)

    def count() -> int:
        cache.clear()  # the navigation's to-do count is read afresh each time
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("search"), {"q": "Lund"}).status_code == 200
        return len(ctx.captured_queries)

    _approved("Lund 1")
    few = count()
    for n in range(12):
        _approved(f"Lund {n + 2}")
        factories.ActivityFactory(title=f"Lund besök {n}", department=world.own_department)
    assert count() == few


def test_an_empty_or_hostile_query_is_harmless(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    for q in ("", "   ", "'); DROP TABLE x; --", "<script>", "a" * 5000, "&|!:*"):
        response = client.get(reverse("search"), {"q": q})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_highlight_escapes_and_marks() -> None:
    assert str(highlight("<b>Ringsted</b> kommun", "ringsted")) == (
        "&lt;b&gt;<mark>Ringsted</mark>&lt;/b&gt; kommun"
    )
    assert "<mark>Ringsted</mark>" in str(highlight("Ringsted", "Ringstedt"))


def test_the_bank_search_matches_partner_names(client: Client, world: World) -> None:
    project = _approved("Unga röster i Norden")
    project.partners.add(factories.PartnerFactory(name="Ringsted Kommune"))
    _approved("Gröna transporter")
    client.force_login(world.council)

    response = client.get(reverse("projects:list"), {"q": "Ringsted"})

    assert "Unga röster i Norden" in response.content.decode()
    assert "Gröna transporter" not in response.content.decode()


def test_the_search_reads_the_partners_once(client: Client, world: World) -> None:
    """The partners are read once, both shown and to find what they take part in (it was 13)."""
    partner = factories.PartnerFactory(name="Kajaani")
    _approved("Kajaani skolutbyte").partners.add(partner)
    client.force_login(world.coordinator)
    cache.clear()  # the navigation's to-do count is read afresh

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("search"), {"q": "Kajaani"})

    assert response.status_code == 200
    assert len(ctx.captured_queries) == 12, [q["sql"][:80] for q in ctx.captured_queries]
