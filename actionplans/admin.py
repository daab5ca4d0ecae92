from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionPlan, AnnualReport, Goal, GoalOutcome


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ("year", "version", "state", "requested_by", "requested_at", "published_at")
    list_filter = ("state", "year")
    readonly_fields = ("pdf",)


admin.site.register(ActionPlan, SimpleHistoryAdmin)
admin.site.register(Goal, SimpleHistoryAdmin)
admin.site.register(GoalOutcome, SimpleHistoryAdmin)
