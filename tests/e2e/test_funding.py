"""Issue 19 end to end: a contact finds a call on the dashboard, starts a project idea from
it, and the coordinator sees the idea; axe on every radar page, also at phone width."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from funding import services
from funding.models import CallIdea
from projects.models import Project
from tests import factories
from tests.conftest import World
from tests.e2e.conftest import Browsing, PageChecker
from tests.funding.helpers import make_call

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Erasmus+ KA1: ungdomsutbyten (KA152)"


def test_contact_starts_idea_from_dashboard_call_and_coordinator_sees_it(
    world: World, browsing: Browsing, page_checker: PageChecker
) -> None:
    area = factories.FocusAreaFactory(name="Ungdomars delaktighet och lärande")
    services.keywords_save(
        user=world.coordinator,
        focus_area_id=area.pk,
        data={"words_sv": "ungdom, delaktighet", "words_en": "youth, exchange"},
    )
    today = datetime.date.today()
    call = make_call(
        title=TITLE,
        identifier="ERASMUS-2027-KA152-YOU",
        opening_date=today - datetime.timedelta(days=10),
        deadline=today + datetime.timedelta(days=40),
        themes="youth, ungdom",
    )
    make_call(
        title="Hydrogen valleys",
        identifier="HORIZON-H2",
        summary="Electrolysers.",
        themes="hydrogen",
        programme=factories.FundingProgrammeFactory(name="Horizon Europe"),
    )

    page = browsing.log_in(world.contact.username)
    block = page.get_by_role("region", name="Utlysningar som passar")
    expect(block.get_by_role("link", name=TITLE)).to_be_visible()
    block.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("region", name="Varför den matchar")).to_contain_text("youth")
    page_checker.check(page, "funding-call-detail")
    page.get_by_role("button", name="Starta projektidé").click()
    expect(page.get_by_label("Titel")).to_have_value(TITLE)
    page_checker.check(page, "funding-idea-form")
    page.get_by_role("button", name="Spara").click()
    project = CallIdea.objects.get(call=call).project
    assert project.phase == Project.Phase.IDEA
    assert project.programme == call.programme

    page.goto(browsing.url("/funding/"))
    expect(page.get_by_role("row").filter(has_text=TITLE)).to_contain_text("Intressant")
    page_checker.check(page, "funding-radar-contact")
    page.set_viewport_size({"width": 375, "height": 800})
    page_checker.check(page, "funding-radar-phone")

    page = browsing.log_in(world.coordinator.username)
    page.goto(browsing.url(f"/funding/{call.pk}/"))
    ideas = page.get_by_role("region", name="Projektidéer från utlysningen")
    expect(ideas.get_by_role("link", name=TITLE)).to_be_visible()
    page_checker.check(page, "funding-call-coordinator")
    for path, name in [
        ("/funding/?sort=score&status=all", "funding-radar-coordinator"),
        ("/funding/import/", "funding-import"),
        ("/funding/new/", "funding-call-form"),
        ("/funding/keywords/", "funding-keywords"),
        (f"/funding/keywords/area/{area.pk}/", "funding-keywords-form"),
        ("/funding/figures/", "funding-figures"),
    ]:
        page.goto(browsing.url(path))
        page_checker.check(page, name)
