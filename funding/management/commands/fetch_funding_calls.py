"""Read forthcoming and open calls from the EU Funding & Tenders Portal's search API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from funding import services, sources


class Command(BaseCommand):
    help = (
        "Fetch calls from the EU Funding & Tenders Portal (needs network). "
        "--programme ERASMUS (or a frameworkProgramme code) limits it; --save keeps the response."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--programme",
            action="append",
            default=None,
            help="ERASMUS, CERV, LIFE, HORIZON, CREA or a frameworkProgramme code; repeatable",
        )
        parser.add_argument("--page-size", type=int, default=50)
        parser.add_argument("--max-pages", type=int, default=40)
        parser.add_argument("--timeout", type=float, default=None, help="seconds per request")
        parser.add_argument("--save", type=Path, default=None, help="also write the pages here")

    def handle(self, *args: Any, **options: Any) -> None:
        programmes = options["programme"] or list(settings.FUNDING_FETCH_PROGRAMMES)
        pages = []
        try:
            for page in sources.fetch_pages(
                programmes=programmes,
                page_size=options["page_size"],
                max_pages=options["max_pages"],
                timeout=options["timeout"],
            ):
                pages.append(page)
        except sources.SourceError as exc:
            raise CommandError(str(exc)) from exc
        if options["save"]:
            options["save"].write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
        records = sources.records_from_response(pages)
        result = services.calls_upsert(records=records)
        for label, messages in result.errors:
            self.stderr.write(f"{label}: {'; '.join(messages)}")
        self.stdout.write(
            f"{len(pages)} pages, {result.created} created, {result.updated} updated, "
            f"{len(result.errors)} refused"
        )
