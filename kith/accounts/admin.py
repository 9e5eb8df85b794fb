"""Administrators manage the people who use Kith, their teams and service areas here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest

from kith.accounts.models import ServiceArea, Team, User

admin.site.site_header = "Kith administration"
admin.site.site_title = "Kith administration"
admin.site.index_title = "Users, teams and service areas"


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
