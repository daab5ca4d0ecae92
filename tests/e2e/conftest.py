"""End-to-end fixtures: headless Chromium (Playwright, sync API) and an axe-core page checker.

Every page a test visits goes through `PageChecker.check`: a full-page screenshot into
`test-artifacts/[gwN/]screenshots/NN-name.png`, an axe-core run with the WCAG 2.1 A/AA tags and
pa11y's HTML_CodeSniffer run (WCAG2AA errors: duplicate ids and contrast among them, `pa11y.py`);
the page is also laid out at 320×640 and 375×812 CSS px, where the document may be no wider
than the viewport (WCAG 1.4.10 reflow; a screenshot at each width beside the first), and its
HTML is saved for the Nu HTML Checker, which runs once over all saved pages at the end of the
session (`vnu_batch`, once per pytest-xdist process). Violations, Content-Security-Policy
reports, script errors, reflow failures and HTML errors are collected and fail the test (or,
for HTML, the session).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests import factories
from tests.e2e.pa11y import format_issues, run_pa11y

# Playwright's sync API keeps an event loop running in this thread; Django's ORM refuses to run
# while a loop is running. The tests call the ORM only between browser steps, never concurrently.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BASE_DIR = Path(__file__).resolve().parents[2]
# One folder per pytest-xdist process ("gw0", …), so parallel processes never share files.
ARTIFACTS_DIR = BASE_DIR / "test-artifacts" / os.environ.get("PYTEST_XDIST_WORKER", "")
SCREENSHOT_DIR = ARTIFACTS_DIR / "screenshots"
HTML_DIR = ARTIFACTS_DIR / "html"
VNU_JAR = Path(
    os.environ.get("VNU_JAR", BASE_DIR / "tools/node_modules/vnu-jar/build/dist/vnu.jar")
)
# Phone sizes every page must reflow to without a horizontal scroll of the page.
NARROW_VIEWPORTS = ((320, 640), (375, 812))

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


# Chromium now and then answers a full-page capture with "Unable to capture screenshot" while
# its compositor is still settling (seen in CI just after a viewport resize and a navigation).
# The capture is retried after the next frames; a page that never captures still fails.
SCREENSHOT_ATTEMPTS = 3
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def screenshot(page: Page, path: Path) -> None:
    """A full-page screenshot of the page as it is now."""
    for attempt in range(1, SCREENSHOT_ATTEMPTS + 1):
        try:
            page.screenshot(path=str(path), full_page=True)
            return
        except PlaywrightError as error:
            if "Unable to capture screenshot" not in str(error) or attempt == SCREENSHOT_ATTEMPTS:
                raise
            page.evaluate(NEXT_FRAMES)
            page.wait_for_timeout(250 * attempt)


def _format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
            f"\n    {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    - {', '.join(str(t) for t in node['target'])}")
            lines.append(f"      {node['html'][:300]}")
            summary = node.get("failureSummary", "").replace("\n", "\n        ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


@dataclass
class PageChecker:
    """Screenshots and axe-checks every page; collects every problem found."""

    directory: Path
    numbers: Iterator[int]
    html_dir: Path | None = None
    axe: Axe = field(default_factory=Axe)
    problems: list[str] = field(default_factory=list)
    # "engine: report" -> pages, so one problem of the base layout is reported once
    violations: dict[str, list[str]] = field(default_factory=dict)

    def watch(self, page: Page) -> None:
        """Record CSP reports and uncaught script errors on this page."""

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error" and "Content Security Policy" in message.text:
                self.problems.append(f"CSP violation on {page.url}: {message.text}")

        page.on("console", on_console)
        page.on(
            "pageerror", lambda error: self.problems.append(f"Script error on {page.url}: {error}")
        )

    def check(self, page: Page, name: str) -> Path:
        """Screenshot the page as it is now and run axe and pa11y on it."""
        page.wait_for_load_state("load")
        path = self.directory / f"{next(self.numbers):02d}-{name}.png"
        screenshot(page, path)
        violations = self.axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            text = _format_violations(violations)
            print(f"axe on {name} ({page.url}):\n{text}")  # noqa: T201 - shown on failure
            self.violations.setdefault(f"axe: {text}", []).append(f"{name} ({page.url})")
        issues = run_pa11y(page)
        if issues:
            text = format_issues(issues)
            print(f"pa11y on {name} ({page.url}):\n{text}")  # noqa: T201 - shown on failure
            self.violations.setdefault(f"pa11y: {text}", []).append(f"{name} ({page.url})")
        if self.html_dir is not None:
            html_path = self.html_dir / f"{path.stem}.html"
            html_path.write_text(f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8")
        self.check_reflow(page, path)
        return path

    def check_reflow(self, page: Page, path: Path) -> None:
        """At phone widths the document is no wider than the viewport (tables scroll inside)."""
        original = page.viewport_size
        try:
            for width, height in NARROW_VIEWPORTS:
                page.set_viewport_size({"width": width, "height": height})
                document_width = page.evaluate("document.documentElement.scrollWidth")
                narrow = path.with_name(f"{path.stem}-{width}px.png")
                screenshot(page, narrow)
                if document_width > width:
                    self.problems.append(
                        f"Reflow: {path.stem} ({page.url}) is {document_width} px wide "
                        f"at a {width} px viewport"
                    )
        finally:
            if original:
                page.set_viewport_size(original)

    def assert_clean(self) -> None:
        reports = [
            f"{text.partition(': ')[0]}: WCAG 2.1 A/AA violations on {len(pages)} page(s):\n"
            + "".join(f"  * {where}\n" for where in pages)
            + text.partition(": ")[2]
            for text, pages in self.violations.items()
        ]
        problems = reports + self.problems
        self.violations, self.problems = {}, []
        assert not problems, "\n\n".join(problems)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless. A missing or broken browser fails the run; it never skips."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it (make test-debs)", pytrace=False)
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - any launch problem is a test failure
            pytest.fail(f"Could not start Chromium at {CHROMIUM}: {exc}", pytrace=False)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def screenshot_numbers() -> Iterator[int]:
    """Empties the screenshot folder once; numbers run on across the session's tests."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOT_DIR.glob("*.png"):  # the 320 px twins too
        old.unlink()
    return itertools.count(1)


