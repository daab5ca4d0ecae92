"""First run of a real installation: the municipality and its first coordinator."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator, validate_email

from intl_portal.organisation import services


class Command(BaseCommand):
    help = (
        "Create the municipality and its first coordinator, who gets a set-password link "
        "(printed here, and e-mailed where mail is configured). Running it again changes "
        "nothing. Loads no demo data."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--name", required=True, help='e.g. "Lidköpings kommun"')
        parser.add_argument("--coordinator-email", required=True)
        parser.add_argument(
            "--site-url", default="", help="the portal's address, used in links in e-mail"
        )

    def handle(
        self, *args: Any, name: str, coordinator_email: str, site_url: str, **options: Any
    ) -> None:
        name = name.strip()
        if not name:
            raise CommandError("--name must not be empty.")
        try:
            validate_email(coordinator_email.strip())
            if site_url:
                URLValidator(schemes=["http", "https"])(site_url)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        result = services.municipality_setup(
            name=name, coordinator_email=coordinator_email, site_url=site_url.rstrip("/")
        )
        write = self.stdout.write
        if not result.changed:
            write(
                f"Nothing changed: the municipality ({result.municipality.name}) and the "
                f"coordinator {result.coordinator.email} already exist."
            )
            return
        if result.municipality_created:
            write(self.style.SUCCESS(f"Created the municipality {result.municipality.name}."))
        else:
            write(f"The municipality already exists: {result.municipality.name} (kept as it is).")
        if result.coordinator_created:
            write(self.style.SUCCESS(f"Created the coordinator {result.coordinator.email}."))
            if result.link:
                write(f"Set-password link (works once, expires): {result.link}")
            else:
                write(
                    "Local passwords are off: the coordinator signs in with the "
                    "municipality's login."
                )
            write(
                "The invitation is e-mailed by the Celery worker (where mail is configured)."
                if result.mailed
                else "The invitation could not be queued for e-mail; pass on the link above."
            )
        else:
            write(f"The coordinator {result.coordinator.email} already exists (kept as it is).")
