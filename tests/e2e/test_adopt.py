"""A new municipality takes the portal into use, from an empty database, in Chromium (issue 13).

setup_municipality makes Lidköping and its coordinator; the coordinator chooses a password
from the printed link, fills in the municipality and its logo, a committee, two departments,
focus areas and an exchange rate under Inställningar, and invites a department contact; the
contact chooses a password from the mailed link and submits a project in euro; the coordinator
approves it and the bank shows it in kronor; the public page shows Lidköping and its logo.
The Django admin is never opened (every request of every page is watched). axe runs on every
portal page visited.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Request, expect

from intl_portal.organisation.models import Municipality, Role, User
from projects.models import Project
from tests.conftest import SmtpServer, WorkerProcess, wait_for
from tests.e2e.conftest import Browsing
from tests.organisation.setups import PNG
from tests.organisation.test_setup_and_accounts import add_funding_programmes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://\S+/accounts/password/\S+/")
TITLE = "Vänortsutbyte för unga i Vänersborg och Halden"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class Visit:
    """One person's browser session; remembers every URL the browser requested."""

    def __init__(self, browsing: Browsing, requested: list[str]) -> None:
        self.browsing = browsing
        self.page = browsing.open()
        self.page.set_default_timeout(30_000)  # a shared machine
        self.page.on("request", lambda request: requested.append(_path(request)))

    def check(self, name: str) -> None:
        self.browsing.checker.check(self.page, f"adopt-{name}")

    def choose_password(self, link: str, password: str) -> None:
        self.page.goto(link)
        self.page.wait_for_url("**/set-password/")
        self.check("choose-password")
        self.page.locator("input[name=new_password1]").fill(password)
        self.page.locator("input[name=new_password2]").fill(password)
        self.page.get_by_role("button", name="Spara lösenordet och logga in").click()
        self.page.wait_for_url(self.browsing.url("/dashboard/"))

    def add(self, kind: str, fields: dict[str, str], selects: dict[str, str] | None = None) -> None:
        page = self.page
        page.goto(self.browsing.url(f"/settings/{kind}/"))
        page.locator("main a.btn-primary").click()
        for label, value in fields.items():
            page.get_by_label(label).fill(value)
        for label, option in (selects or {}).items():
            page.get_by_label(label).select_option(label=option)
        self.check(f"{kind}-form")
        page.get_by_role("button", name="Spara").click()
        page.wait_for_url(self.browsing.url(f"/settings/{kind}/"))
        expect(page.get_by_role("status").filter(has_text="Sparat.")).to_be_visible()


def _path(request: Request) -> str:
    return re.sub(r"^https?://[^/]+", "", request.url)


def _fill_in_the_municipality(coordinator: Visit) -> None:
    page = coordinator.page
    page.get_by_role("link", name="Kommunen").first.click()
    page.get_by_label("Logotypens alternativtext").fill("Lidköpings kommuns vapen")
    page.get_by_label("Vision").fill("Lidköping – en öppen kommun i världen.")
    page.get_by_label("Kommunens webbplats").fill("https://lidkoping.se")
    page.get_by_label("Ny logotyp").set_input_files(
        files=[{"name": "vapen.png", "mimeType": "image/png", "buffer": PNG}]
    )
    coordinator.check("municipality")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Kommunens uppgifter är sparade.")).to_be_visible()
    expect(page.locator("header img.brand-logo")).to_have_attribute(
        "alt", "Lidköpings kommuns vapen"
    )


def _add_the_organisation(coordinator: Visit) -> None:
    coordinator.add("committees", {"Namn": "Kultur- och fritidsnämnden", "Förkortning": "KFN"})
    for name, short in (
        ("Kultur- och fritidsförvaltningen", "KFF"),
        ("Utbildningsförvaltningen", "UF"),
    ):
        coordinator.add(
            "departments",
            {"Namn": name, "Förkortning": short},
            {"Nämnd": "Kultur- och fritidsnämnden"},
        )
    coordinator.add("focus-areas", {"Namn": "Ungas delaktighet och lärande"})
    coordinator.add("focus-areas", {"Namn": "Hållbar regional utveckling"})
    coordinator.add(
        "exchange-rates", {"År": "2026", "Kronor per enhet": "11,50"}, {"Valuta": "euro (EUR)"}
    )
    coordinator.check("exchange-rates")


def _mail_text(message: Any) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return str(part.get_payload(decode=True).decode(part.get_content_charset()))
    raise AssertionError("no text part")


