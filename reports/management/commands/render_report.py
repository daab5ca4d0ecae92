"""Render a year's annual report synchronously, through the worker's own service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from actionplans.models import AnnualReport
from reports import services


class Command(BaseCommand):
    help = "Render the annual report for YEAR as a new numbered version and write it to PATH."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument(
            "--output", required=True, help="Where to write the PDF, or Word when it ends in .docx."
        )
        parser.add_argument("--language", choices=AnnualReport.Language.values, default="sv")
        parser.add_argument("--title", default="")
        parser.add_argument("--case-number", default="")
        parser.add_argument("--summary-file", help="Markdown file with the summary text.")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = ""
        if options["summary_file"]:
            summary = Path(options["summary_file"]).read_text(encoding="utf-8")
        report = services.report_create(
            year=options["year"],
            requested_by=None,
            language=options["language"],
            title=options["title"],
            case_number=options["case_number"],
            summary=summary,
        )
        try:
            done = services.report_render(report_id=report.pk)
        except Exception as exc:
            services.report_fail(report_id=report.pk, reason=type(exc).__name__)
            raise CommandError(f"Rendering failed: {exc}") from exc
        if done is None:
            raise CommandError("The job was taken by another worker.")
        output = Path(options["output"])
        # The worker makes both files; PATH's suffix says which one is wanted.
        stored = done.docx if output.suffix.lower() == ".docx" else done.pdf
        with stored.open("rb") as fh:
            output.write_bytes(fh.read())
        self.stdout.write(self.style.SUCCESS(f"{done}: {done.pages} pages written to {output}"))
