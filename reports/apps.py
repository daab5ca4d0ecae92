from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The annual report: above the plan and the funding radar, below the portal's pages.

    It has no tables of its own: the report rows (`AnnualReport`) are the plan's archive and
    stay in `actionplans`; this app renders, stores and serves them."""

    name = "reports"
    label = "reports"
    verbose_name = _("Årsrapport")
