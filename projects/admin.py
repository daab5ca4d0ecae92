from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ExchangeRate, FundingProgramme, Project


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("title", "department", "programme", "phase", "status", "is_published")
    list_select_related = ("department", "programme")
    list_filter = ("status", "phase", "programme")
    search_fields = ("title", "acronym")
    list_per_page = 25


admin.site.register(FundingProgramme, SimpleHistoryAdmin)
admin.site.register(ExchangeRate, SimpleHistoryAdmin)
