from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Committee, Department, FocusArea, Municipality, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "role", "department", "is_active")
    list_filter = ("role", "department", "is_active")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Roll i portalen"), {"fields": ("role", "department")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Roll i portalen"), {"fields": ("role", "department")}),
    )


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "abbreviation", "committee")
    list_select_related = ("committee",)
    search_fields = ("name",)


admin.site.register(Municipality, SimpleHistoryAdmin)
admin.site.register(Committee, SimpleHistoryAdmin)
admin.site.register(FocusArea, SimpleHistoryAdmin)
