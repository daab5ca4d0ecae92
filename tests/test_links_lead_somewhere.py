"""Every link a page shows leads somewhere the reader may go (issue 33).

For each row of the permission matrix and each role that may open the page (coordinator,
department contact, council member, visitor), the page's same-site links are followed (GET):
none may answer 403 (a link offered to someone who may not open it: ask the policy before
showing it) or 500. The pages are read in one world holding every setup's objects side by
side, so lists and the dashboard show real rows (an open follow-up round, a draft plan).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.conftest import World
from tests.permission_matrix import MATRIX, OK
from tests.test_permission_matrix import SETUPS

ROLES = ("coordinator", "contact", "council", "anonymous")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def same_site_links(page_url: str, html: str) -> list[str]:
    """The page's links to this site (path and query), without fragments and static files."""
    parser = _Links()
    parser.feed(html)
    links = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin(f"http://testserver{page_url}", href))
        if parts.scheme not in {"http", "https"} or parts.netloc != "testserver":
            continue
        if parts.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return sorted(set(links))


def _client(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


# Links to one kind of page (URL name and query keys) followed per role: a list of fifty
# projects shows fifty links to one view, and the policy answers per object kind and state,
# which the setups vary; three keeps the run within a minute or so.
PER_KIND = 3


def _kind(link: str) -> tuple[str, ...]:
    parts = urlsplit(link)
    try:
        name = resolve(parts.path).view_name
    except Resolver404:
        name = parts.path
    return (name, *sorted(parse_qs(parts.query)))


@dataclass
class _Reader:
    """One role's client; each URL requested once, pages and links alike."""

    client: Client
    answers: dict[str, tuple[int, str]] = field(default_factory=dict)  # url -> status, HTML

    def get(self, url: str) -> tuple[int, str]:
        if url not in self.answers:
            # In a savepoint of its own: a GET writes nothing, but a page that fails must not
            # leave the transaction broken for the next.
            with transaction.atomic():
                response = self.client.get(url)
                transaction.set_rollback(True)
            html = "text/html" in response.get("Content-Type", "")
            self.answers[url] = (response.status_code, response.content.decode() if html else "")
        return self.answers[url]


def _dead_links(client: Client, role: str, urls: list[str]) -> list[str]:
    """Links shown on these pages that answer 403 or 500; each distinct link followed once."""
    reader = _Reader(client)
    followed: set[str] = set()
    per_kind: Counter[tuple[str, ...]] = Counter()
    dead = []
    for url in urls:
        for link in same_site_links(url, reader.get(url)[1]):
            if link in followed or per_kind[_kind(link)] >= PER_KIND:
                continue
            followed.add(link)
            per_kind[_kind(link)] += 1
            status = reader.get(link)[0]
            if status in {403, 500}:
                dead.append(f"{role} on {url}: {link} answers {status}")
    return dead


def _build(
    world: World, request: pytest.FixtureRequest
) -> tuple[dict[str, dict[str, object]], list[str]]:
    """Every setup's objects side by side, each in a savepoint: pages then list real objects
    of every kind and state (an open follow-up round beside a published report, …). A setup
    that cannot stand beside an earlier one (the same plan year twice) is left out."""
    made: dict[str, dict[str, object]] = {}
    left_out = []
    for name, setup in SETUPS.items():
        try:
            with transaction.atomic():
                made[name] = setup(world, request)
        except Exception:  # noqa: BLE001 - any clash leaves this setup out, reported below
            left_out.append(name)
    return made, left_out


def test_every_link_a_role_is_shown_opens(world: World, request: pytest.FixtureRequest) -> None:
    made, left_out = _build(world, request)
    pages: dict[str, list[str]] = {role: [] for role in ROLES}
    for row in MATRIX:
        if row.setup not in made:
            continue
        for role in ROLES:
            if row.expected(role, "GET") == OK:
                pages[role].append(reverse(row.url, kwargs=made[row.setup]))
    dead = [
        problem
        for role in ROLES
        for problem in _dead_links(_client(world, role), role, sorted(set(pages[role])))
    ]
    assert not dead, "\n".join(dead)
    # Most rows are visited; what is left out is tested row by row in the permission matrix.
    assert len(left_out) < len(SETUPS) / 4, left_out


def test_links_are_read_from_pages() -> None:
    """The parser finds the links a page offers, and only this site's."""
    html = (
        '<a href="/followup/2026/">x</a><a href="https://example.org/">y</a>'
        '<a href="#main">z</a><a href="/static/a.css">s</a><a href="plans/?y=1#t">r</a>'
    )
    assert same_site_links("/actionplans/", html) == [
        "/actionplans/",
        "/actionplans/plans/?y=1",
        "/followup/2026/",
    ]
