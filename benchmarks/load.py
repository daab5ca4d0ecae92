"""Load benchmark: gunicorn (2 workers) on loopback over the large fixture, bounded load.

    .venv/bin/python benchmarks/load.py [--requests 200] [--concurrency 4] [--national]
        [--reuse-database] [--pages-only]

Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/intl_portal) and,
for the "while reports render" figure, a broker (CELERY_BROKER_URL, default Redis). It builds a
fresh database named after DATABASE_URL's with `_load` appended (`intl_portal_load` by default;
agents sharing a server each pass a name of their own), runs `seed_demo --scale large` (with
--national it then adds projects up to 150 000), starts gunicorn and a Celery worker on
127.0.0.1 only, and drives the main pages with a fixed number of requests per page (the
dashboards with the coordinator's and a department contact's full to-do lists, and the search,
also misspelled), in rounds together with the admin's changelist of the same projects.

The last line printed is one JSON object: pages (per page: rps, p50_ms, p95_ms, p99_ms),
ratio_to_admin_p95 (each page's p95 over the admin changelist's in the same rounds, figures in
admin_changelist_in_rounds) and pages_over_max_ratio (those above max_ratio_to_admin_p95),
errors, ours_vs_admin_p95, rendering_vs_idle_p95 (each with the two p95s it divides, measured
side by side) and, with --national, the project bank's first and last page p95 at that scale.
--reuse-database keeps the database of an earlier run (migrating it) instead of seeding it
again; --pages-only leaves out the figure while reports render.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import http_load  # beside this script
from http_load import HOST

BASE_DIR = Path(__file__).resolve().parents[1]
PY = sys.executable
# Every page's p95 at most this share of the admin changelist's (the same projects, Django's
# own listing), measured in the same rounds (issue 33).
MAX_RATIO_TO_ADMIN = 0.75
ROUNDS = 8
ADMIN = "admin_changelist"


def _env(workdir: Path) -> dict[str, str]:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/intl_portal")
    if not base.startswith("postgres"):
        sys.exit("benchmarks/load.py needs PostgreSQL in DATABASE_URL")
    root, _, name = base.rpartition("/")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intl_portal.settings.local",
        "DATABASE_URL": f"{root}/{name.split('?')[0]}_load",
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/10"),
        "INTL_PORTAL_VAR_DIR": str(workdir),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "LOG_LEVEL": "WARNING",
    }


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def _fresh_database(env: dict[str, str]) -> None:
    import psycopg
    from psycopg import sql

    root, _, name = env["DATABASE_URL"].rpartition("/")
    with psycopg.connect(f"{root}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _settle(env: dict[str, str]) -> None:
    """VACUUM ANALYZE after the bulk load, as a database that has been in use would be.

    Otherwise autovacuum works through the freshly loaded tables during the first pages driven
    (the project bank, measured against the admin, comes first), and the planner has no
    statistics for them yet.
    """
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def _national(env: dict[str, str], total: int) -> None:
    """Top the project bank up to `total` projects with one bulk insert per 10 000."""
    code = f"""
import django, datetime, random
django.setup()
from projects.models import Project, FundingProgramme
from intl_portal.organisation.models import Department
rng = random.Random(7)
depts = list(Department.objects.all()); progs = list(FundingProgramme.objects.all())
have = Project.objects.count()
while have < {total}:
    batch = []
    for i in range(have, min(have + 10000, {total})):
        start = datetime.date(2010 + i % 16, 1 + i % 12, 1)
        batch.append(Project(title=f"Projekt {{i:06d}}", department=rng.choice(depts),
            programme=rng.choice(progs), phase="ongoing", start_date=start,
            end_date=start + datetime.timedelta(days=700), budget_total=1000000,
            grant_amount=700000, own_contribution=300000, cofinancing_eu=True,
            cofinancing_nordic=True, cofinancing_sida=True, status="approved"))
    Project.objects.bulk_create(batch)
    have += len(batch)
