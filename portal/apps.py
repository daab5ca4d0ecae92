from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The composition root (no tables): its management commands (seed_demo) span the apps."""

    name = "portal"
    label = "portal"
    verbose_name = _("Portalen")
