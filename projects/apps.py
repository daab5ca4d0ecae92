from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projekt och aktiviteter")

    def ready(self) -> None:
        # Imported here, once the models are loaded: it registers this app's review tables.
        from . import workflow  # noqa: F401, PLC0415

        # Imported once the app registry is ready: it imports the models.
        from .personal_data import register_columns  # noqa: PLC0415

        register_columns()
