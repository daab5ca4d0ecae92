"""The load benchmark's HTTP side: a logged-in session on loopback, and the latencies of many
requests to one page from a few threads (benchmarks/load.py)."""

from __future__ import annotations

import http.client
import re
import socket
import statistics
import threading
import time
import urllib.parse

HOST = "127.0.0.1"
PASSWORD = "demo-portal-2026"  # noqa: S105 - the demo data's password


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Session:
    """A logged-in HTTP session against loopback only."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes, float]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, data, elapsed

    def log_in(self, username: str, admin: bool = False) -> None:
        path = "/admin/login/" if admin else "/accounts/login/"
        _status, page, _ = self.request("GET", path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no CSRF token on the login page"
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": PASSWORD,
            }
        )
        status, _, _ = self.request("POST", path, form)
        assert status == 302, f"login as {username} failed ({status})"


def drive(
    port: int, cookies: dict[str, str], path: str, requests: int, concurrency: int
) -> dict[str, float | int]:
    """`requests` GETs of one page from `concurrency` threads; latencies in ms."""
    started = time.perf_counter()
    latencies, errors = sample(port, cookies, path, requests, concurrency)
    return summary(latencies, errors, time.perf_counter() - started)


def summary(latencies: list[float], errors: int, wall: float) -> dict[str, float | int]:
    q = statistics.quantiles(latencies, n=100)
    return {
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(q[49], 1),
        "p95_ms": round(q[94], 1),
        "p99_ms": round(q[98], 1),
        "errors": errors,
    }


def sample(
    port: int, cookies: dict[str, str], path: str, requests: int, concurrency: int
) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        nonlocal errors
        session = Session(port)
        session.cookies = dict(cookies)
        for _ in counter:
            status, _, ms = session.request("GET", path)
            with lock:
                latencies.append(ms)
                errors += status >= 400

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors
