"""The follow-up round end to end: the coordinator opens it; two departments report, one of
them late; the board shows it; the coordinator returns one part, accepts both and closes the
round; a council member reads the closed round. Every page is axe-checked."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from actionplans.models import ActionPlan, FollowUpPart, FollowUpRound, PlanVersion
from actionplans.selectors import plan_snapshot
from tests import factories
from tests.conftest import World
from tests.e2e.conftest import Browsing, PageChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OWN_GOAL = "Fler elever deltar i utbyten med skolor i våra vänorter"
OTHER_GOAL = "Fler internationella kulturbesök i Skövde"


def _report(page: Page, goal: str, *, value: str, status: str, analysis: str) -> None:
    page.get_by_role("row").filter(has_text=goal).get_by_role(
        "link", name=re.compile("^Rapportera")
    ).click()
    page.get_by_label("Utfall").fill(value)
    page.get_by_label("Status").select_option(label=status)
    page.get_by_label("Trend").select_option(label="Bättre")
    page.get_by_label("Analys och kommentar").fill(analysis)
    page.get_by_role("button", name="Spara uppföljning").click()
    expect(page.get_by_role("status")).to_contain_text("Uppföljningen sparades.")


def _board_row(page: Page, department: str) -> object:
    return page.get_by_role("row").filter(has_text=department)


def test_followup_round(  # noqa: PLR0915 - one story, told in order
    world: World, browsing: Browsing, page_checker: PageChecker
) -> None:
    year = timezone.now().year
    strategy = factories.StrategyFactory(title="Strategi för internationell utveckling")
    plan = factories.ActionPlanFactory(
        year=year, status=ActionPlan.Status.ADOPTED, strategy=strategy
    )
    area = factories.FocusAreaFactory(name="Ungdomars delaktighet och lärande")
    factories.GoalFactory(
        plan=plan, focus_area=area, department=world.own_department, description=OWN_GOAL
    )
    factories.GoalFactory(
        plan=plan, focus_area=area, department=world.other_department, description=OTHER_GOAL
    )
    for number in (1, 2):
        PlanVersion.objects.create(
            plan=plan,
            number=number,
            reason="Första" if number == 1 else "Nytt mål",
            snapshot=plan_snapshot(plan=plan),
            decision_body="KS",
            decision_date=datetime.date(year, 2, number),
            decision_paragraph=str(10 + number),
            decision_case_number=f"KS {year}/{number}",
        )
    own, other = world.own_department, world.other_department
    check = page_checker.check

    # The coordinator opens the round.
    coordinator = browsing.log_in(world.coordinator.username)
    coordinator.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Handlingsplaner"
    ).click()
    check(coordinator, "plans")
    coordinator.get_by_role("link", name=str(plan)).click()
    check(coordinator, "plan-adopted")
    coordinator.get_by_role("link", name="Öppna uppföljningen").click()
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    coordinator.get_by_label("Sista dag för rapportering").fill(deadline.isoformat())
    check(coordinator, "round-open-form")
    coordinator.get_by_role("button", name="Öppna uppföljningen").click()
    expect(coordinator.get_by_role("status")).to_contain_text("är öppnad")
    expect(_board_row(coordinator, own.name)).to_contain_text("Ej påbörjad")
    expect(_board_row(coordinator, other.name)).to_contain_text("Ej påbörjad")
    check(coordinator, "board-opened")

    # The first department reports in time and marks its part ready.
    karin = browsing.log_in(world.contact.username)
    karin.goto(browsing.url(f"/followup/{year}/{own.pk}/"))
    check(karin, "part-own")
    _report(
        karin,
        OWN_GOAL,
        value="32",
        status="Delvis uppnått",
        analysis="Två utbyten flyttades till våren.",
    )
    karin.get_by_role("button", name="Markera förvaltningens del som klar").click()
    expect(karin.get_by_role("status")).to_contain_text("markerad som klar")
    expect(karin.get_by_role("link", name=re.compile("^Rapportera"))).to_have_count(0)
    expect(karin.locator("main")).to_contain_text("Klar för granskning")
    check(karin, "part-own-ready")

    # Time passes: the deadline is gone and the second department has not reported.
    round_ = FollowUpRound.objects.get(plan=plan)
    FollowUpRound.objects.filter(pk=round_.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    FollowUpPart.objects.filter(round=round_, department=own).update(
        ready_at=timezone.now() - datetime.timedelta(days=3)
    )
    coordinator.reload()
    expect(_board_row(coordinator, own.name)).to_contain_text("Klar")
    expect(_board_row(coordinator, other.name)).to_contain_text("Försenad")
    check(coordinator, "board-late")

    kalle = browsing.log_in(world.other_contact.username)
    kalle.goto(browsing.url(f"/followup/{year}/{other.pk}/"))
    _report(kalle, OTHER_GOAL, value="", status="Inte mätt", analysis="Mätningen gjordes inte.")
    kalle.get_by_role("button", name="Markera förvaltningens del som klar").click()
    expect(kalle.get_by_role("status")).to_contain_text("markerad som klar")
    check(kalle, "part-other-ready")

    coordinator.reload()
    expect(_board_row(coordinator, own.name)).to_contain_text("Klar")
    expect(_board_row(coordinator, own.name)).not_to_contain_text("sent")
    expect(_board_row(coordinator, other.name)).to_contain_text("Klar, men sent")
    check(coordinator, "board-both-ready")

    # The coordinator returns the late part with a comment.
    _board_row(coordinator, other.name).get_by_role("link", name=other.name).click()
    check(coordinator, "part-review")
    coordinator.get_by_label("Kommentar till förvaltningen").fill("Ange varför mätningen uteblev.")
    coordinator.get_by_role("button", name="Återsänd med kommentar").click()
    expect(coordinator.get_by_role("status")).to_contain_text("återsändes")
    check(coordinator, "board-returned")

    kalle.reload()
    expect(kalle.locator("main")).to_contain_text("Ange varför mätningen uteblev.")
    _report(
        kalle,
        OTHER_GOAL,
        value="",
        status="Inte mätt",
        analysis="Enkäten ersattes av intervjuer; mäts nästa år.",
    )
    kalle.get_by_role("button", name="Markera förvaltningens del som klar").click()
    expect(kalle.get_by_role("status")).to_contain_text("markerad som klar")

    # The coordinator accepts both parts and closes the round.
    for department in (own, other):
        coordinator.goto(browsing.url(f"/followup/{year}/{department.pk}/"))
        coordinator.get_by_role("button", name="Godkänn uppföljningen").click()
        expect(coordinator.get_by_role("status")).to_contain_text("godkändes")
    expect(_board_row(coordinator, own.name)).to_contain_text("Godkänd")
    expect(_board_row(coordinator, other.name)).to_contain_text("Godkänd")
    coordinator.get_by_role("button", name="Stäng uppföljningen").click()
    expect(coordinator.get_by_role("status")).to_contain_text("är stängd")
    expect(coordinator.locator("main")).to_contain_text("Stängd")
    check(coordinator, "board-closed")

    # Versions, comparison, traceability and governing documents pass axe too.
    coordinator.goto(browsing.url(f"/plans/{year}/versions/"))
    check(coordinator, "versions")
    coordinator.get_by_role("button", name="Jämför").click()
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("jämförd med")
    check(coordinator, "compare")
    coordinator.goto(browsing.url(f"/plans/{year}/traceability/"))
    check(coordinator, "traceability")
    coordinator.goto(browsing.url("/strategies/"))
    coordinator.get_by_role("link", name=strategy.title).click()
    check(coordinator, "strategy")

    # A council member reads the closed round.
    per = browsing.log_in(world.council.username)
    per.goto(browsing.url(f"/followup/{year}/"))
    expect(per.get_by_role("heading", level=1)).to_contain_text(f"Uppföljningen {year}")
    expect(per.get_by_role("button", name="Stäng uppföljningen")).to_have_count(0)
    check(per, "council-board-closed")

    page_checker.assert_clean()
