"""The only way to fetch a contact or a case for a user.

Seeing: every member of staff may open a case whose child they may see (people/access.py:
restricted records stay invisible, 404), and every look is audited by the page. Narrowing this
to the people with a relationship to the child, with break-glass for everyone else, is the
access issue's next step.

Recording and authorising need a working relationship to the case, one condition per line
below, each tested in tests/test_access.py.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kith.accounts.models import Team
from kith.accounts.policies import RECORDERS
from kith.accounts.roles import Role
from kith.cases.models import Case, Contact
from kith.people.models import RestrictedAccess


def _named(user: Any) -> Any:
    return RestrictedAccess.objects.filter(user=user, ended_at__isnull=True).values("person_id")


def visible_cases(user: Any) -> QuerySet[Case]:
    """Cases whose child the user may see (restricted records only for those named)."""
    return Case.objects.filter(Q(child__restricted=False) | Q(child_id__in=_named(user)))


def get_case_for(user: Any, pk: int, *, changeable: bool = False) -> Case:
    """The case if the user may see it (404 otherwise); with changeable, only if they may also
    record on it (the page that refuses says who can)."""
    found = visible_cases(user).select_related("child", "team", "worker").filter(pk=pk).first()
    if found is None:
        raise Http404("No such case")
    if changeable and not may_record_on(user, found):
        raise PermissionDenied(
            "Only the allocated worker, their team, their manager and the head of service can "
            "record on this case."
        )
    return found


def may_record_on(user: Any, case: Case) -> bool:
    """Who may add and change records in a case."""
    if not RECORDERS.permits(user):
        return False
    if case.worker_id is not None and case.worker_id == user.pk:  # the allocated worker
        return True
    if case.team_id is not None and case.team_id == user.team_id:  # their team
        return True
    if case.team_id is not None and _leads(user, case.team_id):  # their manager, head of service
        return True
    # The front door, until the case is allocated to a worker.
    return user.role == Role.FRONT_DOOR and case.is_open and case.worker_id is None


def may_authorise(user: Any, case: Case) -> bool:
    """Who may authorise records in a case (never their own: see recording.actions)."""
    if user.role not in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
        return False
    return case.team_id is not None and _leads(user, case.team_id)


def may_allocate(user: Any, case: Case) -> bool:
    """Managers allocate their teams' cases, and anyone's unallocated new case."""
    if user.role not in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
        return False
    return case.team_id is None or _leads(user, case.team_id)


def _leads(user: Any, team_id: int) -> bool:
    """The team's manager, or the head of the service area the team belongs to."""
    return Team.objects.filter(Q(manager=user) | Q(service_area__head=user), pk=team_id).exists()


def teams_led_by(user: Any) -> QuerySet[Team]:
    if user.role == Role.HEAD_OF_SERVICE:
        return Team.objects.filter(service_area__head=user)
    if user.role == Role.TEAM_MANAGER:
        return Team.objects.filter(manager=user)
    return Team.objects.none()


def visible_contacts(user: Any) -> QuerySet[Contact]:
    """Contacts whose child (if matched yet) the user may see."""
    return Contact.objects.filter(
        Q(child__isnull=True) | Q(child__restricted=False) | Q(child_id__in=_named(user))
    )


def get_contact_for(user: Any, pk: int) -> Contact:
    found = visible_contacts(user).select_related("child", "case", "recorded_by").filter(pk=pk)
    contact = found.first()
    if contact is None:
        raise Http404("No such contact")
    return contact
