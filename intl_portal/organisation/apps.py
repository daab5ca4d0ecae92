from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "intl_portal.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        # Imported once the app registry is ready: both pull in models, which cannot be
        # imported while apps load.
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        from intl_portal.lib import control_characters, converters, lookups  # noqa: PLC0415

        converters.register()  # before any URL configuration is read
        lookups.register()
        control_characters.register()

        from . import personal_data  # noqa: F401, PLC0415  (registers its own columns)
        from .middleware import stamp_session_at_login  # noqa: PLC0415

        user_logged_in.connect(stamp_session_at_login, dispatch_uid="stamp_session_at_login")
