"""Issue 4 end to end: submit, return, resubmit, approve, publish; bank, activities, calendar."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from projects.models import Project
from tests import factories
from tests.conftest import World
from tests.e2e.conftest import Browsing, PageChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Språkassistenter i Halden"


def test_project_review_round_trip_and_public_page(
    world: World, browsing: Browsing, page_checker: PageChecker
) -> None:
    factories.FundingProgrammeFactory(name="Erasmus+")
    project = factories.ProjectFactory(
        title=TITLE, department=world.own_department, created_by=world.contact
    )
    detail = f"/projects/{project.pk}/"

    page = browsing.log_in(world.contact.username)
    page.goto(browsing.url(detail))
    page.get_by_role("button", name="Skicka till samordnaren").click()
    expect(page.get_by_text("Inskickat för granskning")).to_be_visible()

    page = browsing.log_in(world.coordinator.username)
    page.goto(browsing.url(detail))
    page.get_by_label("Kommentar till förvaltningen").fill("Ange målgruppen.")
    page.get_by_role("button", name="Återsänd med kommentar").click()
    expect(page.get_by_text("Återsänt för komplettering")).to_be_visible()

    page = browsing.log_in(world.contact.username)
    page.goto(browsing.url(detail))
    expect(page.get_by_text("Ange målgruppen.")).to_be_visible()
    page_checker.check(page, "issue4-contact-returned")
    page.get_by_role("link", name="Redigera").click()
    page.get_by_label("Målgrupper").fill("Gymnasieelever")
    page.get_by_label("Indikator 1").fill("Elever som deltar")
    page.get_by_label("Målvärde 1").fill("30")
    page_checker.check(page, "issue4-contact-edit")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("button", name="Skicka till samordnaren").click()
    expect(page.get_by_text("Inskickat för granskning")).to_be_visible()

    page = browsing.log_in(world.coordinator.username)
    page.goto(browsing.url(detail))
    page.get_by_role("button", name="Godkänn till projektbanken").click()
    expect(page.get_by_text("Godkänt i projektbanken")).to_be_visible()
    page.get_by_role("link", name="Redigera").click()
    page.get_by_label("Publicera på webbplatsen").check()
    page.get_by_role("button", name="Spara").click()
    page_checker.check(page, "issue4-coordinator-detail")
    page.goto(browsing.url("/projects/?phase=ongoing&sort=-grant"))
    expect(page.get_by_role("row").filter(has_text=TITLE)).to_be_visible()
    page_checker.check(page, "issue4-bank-filtered")
    page.goto(browsing.url("/projects/activities/new/"))
    page_checker.check(page, "issue4-activity-form")
    page.goto(browsing.url("/calendar/?month=2026-05"))
    page_checker.check(page, "issue4-calendar")

    assert Project.objects.get(pk=project.pk).is_public
    visitor = browsing.open()
    visitor.goto(browsing.url("/public/projects/"))
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(TITLE)
    page_checker.check(visitor, "issue4-public-detail")
