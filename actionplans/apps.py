from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = _("Handlingsplaner och uppföljning")

    def ready(self) -> None:
        # Imported here, once the models are loaded: it registers this app's review tables.
        from . import workflow  # noqa: F401, PLC0415