def _invite_a_contact(
    coordinator: Visit, browsing: Browsing, smtp: SmtpServer, worker: WorkerProcess
) -> str:
    """The invitation's text, as the Celery worker delivered it to the real SMTP server."""
    page = coordinator.page
    page.goto(browsing.url("/settings/users/invite/"))
    page.get_by_label("E-postadress").fill("eva.lund@lidkoping.se")
    page.get_by_label("Förnamn").fill("Eva")
    page.get_by_label("Efternamn").fill("Lund")
    page.get_by_label("Roll").select_option(label="Kontaktperson")
    page.get_by_label("Förvaltning").select_option(label="Utbildningsförvaltningen")
    coordinator.check("invite")
    page.get_by_role("button", name="Skicka inbjudan").click()
    expect(page.get_by_text("En inbjudan har skickats till eva.lund@lidkoping.se.")).to_be_visible()
    coordinator.check("users")

    def delivered() -> list[Any]:
        return [m for m in smtp.messages() if m["To"] == "eva.lund@lidkoping.se"]

    wait_for(delivered, timeout=90, message=worker.log())
    return _mail_text(delivered()[0])


def _submit_a_project_in_euro(contact: Visit, browsing: Browsing) -> None:
    cpage = contact.page
    cpage.goto(browsing.url("/projects/new/"))
    cpage.get_by_label("Titel").fill(TITLE)
    cpage.get_by_label("Finansieringsprogram").select_option(label="Erasmus+")
    cpage.get_by_label("Startdatum").fill("2026-03-01")
    cpage.get_by_label("Valuta").select_option(value="EUR")
    cpage.get_by_label("Total budget").fill("60000")
    cpage.get_by_label("Beviljat bidrag").fill("50000")
    cpage.get_by_label("Ungas delaktighet och lärande").check()
    for label in ("EU-finansiering", "Nordisk finansiering", "Sida-finansiering"):
        cpage.get_by_label(label).select_option(label="Ja, undersökt")
    contact.check("project-form")
    cpage.get_by_role("button", name="Spara").click()
    cpage.get_by_role("button", name="Skicka till samordnaren").click()
    expect(cpage.get_by_text("Inskickat för granskning")).to_be_visible()


def test_lidkoping_takes_the_portal_into_use_without_the_admin(  # noqa: PLR0917 - fixtures
    browsing: Browsing,
    live_server: Any,
    tmp_path: Path,
    settings: Any,
    smtp_server: SmtpServer,
    celery_worker_process: WorkerProcess,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    add_funding_programmes()  # the data migration's rows (flushed by earlier browser tests)
    requested: list[str] = []
    assert not Municipality.objects.exists() and not User.objects.exists()

    out = StringIO()
    call_command(
        "setup_municipality",
        name="Lidköpings kommun",
        coordinator_email="samordnare@lidkoping.se",
        site_url=live_server.url,
        stdout=out,
    )
    found = LINK.search(out.getvalue())
    assert found, out.getvalue()

    # The coordinator chooses a password and sets the portal up.
    coordinator = Visit(browsing, requested)
    coordinator.choose_password(found.group(0), "Lidköping-vänorter-2026")
    page = coordinator.page
    page.get_by_role("link", name="Inställningar").click()
    coordinator.check("settings")

    _fill_in_the_municipality(coordinator)
    _add_the_organisation(coordinator)
    invitation = _invite_a_contact(coordinator, browsing, smtp_server, celery_worker_process)
    eva = User.objects.get(email="eva.lund@lidkoping.se")
    assert eva.role == Role.CONTACT and eva.department is not None

    # The contact chooses a password and submits a project in euro.
    contact = Visit(browsing, requested)
    link = LINK.search(invitation)
    assert link, invitation
    contact.choose_password(link.group(0), "Utbyte-med-Halden-2026")
    _submit_a_project_in_euro(contact, browsing)
    project = Project.objects.get(title=TITLE)
    assert project.department == eva.department and project.currency == "EUR"

    # The coordinator approves it; the bank shows the grant in kronor (50 000 EUR x 11,50).
    page.goto(browsing.url(f"/projects/{project.pk}/"))
    page.get_by_role("button", name="Godkänn till projektbanken").click()
    expect(page.get_by_text("Godkänt i projektbanken")).to_be_visible()
    page.goto(browsing.url("/projects/"))
    figures = _squash(page.locator(".bank-figures").inner_text())
    assert "575000kr" in figures, figures
    coordinator.check("bank")

    # The public page is Lidköping's, with its logo.
    visitor = Visit(browsing, requested)
    visitor.page.goto(browsing.url("/"))
    expect(visitor.page.get_by_role("heading", level=1)).to_contain_text("Lidköpings kommun")
    logo = visitor.page.locator("header img.brand-logo")
    expect(logo).to_have_attribute("alt", "Lidköpings kommuns vapen")
    assert logo.evaluate("img => img.naturalWidth") > 0
    visitor.check("public-home")

    # At phone width the settings area reflows.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(browsing.url("/settings/departments/"))
    coordinator.check("departments-375")

    assert not [path for path in requested if path.startswith("/admin")], "the admin was opened"
