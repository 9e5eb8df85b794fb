from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kith.audit import reads
from kith.audit.models import AuditEvent


def _viewer() -> Any:
    look = reads.current()
    return look.user if look is not None else None


def _shown(event: AuditEvent) -> Any:
    """The event's person if the administrator may see them (people.access.visible), without
    ever reading a restricted person they are not named on."""
    from kith.people.access import visible
    from kith.people.models import Person

    if event.person_id is None:
        return None
    return Person.objects.filter(visible(_viewer()), pk=event.person_id).first()


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: administrators can search the log but nobody can change it. A row about a
    restricted person the administrator is not named on says so, without the name or the text
    typed with it (audit/access.py), and cannot be opened; the reasons typed are not searchable
    and nothing but the list's own filters can be filtered on, so no count of matches can tell
    what a hidden row says."""

    list_display = ["at", "by", "what", "whose_record", "reason", "ip_address"]
    list_filter = ["verb"]
    list_select_related = ["by"]
    search_fields = ["by__username", "verb"]
    date_hierarchy = "at"
    fields = ("at", "by", "what", "whose_record", "reason", "ip_address")
    readonly_fields = fields

    @admin.display(description="Whose record")
    def whose_record(self, event: AuditEvent) -> str:
        if event.person_id is None:
            return "—"
        person = _shown(event)
        return f"{person.full_name} ({person.person_number})" if person else "A restricted record"

    @admin.display(description="Reason")
    def reason(self, event: AuditEvent) -> str:
        if event.person_id is not None and _shown(event) is None:
            return ""
        return event.why

    # Filters by address (?why__startswith=…) would answer yes or no about a hidden row's
    # text: only what the list offers may be filtered on.
    ALLOWED_LOOKUPS = ("verb", "verb__exact", "at__year", "at__month", "at__day", "at__gte")

    def lookup_allowed(self, lookup: str, value: str, request: Any = None) -> bool:
        return lookup in self.ALLOWED_LOOKUPS or lookup.startswith("at__")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.person_id is not None and _shown(obj) is None:
            return False
        return super().has_view_permission(request, obj)
