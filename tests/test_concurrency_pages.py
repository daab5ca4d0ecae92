"""Two people, one record, on every edit page of the URL configuration (issue 21).

The edit URLs are read from the URL configuration: every route ending in ``edit/``, every URL
name ending in ``edit``, and the pages that update a record under another name (UPDATE_PAGES).
Each must have a scenario here, so a new edit page cannot be forgotten. For each one, two
people open the page, and:

* change different fields → both changes are kept, the second is told who changed what;
* change the same field → the second gets 409 with both values shown, and nothing is saved;
* open and save unchanged → nothing changes (no version bump, no history row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actionplans.models import ActionPlan
from funding.models import MatchKeywords
from intl_portal.organisation.models import Municipality, Role, User
from partners.models import (
    BenefitAnalysis,
    ContactPerson,
    NetworkMembership,
    Partner,
    Partnership,
    SelectionAnalysis,
    TwinTownMeeting,
    TwinTownProposal,
)
from portal.configuration.kinds import KINDS
from projects.models import EmissionFactor
from tests import factories
from tests.concurrency_forms import as_post, form_data
from tests.conftest import World
from tests.funding.helpers import make_call
from tests.funding.setups import FUNDING_SETUPS
from tests.organisation.setups import _kind_object
from tests.partners.setups import PARTNER_SETUPS

pytestmark = pytest.mark.django_db

# Pages that update an existing record without "edit" in their route.
UPDATE_PAGES = {
    "partners:proposal-detail",
    "actionplans:goal-outcome",
    "settings:municipality",
    "funding:keywords-area",
    "funding:keywords-goal",
}
# Never a two-person page of the portal: Django's admin (superusers only, not the portal's UI).
IGNORED_NAMESPACES = {"admin"}


def _routes(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), full)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern), name


def edit_url_names() -> set[str]:
    names = set()
    for route, name in _routes(get_resolver().url_patterns):
        if name.split(":")[0] in IGNORED_NAMESPACES:
            continue
        if route.endswith("edit/") or name.endswith("edit") or name in UPDATE_PAGES:
            names.add(name)
    return names


@dataclass
class Scenario:
    """An edit page, the record behind it, and two fields two people can change."""

    url: str
    record: models.Model
    one: str  # a field name
    other: str  # another field name
    first: User | None = None  # default: two coordinators
    second: User | None = None
    values: tuple[str, str, str] = ("Ändrat av Anna", "Ändrat av Bo", "Bos eget värde")

    def saved(self, name: str) -> str:
        self.record.refresh_from_db()
        value = getattr(self.record, name)
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        return str(value)


def _partner(world: World, rq: Any) -> Scenario:
    pk = PARTNER_SETUPS["partner"](world, rq)["pk"]

    return Scenario(reverse("partners:partner-edit", args=[pk]), Partner.objects.get(pk=pk),
                    "region", "notes")  # fmt: skip


def _partnership(world: World, rq: Any) -> Scenario:
    pk = PARTNER_SETUPS["twinning_partnership"](world, rq)["pk"]
    return Scenario(reverse("partners:partnership-edit", args=[pk]),
                    Partnership.objects.get(pk=pk), "description", "political_contact")  # fmt: skip


def _contact(world: World, rq: Any) -> Scenario:
    pk = PARTNER_SETUPS["contact_person_of_twinning"](world, rq)["pk"]
    return Scenario(reverse("partners:contact-edit", args=[pk]),
                    ContactPerson.objects.get(pk=pk), "title", "phone")  # fmt: skip


def _meeting(world: World, rq: Any) -> Scenario:
    pk = PARTNER_SETUPS["meeting"](world, rq)["pk"]
    return Scenario(reverse("partners:meeting-edit", args=[pk]),
                    TwinTownMeeting.objects.get(pk=pk), "theme", "notes")  # fmt: skip


def _membership(world: World, rq: Any) -> Scenario:
    pk = PARTNER_SETUPS["membership"](world, rq)["pk"]
    return Scenario(reverse("partners:membership-edit", args=[pk]),
                    NetworkMembership.objects.get(pk=pk), "description", "name")  # fmt: skip


def _analysis(world: World, rq: Any) -> Scenario:
    pk = PARTNER_SETUPS["benefit_analysis"](world, rq)["pk"]
    return Scenario(reverse("partners:analysis-edit", args=[pk]),
                    BenefitAnalysis.objects.get(pk=pk), "quality_comment", "summary")  # fmt: skip


def _selection(world: World, rq: Any) -> Scenario:
    pk = PARTNER_SETUPS["selection_analysis"](world, rq)["pk"]
    return Scenario(reverse("partners:selection-edit", args=[pk]),
                    SelectionAnalysis.objects.get(pk=pk), "risk_security", "sources")  # fmt: skip


def _proposal(world: World, rq: Any) -> Scenario:
    pk = PARTNER_SETUPS["proposal"](world, rq)["pk"]
    return Scenario(reverse("partners:proposal-detail", args=[pk]),
                    TwinTownProposal.objects.get(pk=pk), "coordinator_note", "status",
                    values=("Ringer Eva", "closed", "Mejlar Eva"))  # fmt: skip


def _project(world: World, rq: Any) -> Scenario:
    project = factories.ProjectFactory(department=world.own_department)
    return Scenario(reverse("projects:edit", args=[project.pk]), project,
                    "summary", "target_groups")  # fmt: skip


def _activity(world: World, rq: Any) -> Scenario:
    activity = factories.ActivityFactory(department=world.own_department)
    return Scenario(reverse("projects:activity-edit", args=[activity.pk]), activity,
                    "purpose", "place")  # fmt: skip


def _goal(world: World, rq: Any) -> Scenario:
    goal = factories.GoalFactory(department=world.own_department, plan__year=2026)
    return Scenario(reverse("actionplans:goal-edit", args=[goal.pk]), goal,
                    "description", "indicator")  # fmt: skip


def _department_plan(world: World, rq: Any) -> Scenario:
    department_plan = factories.DepartmentPlanFactory(
        department=world.own_department, plan__year=2026
    )
    url = reverse("actionplans:department-plan-edit", args=[2026, world.own_department.pk])
    return Scenario(url, department_plan, "activities", "budget",
                    values=("Utbyte med Tartu", "150000", "Utbyte med Riga"))  # fmt: skip


def _strategy(world: World, rq: Any) -> Scenario:
    strategy = factories.StrategyFactory()
    return Scenario(reverse("actionplans:strategy-edit", args=[strategy.pk]), strategy,
                    "title", "adopted_by")  # fmt: skip


def _outcome(world: World, rq: Any) -> Scenario:
    outcome = factories.GoalOutcomeFactory(
        goal__department=world.own_department, goal__plan__status=ActionPlan.Status.ADOPTED,
        comment="Första analysen",
    )  # fmt: skip
    factories.FollowUpPartFactory(round__plan=outcome.goal.plan, department=world.own_department)
    return Scenario(reverse("actionplans:goal-outcome", args=[outcome.goal.pk]), outcome,
                    "comment", "value", values=("Annas analys", "44", "Bos analys"))  # fmt: skip


def _emission_factor(world: World, rq: Any) -> Scenario:
    factor = EmissionFactor.objects.get_or_create(
        mode="flight", defaults={"grams_per_km": 133, "source": "test", "year": 2024}
    )[0]
    return Scenario(reverse("projects:emission-factor-edit", args=[factor.pk]), factor,
                    "source", "year", values=("2025", "2026", "2027"))  # fmt: skip


def _municipality(world: World, rq: Any) -> Scenario:
    municipality = Municipality.objects.order_by("pk").first()
    assert municipality is not None
    return Scenario(reverse("settings:municipality"), municipality, "vision", "logo_alt")


def _settings_kind(
    kind: str, one: str, other: str, **extra: Any
) -> Callable[[World, Any], Scenario]:
    def scenario(world: World, rq: Any) -> Scenario:
        pk = _kind_object(kind)
        return Scenario(reverse("settings:kind-edit", kwargs={"kind": kind, "pk": pk}),
                        KINDS[kind].model._default_manager.get(pk=pk), one, other,
                        **extra)  # fmt: skip

    return scenario


def _user(world: World, rq: Any) -> Scenario:
    return Scenario(reverse("settings:user-edit", args=[world.contact.pk]), world.contact,
                    "first_name", "last_name")  # fmt: skip


def _call(world: World, rq: Any) -> Scenario:
    call = make_call()
    return Scenario(reverse("funding:edit", args=[call.pk]), call,
                    "summary", "eligible_applicants")  # fmt: skip


def _keywords_area(world: World, rq: Any) -> Scenario:
    area = factories.FocusAreaFactory()
    keywords = MatchKeywords.objects.create(focus_area=area, words_sv="ungdom", words_en="youth")
    return Scenario(reverse("funding:keywords-area", args=[area.pk]), keywords,
                    "words_sv", "words_en")  # fmt: skip


def _keywords_goal(world: World, rq: Any) -> Scenario:
    pk = FUNDING_SETUPS["current_goal"](world, rq)["pk"]
    keywords = MatchKeywords.objects.create(goal_id=pk, words_sv="skola", words_en="school")
    return Scenario(reverse("funding:keywords-goal", args=[pk]), keywords,
                    "words_sv", "words_en")  # fmt: skip


SCENARIOS: dict[str, Callable[[World, Any], Scenario]] = {
    "projects:emission-factor-edit": _emission_factor,
    "actionplans:goal-edit": _goal,
    "actionplans:department-plan-edit": _department_plan,
    "actionplans:strategy-edit": _strategy,
    "actionplans:goal-outcome": _outcome,
    "projects:edit": _project,
    "projects:activity-edit": _activity,
    "partners:partner-edit": _partner,
    "partners:partnership-edit": _partnership,
    "partners:contact-edit": _contact,
    "partners:meeting-edit": _meeting,
    "partners:membership-edit": _membership,
    "partners:analysis-edit": _analysis,
    "partners:selection-edit": _selection,
    "partners:proposal-detail": _proposal,
    "settings:municipality": _municipality,
    "settings:kind-edit": _settings_kind("committees", "abbreviation", "name"),
    "settings:user-edit": _user,
    "funding:edit": _call,
    "funding:keywords-area": _keywords_area,
    "funding:keywords-goal": _keywords_goal,
}
# One edit URL serving several kinds of record: every kind plays the scenario too.
VARIANTS: dict[str, Callable[[World, Any], Scenario]] = {
    "settings:kind-edit[departments]": _settings_kind("departments", "abbreviation", "name"),
    "settings:kind-edit[focus-areas]": _settings_kind("focus-areas", "description", "name"),
    "settings:kind-edit[working-methods]": _settings_kind("working-methods", "description", "name"),
    "settings:kind-edit[programmes]": _settings_kind(
        "programmes", "name", "sort_order", values=("Annas program", "7", "Bos program")
    ),
    "settings:kind-edit[exchange-rates]": _settings_kind(
        "exchange-rates", "sek_per_unit", "year", values=("12", "2027", "13")
    ),
}
ALL_SCENARIOS = {**SCENARIOS, **VARIANTS}


# Edit pages still on their own lock or none (none left: a new page comes with its scenario).
NOT_YET_CONVERTED: set[str] = set()


def test_every_edit_url_has_a_two_person_scenario() -> None:
    """A new edit page must come with its scenario here (and use the mechanism)."""
    assert edit_url_names() == set(SCENARIOS) | NOT_YET_CONVERTED


@pytest.fixture
def people(world: World) -> tuple[User, User]:
    anna = factories.UserFactory(
        username="anna", first_name="Anna", last_name="Berg", role=Role.COORDINATOR
    )
    bo = factories.UserFactory(
        username="bo", first_name="Bo", last_name="Ek", role=Role.COORDINATOR
    )
    return anna, bo


def _open(client: Client, url: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return form_data(response.content.decode())


def _clients(scenario: Scenario, people: tuple[User, User]) -> tuple[Client, Client]:
    first, second = Client(), Client()
    first.force_login(scenario.first or people[0])
    second.force_login(scenario.second or people[1])
    return first, second


def _set(form: dict[str, list[str]], name: str, value: str) -> dict[str, Any]:
    assert name in form, f"{name} is not on the page's form"
    return as_post({**form, name: [value]})


@pytest.mark.parametrize("name", sorted(ALL_SCENARIOS))
def test_different_fields_are_both_kept(
    name: str, world: World, people: tuple[User, User], request: pytest.FixtureRequest
) -> None:
    scenario = ALL_SCENARIOS[name](world, request)
    first, second = _clients(scenario, people)
    form_a, form_b = _open(first, scenario.url), _open(second, scenario.url)
    value_a, value_b, _mine = scenario.values

    saved_a = first.post(scenario.url, _set(form_a, scenario.one, value_a))
    saved_b = second.post(scenario.url, _set(form_b, scenario.other, value_b), follow=True)

    assert saved_a.status_code == 302
    assert saved_b.status_code == 200 and saved_b.redirect_chain
    assert scenario.saved(scenario.one) == value_a
    assert scenario.saved(scenario.other) == value_b
    told = [str(m) for m in saved_b.context["messages"]]
    assert any("Anna Berg ändrade andra fält" in m for m in told), told
    reason = scenario.record.history.latest().history_change_reason  # type: ignore[attr-defined]
    assert "Anna Berg" in reason and scenario.record.history.latest().history_user == people[1]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(ALL_SCENARIOS))
def test_same_field_is_a_409_with_both_values(
    name: str, world: World, people: tuple[User, User], request: pytest.FixtureRequest
) -> None:
    scenario = ALL_SCENARIOS[name](world, request)
    first, second = _clients(scenario, people)
    form_a, form_b = _open(first, scenario.url), _open(second, scenario.url)
    value_a, value_b, mine = scenario.values

    first.post(scenario.url, _set(form_a, scenario.one, value_a))
    clash = second.post(
        scenario.url, {**_set(form_b, scenario.one, mine), scenario.other: form_b[scenario.other]}
    )

    assert clash.status_code == 409
    page = clash.content.decode()
    assert mine in page and value_a in page and "Anna Berg" in page
    assert scenario.saved(scenario.one) == value_a  # nothing of Bo's was saved
    # Bo decides: his own value wins; the history names both.
    decided = second.post(scenario.url, {**as_post(form_data(page)), "resolve": "mine"})
    assert decided.status_code == 302
    assert scenario.saved(scenario.one) == mine
    latest = scenario.record.history.latest()  # type: ignore[attr-defined]
    assert latest.history_user == people[1] and "Anna Berg" in latest.history_change_reason


@pytest.mark.parametrize("name", sorted(ALL_SCENARIOS))
def test_saving_unchanged_changes_nothing(
    name: str, world: World, people: tuple[User, User], request: pytest.FixtureRequest
) -> None:
    scenario = ALL_SCENARIOS[name](world, request)
    first, _second = _clients(scenario, people)
    history = scenario.record.history.count()  # type: ignore[attr-defined]
    version = scenario.saved("version")

    response = first.post(scenario.url, as_post(_open(first, scenario.url)))

    assert response.status_code == 302
    assert scenario.saved("version") == version
    assert scenario.record.history.count() == history  # type: ignore[attr-defined]
