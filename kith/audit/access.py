"""Who may read the audit log, and what of it they see.

An audit row says who looked at which child and why, so it is as sensitive as the record: a
user's looks are shown only to those who manage that user, and a row about a restricted person
is shown (their name, number, and any text typed with it: a reason, an analysis, a search) only
to those named on the restriction. Everyone else sees that something was done to "a restricted
record", and when, but not to whom or why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.audit.models import AuditEvent

# Roles that read anyone's looks: data officers answer subject access and information requests,
# administrators investigate. Managers read their own people's.
READS_EVERYONE = frozenset({Role.DATA_OFFICER, Role.ADMINISTRATOR})


def may_audit_user(viewer: Any, user: User) -> bool:
    """Whether `viewer` may see what `user` has looked at: a team manager their team's members,
    a head of service everyone in their service area's teams, data officers and administrators
    everyone. Anyone may see their own."""
    if viewer.role in READS_EVERYONE or viewer.pk == user.pk:
        return True
    if user.team_id is None:
        return False
    if viewer.role == Role.TEAM_MANAGER:
        return user.team is not None and user.team.manager_id == viewer.pk
    if viewer.role == Role.HEAD_OF_SERVICE:
        return user.team is not None and user.team.service_area.head_id == viewer.pk
    return False


def audited_users(viewer: Any) -> Q:
    """A condition on User: those whose looks `viewer` may see (as may_audit_user)."""
    if viewer.role in READS_EVERYONE:
        return Q()
    mine = Q(pk=viewer.pk)
    if viewer.role == Role.TEAM_MANAGER:
        return mine | Q(team__manager=viewer)
    if viewer.role == Role.HEAD_OF_SERVICE:
        return mine | Q(team__service_area__head=viewer)
    return mine


@dataclass
class Row:
    """One audit event as `viewer` may see it."""

    event: AuditEvent
    person: Any  # None: no person, or one the viewer may not see
    hidden: bool  # about a restricted person the viewer is not named on
    why: str
    terms: str


def rows(events: list[AuditEvent], people: dict[int, Any], seen: set[int]) -> list[Row]:
    """`people` are the persons these events are about that the viewer may see, and `seen` the
    ids of everyone the viewer may see among those and those the events' searches found (both
    read through people.access.visible by the page). Text typed about anyone else is withheld:
    the reason given, and the terms of a search that found someone hidden."""
    found = []
    for event in events:
        hidden = event.person_id is not None and event.person_id not in people
        searched = [pk for pk in event.detail.get("found", []) if isinstance(pk, int)]
        secret = hidden or any(pk not in seen for pk in searched)
        found.append(
            Row(
                event=event,
                person=people.get(event.person_id or 0),
                hidden=hidden,
                why="" if secret else event.why,
                terms="" if secret else str(event.detail.get("terms", "")),
            )
        )
    return found


def searched_for(events: list[AuditEvent]) -> set[int]:
    """Everyone the events are about or found by a search, to check against the restriction."""
    ids = {e.person_id for e in events if e.person_id is not None}
    for e in events:
        ids.update(pk for pk in e.detail.get("found", []) if isinstance(pk, int))
    return ids
