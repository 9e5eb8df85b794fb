"""Administrators manage the people who use Kith, their teams and service areas here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.forms import ModelForm
from django.http import HttpRequest

from kith.accounts.models import ServiceArea, Team, User
from kith.audit.log import record
from kith.audit.verbs import Verb

admin.site.site_header = "Kith administration"
admin.site.site_title = "Kith administration"
admin.site.index_title = "Users, teams and service areas"


def _team(team: Team | None) -> str | None:
    return team.name if team else None


def access_changes(before: User | None, after: User) -> list[tuple[Verb, dict[str, Any]]]:
    """What an administrator changed about who may do what: a new user, their role, their
    team, whether they may sign in at all. Each as a verb and a detail saying from what to what,
    in names a reader of the audit log knows (not only ids)."""
    who = {"user": after.username, "user_id": after.pk}
    if before is None:
        return [(Verb.USER_ADDED, {**who, "role": after.role_label, "team": _team(after.team)})]
    changes: list[tuple[Verb, dict[str, Any]]] = []
    if before.role != after.role:
        changes.append(
            (Verb.USER_ROLE_CHANGED, {**who, "from": before.role_label, "to": after.role_label})
        )
    if before.team_id != after.team_id:
        detail = {
            **who,
            "from": _team(before.team),
            "to": _team(after.team),
            "from_team_id": before.team_id,
            "to_team_id": after.team_id,
        }
        changes.append((Verb.USER_TEAM_CHANGED, detail))
    if before.is_active != after.is_active:
        changes.append((Verb.USER_REACTIVATED if after.is_active else Verb.USER_DEACTIVATED, who))
    return changes


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active"]
    list_filter = ["role", "team__service_area", "team", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    list_select_related = ["team"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Name and contact", {"fields": ("first_name", "last_name", "email", "job_title")}),
        ("Work", {"fields": ("role", "team")}),
        (
            "Access",
            {
                "fields": ("is_active", "last_login", "date_joined"),
                "description": (
                    "Untick 'active' when someone leaves: their name stays on the records "
                    "they wrote. Only administrators can open this admin site."
                ),
            },
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "first_name", "last_name", "role", "team"),
            },
        ),
        ("Password", {"fields": ("password1", "password2")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        # The admin saves inside a transaction, so the change and its audit events go together;
        # the row is locked so "from" is what this save replaced, even with two admins at once.
        locked = User.objects.select_for_update(of=("self",)).select_related("team")
        before = locked.get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        for verb, detail in access_changes(before, obj):
            record(by=request.user, verb=verb, detail=detail)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # People leave; their records stay. Mark them inactive instead.


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0
    fields = ["name", "manager"]
    autocomplete_fields = ["manager"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "head", "is_partner_agency"]
    autocomplete_fields = ["head"]
    inlines = [TeamInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "service_area", "manager"]
    list_filter = ["service_area"]
    search_fields = ["name"]
    autocomplete_fields = ["manager"]
    list_select_related = ["service_area", "manager"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
