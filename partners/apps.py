from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner och nätverk")

    def ready(self) -> None:
        # Imported once the app registry is ready: it imports the models.
        from .personal_data import register_columns  # noqa: PLC0415

        register_columns()
