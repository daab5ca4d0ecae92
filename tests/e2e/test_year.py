"""A whole year of work in the browser, with no dead end (issue 15).

A department contact registers a project and submits it; the coordinator returns it with a
comment; the contact completes it and submits again; the coordinator approves and publishes
it. The coordinator starts the year's plan; two departments write their goals and submit
their department plans; the coordinator accepts them, lays the plan forward and adopts it,
and opens the follow-up. One department reports, the other stays silent, and the coordinator
still closes the round, recording the silent department as "ej rapporterat" with the reason.
The annual report, rendered by the real worker, says so; it is published and the public finds
it. Every step is taken from what the previous page offers.
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from actionplans.models import ActionPlan, FollowUpPart
from projects.models import Project
from tests import factories
from tests.conftest import WorkerProcess, World
from tests.e2e.conftest import Browsing, PageChecker

pytestmark = [pytest.mark.e2e, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

TITLE = "Unga ledare i Norden"
FOCUS_AREA = "Ungdomars delaktighet och lärande"
OWN_GOAL = "Fler unga deltar i utbyten med våra vänorter"
OTHER_GOAL = "Fler internationella kulturbesök i kommunen"
RETURN_COMMENT = "Ange vilka skolor som deltar."
SILENCE_REASON = "Förvaltningen hann inte rapportera före nämndens sammanträde."


def _menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name=name).click()


def _status(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def _register_and_submit(page: Page, check: PageChecker) -> None:
    page.get_by_role("link", name="Registrera ett nytt projekt").click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Sammanfattning").fill("Unga från tre vänorter leder ett gemensamt forum.")
    page.get_by_label("Finansieringsprogram", exact=True).select_option(label="Erasmus+")
    page.get_by_label("Fas").select_option(label="Pågående")
    page.get_by_label("Startdatum").fill(f"{timezone.now().year}-01-15")
    page.get_by_label(FOCUS_AREA).check()
    # The strategy asks that co-financing is always looked into before a project is submitted.
    for source in ("EU-finansiering", "Nordisk finansiering", "Sida-finansiering"):
        page.get_by_label(f"{source} undersökt").select_option(label="Ja, undersökt")
    page.get_by_role("button", name="Spara").click()
    _status(page, "Projektet sparades som utkast.")
    page.get_by_role("button", name="Skicka till samordnaren").click()
    _status(page, "skickades till samordnaren")
    check.check(page, "year-contact-submitted")


def _coordinator_returns(page: Page, check: PageChecker) -> None:
    _menu(page, "Projektbanken")
    page.get_by_role("row").filter(has_text=TITLE).get_by_role("link", name=TITLE).click()
    page.get_by_label("Kommentar till förvaltningen").fill(RETURN_COMMENT)
    page.get_by_role("button", name="Återsänd med kommentar").click()
    _status(page, "återsändes till förvaltningen")
    check.check(page, "year-coordinator-returned")


def _contact_completes_and_resubmits(page: Page, check: PageChecker) -> None:
    page.reload()  # the contact's dashboard lists what came back
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.locator("main")).to_contain_text(RETURN_COMMENT)
    page.get_by_role("link", name="Redigera").click()
    page.get_by_label("Sammanfattning").fill(
        "Unga från tre vänorter leder ett gemensamt forum. Skolor: Ringsted och Viborg."
    )
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("button", name="Skicka till samordnaren").click()
    _status(page, "skickades till samordnaren")
    check.check(page, "year-contact-resubmitted")


def _coordinator_approves_and_publishes(page: Page, check: PageChecker) -> None:
    page.reload()
    page.get_by_role("button", name="Godkänn till projektbanken").click()
    _status(page, "Projektet godkändes")
    page.get_by_role("button", name="Publicera", exact=True).click()
    _status(page, "Projektet är publicerat på webbplatsen.")
    check.check(page, "year-project-published")


def _plan_link(page: Page, year: int) -> None:
    _menu(page, "Handlingsplaner")
    page.get_by_role("link", name=str(ActionPlan.objects.get(year=year))).click()


def _coordinator_creates_plan(page: Page, check: PageChecker) -> None:
    _menu(page, "Handlingsplaner")
    page.get_by_role("link", name="Ny handlingsplan").click()
    page.get_by_role("button", name="Skapa").click()
    _status(page, "Handlingsplanen skapades.")
    check.check(page, "year-plan-created")


def _department_writes_its_plan(page: Page, year: int, goal: str, check: PageChecker) -> None:
    _plan_link(page, year)
    page.get_by_role("link", name="Lägg till mål").click()
    page.get_by_label("Fokusområde").select_option(label=FOCUS_AREA)
    page.get_by_label(re.compile(r"^\s*Mål\W*$")).fill(goal)
    page.get_by_label("Indikator").fill("Antal deltagare")
    page.get_by_label("Enhet").fill("personer")
    page.get_by_label("Målvärde").fill("40")
    page.get_by_role("button", name="Spara mål").click()
    _status(page, "Målet lades till")
    page.get_by_role("link", name="Förvaltningens plan").click()
    page.get_by_role("button", name="Skicka till samordnaren").click()
    _status(page, "Förvaltningsplanen skickades till samordnaren.")
    check.check(page, "year-department-plan-submitted")


def _coordinator_accepts_proposes_and_adopts(
    page: Page, world: World, year: int, check: PageChecker
) -> None:
    for department in (world.own_department, world.other_department):
        _plan_link(page, year)
        page.get_by_role("row").filter(has_text=department.name).get_by_role(
            "link", name=department.name
        ).click()
        page.get_by_role("button", name="Godkänn förvaltningsplanen").click()
        _status(page, "Förvaltningsplanen godkändes.")
    _plan_link(page, year)
    page.get_by_role("button", name="Lägg fram som förslag").click()
    _status(page, "Planen är nu ett förslag.")
    page.get_by_role("link", name="Registrera beslut och fastställ").click()
    page.get_by_label("Beslutsdatum").fill(f"{year}-02-10")
    page.get_by_label("Paragraf (§)").fill("12")
    page.get_by_label("Diarienummer").fill(f"KS {year}/31")
    check.check(page, "year-plan-adopt-form")
    page.get_by_role("button", name="Fastställ", exact=True).click()
    _status(page, "Planen är fastställd")
    check.check(page, "year-plan-adopted")


def _open_followup(page: Page, check: PageChecker) -> None:
    page.get_by_role("link", name="Öppna uppföljningen").click()
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Sista dag för rapportering").fill(deadline.isoformat())
    page.get_by_role("button", name="Öppna uppföljningen").click()
    _status(page, "är öppnad")
    check.check(page, "year-round-open")


def _contact_reports(page: Page, year: int, check: PageChecker) -> None:
    page.reload()  # the dashboard's to-do list now holds the department's part
    page.get_by_role("link", name=re.compile(f"^Uppföljning {year} – ")).click()
    page.get_by_role("row").filter(has_text=OWN_GOAL).get_by_role(
        "link", name=re.compile("^Rapportera")
    ).click()
    page.get_by_label("Utfall").fill("32")
    page.get_by_label("Status").select_option(label="Delvis uppnått")
    page.get_by_label("Analys och kommentar").fill("Två utbyten flyttades till våren.")
    page.get_by_role("button", name="Spara uppföljning").click()
    _status(page, "Uppföljningen sparades.")
    page.get_by_role("button", name="Markera förvaltningens del som klar").click()
    _status(page, "markerad som klar")
    check.check(page, "year-part-ready")


def _coordinator_closes_with_a_silent_department(
    page: Page, world: World, year: int, check: PageChecker
) -> None:
    page.reload()  # still on the follow-up board the round opened on
    own = page.get_by_role("row").filter(has_text=world.own_department.name)
    own.get_by_role("link", name=world.own_department.name).click()
    page.get_by_role("button", name="Godkänn uppföljningen").click()
    _status(page, "godkändes")
    expect(page.locator("main")).to_contain_text("1 förvaltning är inte godkänd.")
    page.get_by_label("Skäl till att delar inte rapporterats").fill(SILENCE_REASON)
    check.check(page, "year-board-before-close")
    page.get_by_role("button", name="Stäng uppföljningen").click()
    _status(page, "är stängd")
    silent = FollowUpPart.objects.get(round__plan__year=year, department=world.other_department)
    assert silent.status == FollowUpPart.Status.NOT_REPORTED
    assert silent.not_reported_reason == SILENCE_REASON
    check.check(page, "year-board-closed")


def _report_rendered_and_published(
    page: Page, year: int, worker: WorkerProcess, pdf_dir: Path, check: PageChecker
) -> str:
    _menu(page, "Årsrapporter")
    page.get_by_role("button", name="Skapa rapport").click()
    _status(page, "beställdes")
    row = page.locator("tbody tr").filter(has_text=f"Årsrapport {year}")
    try:
        expect(row).to_contain_text("Klar", timeout=120_000)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- worker log ---\n{worker.log()}") from exc
    with page.expect_download() as download_info:
        row.get_by_role("link", name=re.compile("^Ladda ned PDF")).click()
    path = pdf_dir / download_info.value.suggested_filename
    download_info.value.save_as(path)
    row.get_by_role("button", name=re.compile("^Publicera")).click()
    _status(page, "Rapporten är publicerad.")
    check.check(page, "year-report-published")
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    return re.sub("\u2010 ", "", text)  # words the PDF hyphenated across lines


def test_a_year_of_work_without_a_dead_end(  # noqa: PLR0913 - the fixtures a year needs
    world: World,
    browsing: Browsing,
    page_checker: PageChecker,
    celery_worker_process: WorkerProcess,
    pdf_dir: Path,
) -> None:
    year = timezone.now().year
    factories.FundingProgrammeFactory(name="Erasmus+")
    factories.FocusAreaFactory(name=FOCUS_AREA)

    karin = browsing.log_in(world.contact.username)
    _register_and_submit(karin, page_checker)
    sara = browsing.log_in(world.coordinator.username)
    _coordinator_returns(sara, page_checker)
    karin.goto(browsing.url("/dashboard/"))
    _contact_completes_and_resubmits(karin, page_checker)
    _coordinator_approves_and_publishes(sara, page_checker)
    project = Project.objects.get(title=TITLE)
    assert project.status == Project.Status.APPROVED and project.is_published

    _coordinator_creates_plan(sara, page_checker)
    _department_writes_its_plan(karin, year, OWN_GOAL, page_checker)
    kalle = browsing.log_in(world.other_contact.username)
    _department_writes_its_plan(kalle, year, OTHER_GOAL, page_checker)
    _coordinator_accepts_proposes_and_adopts(sara, world, year, page_checker)
    _open_followup(sara, page_checker)
    karin.goto(browsing.url("/dashboard/"))
    _contact_reports(karin, year, page_checker)
    _coordinator_closes_with_a_silent_department(sara, world, year, page_checker)

    text = _report_rendered_and_published(sara, year, celery_worker_process, pdf_dir, page_checker)
    assert TITLE in text
    assert OWN_GOAL in text and "Delvis uppnått" in text
    assert world.other_department.name in text and "ej rapporterat" in text.lower()
    assert SILENCE_REASON in text

    # The public finds the published project and the published report.
    visitor = browsing.open()
    visitor.goto(browsing.url("/"))
    _menu(visitor, "Pågående projekt")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    _menu(visitor, "Årsrapporter")
    expect(visitor.get_by_role("link", name=re.compile(f"Årsrapport {year}"))).to_be_visible()
    page_checker.check(visitor, "year-public-reports")

    page_checker.assert_clean()
