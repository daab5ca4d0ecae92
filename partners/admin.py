from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import NetworkMembership, Partner, Partnership, TwinTownMeeting


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ("partner", "kind", "status", "since_year", "department")
    list_select_related = ("partner", "department")
    list_filter = ("kind", "status")


admin.site.register(Partner, SimpleHistoryAdmin)
admin.site.register(NetworkMembership, SimpleHistoryAdmin)
admin.site.register(TwinTownMeeting, SimpleHistoryAdmin)
