"""The primary navigation: each item shows only to people whose role may use its page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from kith.accounts import views as account_views
from kith.accounts.policies import (
    ADMINISTRATORS,
    DATA_OFFICERS,
    PERSONAL_ADVISERS,
    Policy,
    declared_policy,
)
from kith.care.views import reviews as care_views
from kith.cases import views as case_views
from kith.jobs import views as job_views
from kith.people import views as people_views
from kith.protection import views as protection_views
from kith.recording import views as recording_views
from kith.returns import views as return_views


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    policy: Policy
    # URL names (besides url_name) under which this item counts as the current section.
    also_current_for: tuple[str, ...] = ()


def _declared(view: Any) -> Policy:
    found = declared_policy(view)
    assert found is not None, f"{view} has no policy"
    return found


# The item's policy is read from the view it links to, so the menu can never offer a page that
# would then refuse the person.
NAVIGATION = (
    NavItem("My work", "accounts:home", _declared(account_views.home)),
    NavItem(
        "Find a person",
        "people:find",
        _declared(people_views.find),
        also_current_for=("people:person",),
    ),
    NavItem(
        "Cases",
        "cases:caseload",
        _declared(case_views.caseload),
        also_current_for=("recording:case", "recording:record"),
    ),
    NavItem(
        "Contacts",
        "cases:contacts",
        _declared(case_views.contacts),
        also_current_for=("cases:contact", "cases:new_contact"),
    ),
    NavItem("To authorise", "recording:waiting", _declared(recording_views.waiting)),
    NavItem(
        "Conferences",
        "protection:conferences",
        _declared(protection_views.conferences),
        also_current_for=("protection:conference",),
    ),
    NavItem(
        "Looked after",
        "care:reviewing",
        _declared(care_views.reviewing),
        also_current_for=("care:period", "care:review"),
    ),
    # Managers reach the adoption and care leavers lists from their Team page (a narrow screen
    # holds only so many menu items); the data officer and the personal adviser, from here.
    NavItem(
        "Adoption",
        "permanence:adoption",
        DATA_OFFICERS,
        also_current_for=("permanence:period",),
    ),
    NavItem(
        "Care leavers",
        "leaving_care:caseload",
        PERSONAL_ADVISERS,
        also_current_for=("leaving_care:leaver",),
    ),
    NavItem("Team", "accounts:team", _declared(account_views.team)),
    NavItem(
        "Returns",
        "returns:returns",
        _declared(return_views.returns),
        also_current_for=("returns:run", "returns:quality"),
    ),
    # Anyone on the staff may read the timescales (linked from every case); administrators,
    # who change the local ones, find them in the menu.
    NavItem(
        "Timescales", "timescales:rules", ADMINISTRATORS, also_current_for=("timescales:change",)
    ),
    NavItem("Jobs", "jobs:jobs", _declared(job_views.jobs)),
    NavItem("Admin", "admin:index", ADMINISTRATORS),
)


def items_for(user: Any, current_url_name: str | None) -> list[dict[str, Any]]:
    return [
        {
            "label": item.label,
            "href": reverse(item.url_name),
            "active": current_url_name in (item.url_name, *item.also_current_for),
        }
        for item in NAVIGATION
        if item.policy.permits(user)
    ]
