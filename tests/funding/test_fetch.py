"""fetch_funding_calls against a local HTTP server that answers like the portal's search API
(the real portal is never contacted in tests): paging, the programme filter, timeouts."""

from __future__ import annotations

import copy
import io
import json
import threading
import time
from collections.abc import Iterator
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command

from funding.models import Call
from funding.tasks import fetch_calls

pytestmark = pytest.mark.django_db
SAMPLE = json.loads((Path(__file__).parent / "data" / "sedia_sample.json").read_text())


class Portal(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]] = []
    delay = 0.0

    def do_POST(self) -> None:  # noqa: N802 - the http.server interface
        query = parse_qs(urlsplit(self.path).query)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body
        )
        parts = {p.get_param("name", header="content-disposition"): p.get_content()
                 for p in message.iter_parts()}  # fmt: skip
        Portal.requests.append({"query": query, "parts": parts})
        time.sleep(Portal.delay)
        number, size = int(query["pageNumber"][0]), int(query["pageSize"][0])
        page = copy.deepcopy(SAMPLE)
        page["results"] = SAMPLE["results"][(number - 1) * size : number * size]
        page["pageNumber"], page["pageSize"] = number, size
        data = json.dumps(page).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except BrokenPipeError:  # the client gave up (the timeout test)
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def portal(settings: Any) -> Iterator[type[Portal]]:
    Portal.requests, Portal.delay = [], 0.0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FUNDING_API_URL = f"http://127.0.0.1:{server.server_address[1]}/search"
    try:
        yield Portal
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_pages_through_the_results_with_the_programme_filter(portal: type[Portal]) -> None:
    out = io.StringIO()
    call_command("fetch_funding_calls", "--programme", "ERASMUS", "--page-size", "2", stdout=out)

    assert [r["query"]["pageNumber"] for r in portal.requests] == [["1"], ["2"], ["3"]]
    first = portal.requests[0]
    assert first["query"]["apiKey"] == ["SEDIA"]
    query = json.loads(first["parts"]["query"])
    assert {"terms": {"frameworkProgramme": ["43353764"]}} in query["bool"]["must"]
    assert json.loads(first["parts"]["languages"]) == ["en"]
    assert "3 pages, 3 created" in out.getvalue()
    assert Call.objects.count() == 3

    call_command("fetch_funding_calls", "--page-size", "50", stdout=io.StringIO())
    assert Call.objects.count() == 3  # fetched again: updated, not duplicated


def test_fetch_gives_up_after_the_timeout_with_a_clear_message(portal: type[Portal]) -> None:
    portal.delay = 2.0
    with pytest.raises(CommandError, match="EU-portalen svarade inte.*Timeout"):
        call_command("fetch_funding_calls", "--timeout", "0.5", stdout=io.StringIO())
    assert Call.objects.count() == 0


def test_daily_task_does_nothing_unless_network_is_allowed(settings: Any) -> None:
    settings.FUNDING_FETCH_ENABLED = False
    settings.FUNDING_API_URL = "http://192.0.2.1/never-contacted"
    assert fetch_calls() == 0
