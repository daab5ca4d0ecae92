"""Annual report benchmark: render the latest year of the large fixture and print figures.

Builds a fresh database (PostgreSQL when DATABASE_URL is set, else SQLite in a temporary
folder), runs `seed_demo --scale large`, then renders the newest year's report through the
same code the worker uses. The last line printed is one JSON object:
pdf_seconds (data, HTML, WeasyPrint PDF/A-2a and the pikepdf pass that makes it PDF/UA-1 too),
floor_seconds (the same HTML with a plain stylesheet, plain PDF/UA: measured alternately with
the report, medians of three), ratio, postprocess_seconds (the pikepdf pass alone),
word_seconds (data and the Word copy), peak_rss_mb, rss_growth (RSS after the last of
--renders renders of PDF and Word over RSS after the second, each read after a full garbage
collection), rss_growth_second_half (after the last over after half of them), rss_mb_after,
pages.

    .venv/bin/python benchmarks/report.py [--renders 20]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
import uuid
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
        bench = "intl_portal_bench_report"
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

    from actionplans.models import ActionPlan

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale="large", verbosity=0)
    seed_seconds = time.perf_counter() - started
    year = ActionPlan.objects.order_by("-year").values_list("year", flat=True).first()
    result = _measure(year=year, renders=args.renders)
    result["seed_seconds"] = round(seed_seconds, 1)
    print(json.dumps(result))


def _measure(*, year: int, renders: int) -> dict[str, object]:  # noqa: PLR0915 - one script
    from django.template.loader import render_to_string
    from django.utils import translation
    from weasyprint import HTML

    from actionplans.models import AnnualReport
    from intl_portal.lib.pdf import (
        PORTAL_BASE_URL,
        StaticOnlyURLFetcher,
        release_memory,
        render_pdf,
    )
    from intl_portal.lib.pdf_archive import ArchiveInfo, make_archival
    from reports.document import TEMPLATE, render_report_files, report_context
    from reports.word import build_docx

    report = AnnualReport(year=year, version=1, language="sv")  # never saved

    def pdf_render() -> tuple[bytes, int, float]:
        """The published PDF: data, HTML, WeasyPrint (PDF/A-2a) and the pikepdf pass."""
        started = time.perf_counter()
        pdf, pages, _docx = render_report_files(report=report, word=False)
        return pdf, pages, time.perf_counter() - started

    def floor_render(plain: str) -> tuple[int, float]:
        started = time.perf_counter()
        _pdf, pages = render_pdf(plain)
        return pages, time.perf_counter() - started

    with translation.override("sv"):
        # Load fonts and WeasyPrint's caches once, so no measured render pays for it.
        render_pdf('<html lang="sv"><title>Uppvärmning</title><p>Uppvärmning</p></html>')
        context = report_context(year=year, report=report)
        html = render_to_string(TEMPLATE, {**context, "logo_url": None})
        # The floor: the same text and tables with a plain stylesheet, plain PDF/UA output.
        plain = re.sub(r'<link rel="stylesheet"[^>]*>', f"<style>{FLOOR_CSS}</style>", html)

        # Side by side: report and floor alternate, so both meet the same load on a shared
        # machine; the medians are compared.
        pdf_times, floor_times = [], []
        for _round in range(3):
            pdf, pages, seconds = pdf_render()
            pdf_times.append(seconds)
            floor_pages, seconds = floor_render(plain)
            floor_times.append(seconds)
        pdf_seconds, floor_seconds = statistics.median(pdf_times), statistics.median(floor_times)

        # The pikepdf pass alone, on a PDF/A-2a rendered from the same HTML.
        document = HTML(
            string=html, base_url=PORTAL_BASE_URL, url_fetcher=StaticOnlyURLFetcher()
        ).render()
        pdfa = document.write_pdf(pdf_variant="pdf/a-2a")
        started = time.perf_counter()
        make_archival(pdfa, ArchiveInfo(document_id=uuid.uuid4()))
        postprocess_seconds = time.perf_counter() - started

        # Word: the data read once more and the .docx built from it.
        started = time.perf_counter()
        docx = build_docx(report_context(year=year, report=report))
        word_seconds = time.perf_counter() - started

        rss_after: dict[int, float] = {}
        for n in range(1, renders + 1):
            render_report_files(report=report)  # PDF and Word, as the worker makes them
            if n in (2, renders // 2, renders):
                # What stays, not garbage waiting for the collector (the layout's boxes hold
                # reference cycles): collected and handed back first, outside the timings.
                gc.collect()
                release_memory()
                rss_after[n] = _rss_mb()

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "year": year,
        "pages": pages,
        "floor_pages": floor_pages,
        "pdf_seconds": round(pdf_seconds, 3),
        "floor_seconds": round(floor_seconds, 3),
        "ratio": round(pdf_seconds / floor_seconds, 3),
        "postprocess_seconds": round(postprocess_seconds, 3),
        "word_seconds": round(word_seconds, 3),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "rss_growth": round(rss_after[renders] / rss_after[2], 3),
        # The second half alone: a leak keeps growing there, a heap settling in does not.
        "rss_growth_second_half": round(rss_after[renders] / rss_after[renders // 2], 3),
        "rss_mb_after": {str(n): round(mb, 1) for n, mb in sorted(rss_after.items())},
        "renders": renders,
        "pdf_bytes": len(pdf),
        "docx_bytes": len(docx),
        "load_average": os.getloadavg()[0],
        "database": os.environ["DATABASE_URL"].split(":", 1)[0],
    }


if __name__ == "__main__":
    main()
