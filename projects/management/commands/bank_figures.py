"""Check the project bank's running totals against its projects, or rewrite them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from projects import services


class Command(BaseCommand):
    help = (
        "Compare the project bank's running totals (kept by database triggers) with a count of "
        "its projects. Exits with an error when they differ, unless --repair rewrites them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repair", action="store_true", help="Rewrite the totals from the projects."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        differing = services.bank_figures_recount(repair=options["repair"])
        for key, kept, counted in differing:
            self.stdout.write(f"group {key}: kept {kept}, counted {counted}")
        if not differing:
            self.stdout.write("The bank's running totals match its projects.")
        elif options["repair"]:
            self.stdout.write(f"Rewrote the totals: {len(differing)} groups differed.")
        else:
            raise CommandError(
                f"{len(differing)} groups differ; run with --repair to rewrite the totals."
            )
