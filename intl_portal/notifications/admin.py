from __future__ import annotations

from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "recipient", "email", "delivery", "state", "attempts")
    list_filter = ("state", "delivery", "kind")
    readonly_fields = [f.name for f in Notification._meta.fields]