def run_vnu(paths: list[Path]) -> list[str]:
    """The Nu HTML Checker's errors for the saved pages, one line each (warnings ignored)."""
    if not VNU_JAR.exists():
        return [f"Nu HTML Checker not found at {VNU_JAR}: run npm ci in tools/ (or set VNU_JAR)"]
    result = subprocess.run(
        ["java", "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         *[str(p) for p in paths]],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    try:
        messages = json.loads(result.stderr or result.stdout or "{}").get("messages", [])
    except json.JSONDecodeError:
        return [f"Nu HTML Checker did not answer in JSON: {result.stderr[:500]}"]
    errors = []
    for message in messages:
        if message.get("type") in {"error", "non-document-error"}:
            where = Path(message.get("url", "")).name
            extract = " ".join(message.get("extract", "").split())[:160]
            errors.append(
                f"{where}:{message.get('lastLine', '?')}: {message.get('message')} [{extract}]"
            )
    return errors


@pytest.fixture(scope="session")
def vnu_batch() -> Iterator[Path]:
    """Saved pages of the whole session, checked by the Nu HTML Checker once at its end."""
    shutil.rmtree(HTML_DIR, ignore_errors=True)
    HTML_DIR.mkdir(parents=True)
    yield HTML_DIR
    pages = sorted(HTML_DIR.glob("*.html"))
    if pages:
        errors = run_vnu(pages)
        assert not errors, f"Nu HTML Checker: {len(errors)} error(s) in {len(pages)} pages:\n" + (
            "\n".join(errors)
        )


@pytest.fixture
def page_checker(screenshot_numbers: Iterator[int], vnu_batch: Path) -> Iterator[PageChecker]:
    checker = PageChecker(directory=SCREENSHOT_DIR, numbers=screenshot_numbers, html_dir=vnu_batch)
    yield checker
    checker.assert_clean()


@dataclass
class Browsing:
    """Opens a fresh browser session (its own cookies) per person."""

    browser: Browser
    base_url: str
    checker: PageChecker
    contexts: list[BrowserContext] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def open(self) -> Page:
        context = self.browser.new_context(
            locale="sv-SE",
            timezone_id="Europe/Stockholm",
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        self.checker.watch(page)
        return page

    def log_in(self, username: str) -> Page:
        """Sign in through the login form, as a person would."""
        page = self.open()
        page.goto(self.url("/accounts/login/"))
        self.checker.check(page, f"{username}-login")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(factories.PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(self.url("/dashboard/"))
        self.checker.check(page, f"{username}-dashboard")
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(chromium: Browser, live_server: Any, page_checker: PageChecker) -> Iterator[Browsing]:
    browsing = Browsing(browser=chromium, base_url=live_server.url, checker=page_checker)
    try:
        yield browsing
    finally:
        browsing.close()


@pytest.fixture
def pdf_dir() -> Path:
    path = ARTIFACTS_DIR / "downloads"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
