from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "intl_portal.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from intl_portal.lib import converters

        converters.register()  # before any URL configuration is read

        from .middleware import stamp_session_at_login

        user_logged_in.connect(stamp_session_at_login, dispatch_uid="stamp_session_at_login")
