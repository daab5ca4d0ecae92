"""Import calls from a file: a saved EU portal search response (.json) or the template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from funding import imports
from intl_portal.lib.tabular import SheetError


class Command(BaseCommand):
    help = "Import funding calls from a JSON response of the EU portal, or the CSV/Excel template."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            result, bad = imports.import_path(file)
        except SheetError as exc:
            raise CommandError(str(exc)) from exc
        for row in bad:
            label = row.values.get("identifier") or row.values.get("title") or "?"
            for error in row.errors:
                self.stderr.write(f"row {row.number} ({label}): {error}")
        for label, messages in result.errors:
            for message in messages:
                self.stderr.write(f"{label}: {message}")
        self.stdout.write(f"{result.created} created, {result.updated} updated")
        failed = len(bad) + len(result.errors)
        if failed:
            raise CommandError(f"{failed} rows had errors (the other rows were saved)")
