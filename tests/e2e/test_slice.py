"""The foundation slice, end to end, as real people in a browser.

A department contact registers a project; the coordinator approves and publishes it, writes
the year's action plan with a followed-up goal, and orders the annual report, which a real
Celery worker renders while the page updates itself; a council member downloads the PDF; an
anonymous visitor sees the published project and nothing internal.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from projects.models import Project
from tests import factories
from tests.conftest import WorkerProcess, World
from tests.e2e.conftest import Browsing, PageChecker

pytestmark = [pytest.mark.e2e, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

TITLE = "Gröna skolgårdar i Östersjöregionen"
GOAL = "Fler elever deltar i utbyten med skolor i våra vänorter"
FOCUS_AREA = "Utbildning och unga"
OWN_CONTRIBUTION = "123457"
INTERNAL_COMMENT = "Intern anteckning: budgeten ska stämmas av med ekonomienheten."


@dataclass
class Slice:
    browsing: Browsing
    checker: PageChecker
    world: World
    year: int
    project_pk: int | None = None

    def url(self, path: str) -> str:
        return self.browsing.url(path)

    def check(self, page: Page, name: str) -> None:
        self.checker.check(page, name)


def _squash(text: str) -> str:
    """Text without any whitespace, so thousands written with (no-break) spaces compare."""
    return re.sub(r"\s+", "", text)


def _expect_forbidden(s: Slice, page: Page, path: str, name: str) -> None:
    response = page.goto(s.url(path))
    assert response is not None and response.status == 403, (
        f"{path}: {response and response.status}"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har inte behörighet")
    s.check(page, name)


def _contact_registers_project(s: Slice) -> None:
    page = s.browsing.log_in(s.world.contact.username)
    page.get_by_role("link", name="Registrera ett nytt projekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt projekt")
    expect(
        page.get_by_text(f"Projektet registreras för {s.world.own_department.name}.")
    ).to_be_visible()
    # Only the coordinator chooses the department and publication.
    expect(page.get_by_label("Publicera på webbplatsen")).to_have_count(0)
    expect(page.get_by_label("Ägande förvaltning")).to_have_count(0)
    s.check(page, "contact-project-form")

    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Akronym").fill("GRÖNA")
    page.get_by_label("Sammanfattning").fill(
        "Skolor i fyra länder gör om sina skolgårdar tillsammans med eleverna."
    )
    page.get_by_label("Projektledare").fill("Karin Lind")
    page.get_by_label("Kommunens roll").select_option(label="Huvudpartner (lead partner)")
    page.get_by_label("Finansieringsprogram", exact=True).select_option(label="Erasmus+")
    page.get_by_label("Fas").select_option(label="Ansökan")
    page.get_by_label("Startdatum").fill(f"{s.year}-02-01")
    page.get_by_label("Slutdatum").fill(f"{s.year + 1}-06-30")
    page.get_by_label("Total budget").fill("600000")
    page.get_by_label("Beviljat bidrag").fill("476543")
    page.get_by_label("Egen insats").fill(OWN_CONTRIBUTION)
    page.get_by_label("EU-finansiering undersökt").select_option(label="Ja, undersökt")
    page.get_by_label("Nordisk finansiering undersökt").select_option(label="Ja, undersökt")
    page.get_by_label("Sida-finansiering undersökt").select_option(label="Nej")
    page.get_by_label("Viborg Kommune").check()
    page.get_by_label(FOCUS_AREA).check()
    page.get_by_label("Målgrupper").fill("Elever i årskurs 4–9")
    page.get_by_role("button", name="Spara").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text("Projektet sparades som utkast.")
    s.project_pk = Project.objects.get(title=TITLE).pk
    s.check(page, "contact-project-draft")

    page.get_by_role("button", name="Skicka till samordnaren").click()
    expect(page.get_by_role("status")).to_contain_text("skickades till samordnaren")
    expect(page.get_by_text("Inskickat för granskning")).to_be_visible()
    expect(page.get_by_role("link", name="Redigera")).to_have_count(0)  # locked for the contact
    s.check(page, "contact-project-submitted")


def _others_are_refused(s: Slice) -> None:
    page = s.browsing.log_in(s.world.other_contact.username)
    _expect_forbidden(s, page, f"/projects/{s.project_pk}/edit/", "other-contact-edit-403")
    page = s.browsing.log_in(s.world.council.username)
    _expect_forbidden(s, page, "/projects/new/", "council-create-403")


def _coordinator_approves_and_publishes(s: Slice) -> Page:
    page = s.browsing.log_in(s.world.coordinator.username)
    page.get_by_role("link", name="Projektbanken").click()
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("Inskickat för granskning")
    s.check(page, "coordinator-project-bank")

    row.get_by_role("link", name=TITLE).click()
    s.check(page, "coordinator-project-submitted")
    page.get_by_role("button", name="Godkänn till projektbanken").click()
    expect(page.get_by_role("status")).to_contain_text("Projektet godkändes")
    expect(page.get_by_text("Godkänt i projektbanken")).to_be_visible()
    s.check(page, "coordinator-project-approved")

    page.get_by_role("link", name="Redigera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Redigera {TITLE}")
    s.check(page, "coordinator-project-edit")
    page.get_by_label("Fas").select_option(label="Pågående")
    page.get_by_label("Publicera på webbplatsen").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Ändringarna sparades.")
    expect(page.get_by_text("Publicerat på webbplatsen")).to_be_visible()
    s.check(page, "coordinator-project-published")
    return page


def _coordinator_writes_action_plan(s: Slice, page: Page) -> None:
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Handlingsplaner"
    ).click()
    s.check(page, "coordinator-plans")
    page.get_by_role("link", name="Ny handlingsplan").click()
    expect(page.get_by_label("År")).to_have_value(str(s.year))
    s.check(page, "coordinator-plan-form")
    page.get_by_role("button", name="Skapa").click()
    expect(page.get_by_role("status")).to_contain_text("Handlingsplanen skapades.")
    s.check(page, "coordinator-plan-empty")

    page.get_by_role("link", name="Lägg till mål").click()
    s.check(page, "coordinator-goal-form")
    page.get_by_label("Fokusområde").select_option(label=FOCUS_AREA)
    page.get_by_label("Ansvarig förvaltning").select_option(label=s.world.own_department.name)
    page.get_by_label(re.compile(r"^\s*Mål\W*$")).fill(GOAL)
    page.get_by_label("Indikator").fill("Antal elever som deltagit i utbyte")
    page.get_by_label("Enhet").fill("elever")
    page.get_by_label("Utgångsvärde").fill("12")
    page.get_by_label("Målvärde").fill("40")
    page.get_by_label(TITLE).check()
    page.get_by_role("button", name="Spara mål").click()
    expect(page.get_by_role("status")).to_contain_text("Målet lades till")
    goal_row = page.get_by_role("row").filter(has_text=GOAL)
    expect(goal_row).to_contain_text("Ej rapporterat")
    s.check(page, "coordinator-plan-with-goal")

    goal_row.get_by_role("link", name=re.compile("^Följ upp")).click()
    s.check(page, "coordinator-outcome-form")
    page.get_by_label("Utfall").fill("32")
    page.get_by_label("Status").select_option(label="Delvis uppnått")
    page.get_by_label("Kommentar").fill("Två utbyten flyttades till våren.")
    page.get_by_role("button", name="Spara uppföljning").click()
    expect(page.get_by_role("status")).to_contain_text("Uppföljningen sparades.")
    expect(page.get_by_role("row").filter(has_text=GOAL)).to_contain_text("Delvis uppnått")
    s.check(page, "coordinator-plan-followed-up")


def _coordinator_orders_report(s: Slice, page: Page, worker: WorkerProcess) -> None:
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Årsrapporter"
    ).click()
    expect(page.get_by_label("År")).to_have_value(str(s.year))
    s.check(page, "coordinator-reports-empty")

    started = time.monotonic()
    page.get_by_role("button", name="Skapa rapport").click()
    expect(page.get_by_role("status").filter(has_text="beställdes")).to_be_visible()
    ordering_took = time.monotonic() - started
    assert ordering_took < 5, f"the request should return at once, took {ordering_took:.1f} s"

    row = page.locator("tbody tr").filter(has_text=f"Årsrapport {s.year}")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(re.compile("I kö|Skapas"))
    expect(row).to_have_attribute("data-hx-get", re.compile(r"/reports/\d+/status/"))
    s.check(page, "coordinator-report-queued")

    # Mark this document and the original row; a reload would lose both marks, an htmx
    # swap replaces only the row.
    page.evaluate(
        """() => {
            window.e2eNoReload = true;
            document.querySelector('tbody tr[data-hx-get]').dataset.e2eOriginal = 'yes';
        }"""
    )
    polls: list[str] = []
    page.on("request", lambda r: polls.append(r.url) if "/status/" in r.url else None)
    navigations: list[str] = []
    page.on("framenavigated", lambda f: navigations.append(f.url) if f == page.main_frame else None)

    try:
        expect(row).to_contain_text("Klar", timeout=90_000)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- worker log ---\n{worker.log()}") from exc
    assert navigations == [], f"the page reloaded: {navigations}"
    assert page.evaluate("() => window.e2eNoReload === true"), "the page was reloaded"
    assert polls, "htmx never polled the job's state"
    expect(row).not_to_have_attribute("data-e2e-original", "yes")  # the row was swapped
    expect(row).not_to_have_attribute("data-hx-get", re.compile(".*"))  # and polling stopped
    expect(row).to_contain_text("version 1")
    # Screen readers hear the change through the page's one live region, which outlives swaps.
    expect(page.locator("#report-announcer")).to_have_text(f"Årsrapport {s.year}, version 1: Klar")
    expect(page.locator("#report-announcer")).to_have_attribute("role", "status")
    s.check(page, "coordinator-report-done")

    row.get_by_role("button", name=re.compile("^Publicera")).click()
    expect(page.get_by_role("status").filter(has_text="Rapporten är publicerad.")).to_be_visible()
    expect(page.locator("tbody tr").filter(has_text=f"Årsrapport {s.year}")).to_contain_text(
        "Publicerad"
    )
    s.check(page, "coordinator-report-published")


def _council_downloads_pdf(s: Slice, pdf_dir: Path) -> Path:
    page = s.browsing.log_in(s.world.council.username)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Årsrapporter"
    ).click()
    expect(page.get_by_role("button", name="Skapa rapport")).to_have_count(0)
    s.check(page, "council-reports")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Ladda ned PDF")).click()
    download = download_info.value
    assert download.suggested_filename == f"arsrapport-{s.year}-v1.pdf"
    path = pdf_dir / download.suggested_filename
    download.save_as(path)

    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    text = re.sub("\u2010 ", "", text)  # join words the PDF hyphenated across lines
    assert TITLE in text, text[:2000]
    assert GOAL in text, text[:2000]
    assert FOCUS_AREA in text
    return path


def _visitor_sees_public_project(s: Slice) -> None:
    # A stored review comment must never reach the public page, whatever the workflow did.
    Project.objects.filter(pk=s.project_pk).update(review_comment=INTERNAL_COMMENT)

    page = s.browsing.open()
    page.goto(s.url("/"))
    s.check(page, "public-home")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Pågående projekt"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pågående internationella projekt")
    s.check(page, "public-projects")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.locator("main")).to_contain_text("Pågående")
    expect(page.locator("main")).to_contain_text("Erasmus+")
    expect(page.locator("main")).to_contain_text("Danmark")
    s.check(page, "public-project-detail")

    body = page.locator("body").inner_text()
    for internal in (
        INTERNAL_COMMENT,
        "Samordnarens kommentar",
        "Egen insats",
        "Total budget",
        "Beviljat bidrag",
        "Granskning",
        "Godkänt i projektbanken",
        "Projektledare",
        "Karin Lind",
    ):
        assert internal not in body, f"the public page shows internal text {internal!r}"
    assert OWN_CONTRIBUTION not in _squash(body), "the public page shows the own contribution"
    assert "476543" not in _squash(body), "the public page shows the grant amount"
    for name in ("Redigera", "Skicka till samordnaren", "Godkänn till projektbanken"):
        expect(page.get_by_role("link", name=name)).to_have_count(0)
        expect(page.get_by_role("button", name=name)).to_have_count(0)
    internal_links = page.locator(
        "a[href^='/dashboard'], a[href^='/projects/'], a[href^='/partners/'], "
        "a[href^='/plans/'], a[href^='/reports/'], a[href^='/goals/'], a[href^='/admin/']"
    )
    expect(internal_links).to_have_count(0)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Årsrapporter"
    ).click()
    expect(
        page.get_by_role("link", name=re.compile(f"Årsrapport {s.year}, version 1"))
    ).to_be_visible()
    s.check(page, "public-reports")


def test_foundation_slice(
    world: World,
    browsing: Browsing,
    page_checker: PageChecker,
    celery_worker_process: WorkerProcess,
    pdf_dir: Path,
) -> None:
    factories.FundingProgrammeFactory(name="Erasmus+")
    factories.FocusAreaFactory(name=FOCUS_AREA)
    factories.PartnerFactory(name="Viborg Kommune", country="DK")
    s = Slice(browsing=browsing, checker=page_checker, world=world, year=timezone.now().year)

    _contact_registers_project(s)
    _others_are_refused(s)
    page = _coordinator_approves_and_publishes(s)
    _coordinator_writes_action_plan(s, page)
    _coordinator_orders_report(s, page, celery_worker_process)
    _council_downloads_pdf(s, pdf_dir)
    _visitor_sees_public_project(s)

    page_checker.assert_clean()
