"""A small authority for the tests that hunt for leaks: every persona, an ordinary family, and
a restricted child in that family whose every name, text field and record carries a marker.

The restricted child (Zqcanary) is the allocated worker's own case, the sister of an ordinary
child on the same strategy discussion and conference, and lives with their mother: as close to
everyone else's work as a restricted child can be. Only the head of service is named on the
restriction, so the allocated worker, their manager and everyone else must never see a trace.

Built in the order its parts need: the personas here; the ordinary family (ordinary.py); the
restricted child and her records (restricted.py, her rows marked by marker.py); the child
protection she shares with her brother (protection.py); her chronology and what was done about
her (restricted.py); both children's care (care.py) and road to permanence (permanence.py); her
leaving care support and the ordinary care leavers, one advised by the personal adviser persona
(leaving_care.py); then the ordinary family's records a page that changes them needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.changes import changed
from kith.people.models import BreakGlass, Person
from kith.test import make_service_area, make_team, make_user
from kith.web.tests.world.care import add_care
from kith.web.tests.world.leaving_care import add_leaving_care
from kith.web.tests.world.marker import TRACE
from kith.web.tests.world.ordinary import add_ordinary_family, add_ordinary_work
from kith.web.tests.world.permanence import add_permanence
from kith.web.tests.world.protection import add_child_protection
from kith.web.tests.world.restricted import (
    add_her_chronology,
    add_restricted_child,
    add_what_was_done_about_her,
)

PERSONAS = [
    "social worker",
    "same-team colleague",
    "other-team worker",
    "team manager",
    "head of service",
    "chair",
    "front door",
    "data officer",
    "virtual school",
    "business support",
    "partner",
    "administrator",
    "personal adviser",
]


@dataclass
class World:
    users: dict[str, Any]
    ordinary: dict[str, Any] = field(default_factory=dict)
    restricted: dict[str, Any] = field(default_factory=dict)

    @property
    def hidden(self) -> Person:
        return self.restricted["person"]

    def traces(self) -> list[str]:
        """What must appear nowhere for those not named: the marker, the restricted person's
        numbers and the addresses of their pages."""
        r = self.restricted
        found = [TRACE]
        for person in (r["person"], r["copy"]):
            found += [
                person.person_number.lower(),
                f"/people/{person.pk}/",
                f"/children/{person.pk}/",
                f"/audit/people/{person.pk}/",
            ]
        found += [f"/cases/{r['case'].pk}/", r["case"].reference.lower()]
        found += [
            f"/permanence/{r['care_period'].pk}/",
            f"/permanence/adoption/{r['adoption_plan'].pk}/",
            f"/leaving-care/{r['leaver'].pk}/",
        ]
        return found


def build() -> World:
    area = make_service_area("Safeguarding")
    team = make_team("Safeguarding Team 1", service_area=area)
    other_team = make_team("Safeguarding Team 2", service_area=area)
    # The personal adviser sits in the allocated worker's team: the team's cases must still
    # not open for them (they see only the young people they advise).
    in_team = {
        "social worker",
        "same-team colleague",
        "team manager",
        "head of service",
        "personal adviser",
    }
    roles = {
        "social worker": Role.SOCIAL_WORKER,
        "same-team colleague": Role.SOCIAL_WORKER,
        "other-team worker": Role.SOCIAL_WORKER,
        "team manager": Role.TEAM_MANAGER,
        "head of service": Role.HEAD_OF_SERVICE,
        "chair": Role.CHAIR,
        "front door": Role.FRONT_DOOR,
        "data officer": Role.DATA_OFFICER,
        "virtual school": Role.VIRTUAL_SCHOOL,
        "business support": Role.BUSINESS_SUPPORT,
        "partner": Role.PARTNER,
        "administrator": Role.ADMINISTRATOR,
        "personal adviser": Role.PERSONAL_ADVISER,
    }
    users = {}
    for who, role in roles.items():
        home = team if who in in_team else other_team if who == "other-team worker" else None
        users[who] = make_user(role, team=home or make_team(f"{who.capitalize()} team"))
    team.manager = users["team manager"]
    team.save()
    area.head = users["head of service"]
    area.save()
    world = World(users=users)
    today = timezone.localdate()
    add_ordinary_family(world, today)
    add_restricted_child(world, today)
    add_child_protection(world, today)
    add_her_chronology(world, today)
    add_care(world, today)
    add_permanence(world, today)
    add_leaving_care(world, today)
    for key in (
        "case",
        "stranger_case",
        "toddler_case",
        "leaver_case",
        "other_leaver_case",
        "new_leaver_case",
    ):
        changed(world.ordinary[key])
    changed(world.restricted["case"])
    add_what_was_done_about_her(world)
    add_ordinary_work(world, today)
    return world


def with_return_run(world: World) -> World:
    """The world with a census file made by the data officer (the returns pages need one)."""
    from kith.returns.census import CollectionYear
    from kith.returns.runs import start

    world.ordinary["return_run"] = start(
        CollectionYear.of(timezone.localdate()), by=world.users["data officer"], check=False
    )
    return world


def give_reasons(world: World, user: Any) -> None:
    """The user gave a reason to open each of the ordinary family's records (break-glass)."""
    for key in ("mother", "son", "father", "stranger"):
        BreakGlass.objects.create(
            person=world.ordinary[key],
            user=user,
            reason="Out of hours, police called about the family",
            ends_at=timezone.now() + timedelta(hours=8),
        )
