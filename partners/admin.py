from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BenefitAnalysis,
    ContactPerson,
    ErasureLog,
    NetworkMembership,
    NetworkReport,
    Partner,
    Partnership,
    PartnershipDocument,
    PartnershipEvaluation,
    SelectionAnalysis,
    TwinTownMeeting,
    TwinTownProposal,
)


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ("partner", "kind", "status", "since_year", "department")
    list_select_related = ("partner", "department")
    list_filter = ("kind", "status")


@admin.register(ErasureLog)
class ErasureLogAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the erasure service only."""

    list_display = ("erased_at", "erased_by", "rows_erased", "history_rows_erased")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


for model in (
    Partner,
    NetworkMembership,
    TwinTownMeeting,
    ContactPerson,
    PartnershipEvaluation,
    PartnershipDocument,
    BenefitAnalysis,
    NetworkReport,
    SelectionAnalysis,
    TwinTownProposal,
):
    admin.site.register(model, SimpleHistoryAdmin)
