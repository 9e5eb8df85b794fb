from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kith.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: administrators can search the log but nobody can change it."""

    list_display = ["at", "by", "what", "person", "ip_address"]
    list_filter = ["verb"]
    search_fields = ["by__username", "verb", "why"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
