"""Annual report benchmark: render the latest year of the large fixture and print figures.

Builds a fresh database (PostgreSQL when DATABASE_URL is set, else SQLite in a temporary
folder), runs `seed_demo --scale large`, then renders the newest year's report through the
same service the worker uses. The last line printed is one JSON object:
pages, seconds, peak_rss_mb, floor_seconds, ratio, rss_growth.

    .venv/bin/python benchmarks/report.py [--renders 20]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

# The floor: plain CSS with the same page box, type sizes and chapter breaks, so that it
# lays out the same text and tables on the same number of pages, but without the report's
# running headers, table of contents page numbers, bookmarks, hyphenation or column widths.
FLOOR_CSS = """
@page { size: A4; margin: 20mm 17mm 18mm 17mm; }
html { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 9.5pt; }
body { line-height: 1.38; }
body { margin: 0; }
.cover { height: 257mm; break-after: page; }
.toc { break-after: page; }
.chapter { break-before: page; }
h2 { font-size: 17pt; margin: 0 0 4mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
table { width: 100%; border-collapse: collapse; font-size: 9.3pt; margin: 1mm 0 5mm; }
td, th { border-bottom: 1px solid #999; padding: 1.3mm 1.5mm; text-align: left; }
td { vertical-align: top; }
.comment { font-size: 7.8pt; }
svg { width: 100%; height: auto; }
"""


def _prepare_database(workdir: Path) -> None:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, _, _name = url.rpartition("/")
        bench = "intl_portal_bench"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {bench} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {bench}")
        os.environ["DATABASE_URL"] = f"{base}/{bench}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"


def _rss_mb() -> float:
    """Current resident set size in MiB (Linux)."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="intl-bench-"))
    os.environ["INTL_PORTAL_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "intl_portal.settings.local"
    _prepare_database(workdir)

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    from actionplans.models import ActionPlan
    from actionplans.reports.document import report_html
    from intl_portal.lib.pdf import render_pdf

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale="large", verbosity=0)
    seed_seconds = time.perf_counter() - started
    year = ActionPlan.objects.order_by("-year").values_list("year", flat=True).first()

    with translation.override("sv"):
        # Load fonts and WeasyPrint's caches once, so neither measured render pays for it.
        render_pdf('<html lang="sv"><title>Uppvärmning</title><p>Uppvärmning</p></html>')
        started = time.perf_counter()
        html = report_html(year=year)
        pdf, pages = render_pdf(html)
        seconds = time.perf_counter() - started

        # The floor: the same text and tables with a plain stylesheet.
        plain = re.sub(r'<link rel="stylesheet"[^>]*>', f"<style>{FLOOR_CSS}</style>", html)
        started = time.perf_counter()
        _floor_pdf, floor_pages = render_pdf(plain)
        floor_seconds = time.perf_counter() - started

        rss_after: dict[int, float] = {}
        for n in range(1, args.renders + 1):
            render_pdf(report_html(year=year))
            if n in (2, args.renders):
                rss_after[n] = _rss_mb()

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "year": year,
        "pages": pages,
        "floor_pages": floor_pages,
        "seconds": round(seconds, 3),
        "floor_seconds": round(floor_seconds, 3),
        "ratio": round(seconds / floor_seconds, 3),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "rss_growth": round(rss_after[args.renders] / rss_after[2], 3),
        "pdf_bytes": len(pdf),
        "seed_seconds": round(seed_seconds, 1),
        "database": os.environ["DATABASE_URL"].split(":", 1)[0],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