"""
    subprocess.run([PY, "-c", code], cwd=BASE_DIR, env=env, check=True)


@contextmanager
def _process(cmd: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=BASE_DIR, env=env, stdout=out, stderr=out, start_new_session=True
        )
        try:
            yield proc
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)


def _nice_session(pid: int, nice: int) -> None:
    """Give the process's whole session the niceness its processes already have.

    With Linux's autogroup scheduling every session (start_new_session above) is scheduled as one
    group against the others, and `nice` only ranks processes inside their own group: without
    this the "nice -n 10" worker competes with gunicorn as an equal. (A deployment gives the
    worker's service a lower CPU weight for the same reason.) Elsewhere this does nothing.
    """
    with suppress(OSError):
        Path(f"/proc/{pid}/autogroup").write_text(f"{nice}\n")


def _rendering_vs_idle(  # noqa: PLR0917 - one step of the script
    env: dict[str, str],
    workdir: Path,
    port: int,
    cookies: dict[str, str],
    year: int,
    args: argparse.Namespace,
) -> tuple[dict[str, float | int], dict[str, float | int]]:
    """The project bank while three reports render in a worker on this machine, and idle.

    The two are measured side by side, the renders paused with SIGSTOP for the idle blocks. The
    renders must still be running when the last block ends, or the figure would include idle
    time; the benchmark stops with an error if they are not.
    """
    import psycopg

    worker_cmd = [
        PY,
        "-m",
        "celery",
        "-A",
        "intl_portal",
        "worker",
        "--concurrency=3",
        "--loglevel=WARNING",
        "--without-gossip",
        "--without-mingle",
    ]

    def running() -> int:
        with psycopg.connect(env["DATABASE_URL"]) as conn:
            row = conn.execute(
                "SELECT count(*) FROM actionplans_annualreport WHERE state = 'running'"
            ).fetchone()
        return row[0] if row else 0

    bank = (cookies, "/projects/")
    with _process(["nice", "-n", "10", *worker_cmd], env, workdir / "worker.log") as worker:
        _nice_session(worker.pid, 10)
        code = (
            "import django; django.setup(); from reports import services; "
            "from intl_portal.organisation.models import User; "
            "u = User.objects.get(username='samordnare'); "
            f"[services.report_request(user=u, year={year}) for _ in range(3)]"
        )
        subprocess.run([PY, "-c", code], cwd=BASE_DIR, env=env, check=True)
        deadline = time.monotonic() + 60
        while running() < 3:
            if time.monotonic() > deadline:
                sys.exit("the three reports did not start rendering within a minute")
            time.sleep(0.2)

        def renders(rendering: bool) -> None:
            os.killpg(worker.pid, signal.SIGCONT if rendering else signal.SIGSTOP)
            time.sleep(0.2)

        try:
            idle, busy = _side_by_side(port, bank, bank, args, before_block=renders)
        finally:
            os.killpg(worker.pid, signal.SIGCONT)
        if running() < 3:
            sys.exit("a report finished before the measurement did: rendering_vs_idle is void")
    return idle, busy


def _side_by_side(
    port: int,
    first: tuple[dict[str, str], str],
    second: tuple[dict[str, str], str],
    args: argparse.Namespace,
    before_block: Callable[[bool], None] | None = None,
) -> tuple[dict[str, float | int], dict[str, float | int]]:
    """Two (cookies, path) measured in alternating blocks: first, second, second, first, twice.

    Each gets `args.requests` requests in all. Within a few seconds of each other and in a
    balanced order, the two meet the same machine: two runs far apart on a shared machine
    differ by more than most of what a ratio of them is meant to show.
    """
    block = max(args.requests // 4, 2 * args.concurrency)
    samples: dict[bool, list[float]] = {False: [], True: []}
    errors = {False: 0, True: 0}
    walls = {False: 0.0, True: 0.0}
    for is_second in (False, True, True, False) * 2:
        if before_block:
            before_block(is_second)
        cookies, path = second if is_second else first
        started = time.perf_counter()
        latencies, failed = http_load.sample(port, cookies, path, block, args.concurrency)
        walls[is_second] += time.perf_counter() - started
        samples[is_second] += latencies
        errors[is_second] += failed
    first_figures, second_figures = (
        http_load.summary(samples[side], errors[side], walls[side]) for side in (False, True)
    )
    return first_figures, second_figures


def _in_rounds(
    port: int,
    targets: dict[str, tuple[dict[str, str], str]],
    admin: tuple[dict[str, str], str],
    args: argparse.Namespace,
) -> tuple[dict[str, dict[str, float | int]], dict[str, float | int]]:
    """Every page and the admin's changelist in ROUNDS rounds of one block each.

    Each round visits them all, starting one further along than the round before, so every
    page's samples (and the admin's) are spread over the same minutes and the same positions:
    a page's p95 divided by the admin's is then a ratio measured under the same load, which
    on a shared machine two pages measured one after the other are not.
    """
    order = [*targets, ADMIN]
    everything = {**targets, ADMIN: admin}
    block = max(args.requests // ROUNDS, args.concurrency)
    samples: dict[str, list[float]] = {name: [] for name in order}
    errors = dict.fromkeys(order, 0)
    walls = dict.fromkeys(order, 0.0)
    for round_ in range(ROUNDS):
        shift = round_ * len(order) // ROUNDS
        for name in order[shift:] + order[:shift]:
            cookies, path = everything[name]
            started = time.perf_counter()
            latencies, failed = http_load.sample(port, cookies, path, block, args.concurrency)
            walls[name] += time.perf_counter() - started
            samples[name] += latencies
            errors[name] += failed
    figures = {name: http_load.summary(samples[name], errors[name], walls[name]) for name in order}
    admin_figures = figures.pop(ADMIN)
    return figures, admin_figures


def _prepare(env: dict[str, str], args: argparse.Namespace) -> None:
    """The database: seeded afresh (or, with --reuse-database, migrated), then settled."""
    if not args.reuse_database:
        _fresh_database(env)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")
    if not args.reuse_database:
        _manage(env, "seed_demo", "--scale", "large", "-v0")
    if args.national:
        _national(env, 150_000)
    _settle(env)


def main() -> None:  # noqa: PLR0915 - one linear script
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--national", action="store_true")
    parser.add_argument("--reuse-database", action="store_true")
    parser.add_argument("--pages-only", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="intl-load-"))
    env = _env(workdir)
    _prepare(env, args)
    year = 2026
    port = http_load.free_port()
    gunicorn = [
        PY,
        "-m",
        "gunicorn",
        "intl_portal.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        "2",
        "--env",
        "DJANGO_SETTINGS_MODULE=intl_portal.settings.local",
    ]
    with _process(gunicorn, env, workdir / "gunicorn.log"):
        deadline = time.monotonic() + 60
        while True:
            try:
                if http_load.Session(port).request("GET", "/health/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                sys.exit((workdir / "gunicorn.log").read_text())
            time.sleep(0.5)

        coordinator = http_load.Session(port)
        coordinator.log_in("samordnare")
        admin = http_load.Session(port)
        admin.log_in("admin", admin=True)
        pages = {
            "project_bank": "/projects/",
            "partner_list": "/partners/partnerships/",
            "action_plan": f"/plans/{year}/",
            "followup_board": f"/followup/{year}/",
            "dashboard": "/dashboard/",
            # The funding radar over the large fixture's 5 000 calls: by deadline and by score.
            "funding_radar": "/funding/",
            "funding_radar_by_score": "/funding/?sort=score&status=all",
            "public_home": "/",
            "public_projects": "/public/projects/",
            "public_partnerships": "/public/partnerships/",
            # One search over everything (a partner's name, misspelled too) and the public one.
            "search": "/search/?q=Ringsted",
            "search_misspelled": "/search/?q=Ringstedt",
            "public_search": "/public/search/?q=Europa",
        }
        # Warm up every worker's caches and connections: concurrently, so that each worker
        # serves every page (one client in turn may leave a worker cold until the first page
        # measured, the project bank, pays for its start), and the admin's too.
        for path in pages.values():
            http_load.drive(port, coordinator.cookies, path, 4 * args.concurrency, args.concurrency)
        http_load.drive(
            port, admin.cookies, "/admin/projects/project/", 4 * args.concurrency, args.concurrency
        )
        # The dashboard with a department contact's to-do list (the coordinator's is above).
        contact = http_load.Session(port)
        contact.log_in("kontakt.buf")
        http_load.drive(
            port, contact.cookies, "/dashboard/", 4 * args.concurrency, args.concurrency
        )
        targets = {name: (coordinator.cookies, path) for name, path in pages.items()}
        targets["dashboard_contact"] = (contact.cookies, "/dashboard/")
        results, admin_in_rounds = _in_rounds(
            port, targets, (admin.cookies, "/admin/projects/project/"), args
        )
        ratios = {
            name: round(figures["p95_ms"] / admin_in_rounds["p95_ms"], 2)
            for name, figures in results.items()
        }
        bank_beside_admin, admin_list = _side_by_side(
            port,
            (coordinator.cookies, "/projects/"),
            (admin.cookies, "/admin/projects/project/"),
            args,
        )
        ours_vs_admin = bank_beside_admin["p95_ms"] / admin_list["p95_ms"]

        rendering: dict[str, float | int] = {}
        if not args.pages_only:
            idle, busy = _rendering_vs_idle(env, workdir, port, coordinator.cookies, year, args)
            rendering = {
                "rendering_vs_idle_p95": round(busy["p95_ms"] / idle["p95_ms"], 2),
                "bank_idle_p95_ms": idle["p95_ms"],
                "bank_rendering_p95_ms": busy["p95_ms"],
            }

        national = {}
        if args.national:
            first, last = _side_by_side(
                port,
                (coordinator.cookies, "/projects/?page=1"),
                (coordinator.cookies, "/projects/?page=last"),
                args,
            )
            national = {
                "bank_first_page_p95_ms": first["p95_ms"],
                "bank_last_page_p95_ms": last["p95_ms"],
                "last_vs_first_p95": round(last["p95_ms"] / first["p95_ms"], 2),
            }

    measured = [*results.values(), admin_in_rounds, bank_beside_admin, admin_list]
    if not args.pages_only:
        measured += [idle, busy]
    if args.national:
        measured += [first, last]
    errors = sum(r.pop("errors") for r in measured)
    print(
        json.dumps(
            {
                "pages": results,
                "admin_changelist": {k: v for k, v in admin_list.items() if k != "errors"},
                "admin_changelist_in_rounds": admin_in_rounds,
                "ratio_to_admin_p95": ratios,
                "max_ratio_to_admin_p95": MAX_RATIO_TO_ADMIN,
                "pages_over_max_ratio": sorted(
                    name for name, ratio in ratios.items() if ratio > MAX_RATIO_TO_ADMIN
                ),
                "errors": errors,
                "ours_vs_admin_p95": round(ours_vs_admin, 2),
                "bank_beside_admin_p95_ms": bank_beside_admin["p95_ms"],
                **rendering,
                "requests_per_page": args.requests,
                "concurrency": args.concurrency,
                **national,
            }
        )
    )


if __name__ == "__main__":
    main()
