"""The only way to fetch a contact or a case for a user, and the rules of whose work a child
is, one condition per line, each tested in tests/test_access.py.

Seeing: a case or contact opens for whoever may open its child's record (people/access.py:
restricted records are 404 to those not named; outside one's work, a reason is asked first).
`works_with` below is that rule's "whose work is it", registered with people/access.py.

Recording and authorising need a working relationship to the case itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kith.accounts.models import Team, User
from kith.accounts.policies import RECORDERS
from kith.accounts.roles import ONLY_THEIR_OWN, Role
from kith.cases.models import Case, Contact
from kith.people.access import ReasonNeeded, may_open, standing_access
from kith.people.models import Person, RestrictedAccess


def _named(user: User) -> Any:
    return RestrictedAccess.objects.filter(user=user, ended_at__isnull=True).values("person_id")


def visible_cases(user: User) -> QuerySet[Case]:
    """Cases whose child the user may see (restricted records only for those named)."""
    return Case.objects.filter(seen_by(user))


def seen_by(user: User, through: str = "") -> Q:
    """The condition of visible_cases, on Case or through a relation to it (`through="case__"`
    on a record): a join, which stays quick inside a list's own query."""
    return Q(**{f"{through}child__restricted": False}) | Q(
        **{f"{through}child_id__in": _named(user)}
    )


# How long after a contact the front door still sees the child's record: long enough to
# decide, follow up and answer the referrer. Whether or not it was decided: a contact left
# undecided must not open a record for ever (a reason given, a contact recorded and never
# decided, would otherwise be lasting access).
FRONT_DOOR_DAYS = 30


def in_work(ids: list[int]) -> bool:
    """Is any of these people the child of a case or a contact?"""
    return (
        Person.objects.filter(pk__in=ids)
        .filter(
            Exists(Case.objects.filter(child=OuterRef("pk")))
            | Exists(Contact.objects.filter(child=OuterRef("pk")))
        )
        .exists()
    )


def works_with(user: User, ids: list[int]) -> bool:
    """Is any of these people's cases the user's work?"""
    cases = Case.objects.filter(child_id__in=ids)
    theirs = (
        Q(worker=user)  # the allocated worker
        | Q(team__manager=user)  # their team manager
        | Q(team__service_area__head=user)  # the head of service above
    )
    if user.team_id is not None and user.role not in ONLY_THEIR_OWN:
        theirs |= Q(team_id=user.team_id)  # their team (nobody's team is not a team)
    if cases.filter(theirs).exists():
        return True
    if user.role == Role.FRONT_DOOR:  # contacts and open referrals, not closed history
        recent = timezone.now() - timedelta(days=FRONT_DOOR_DAYS)
        return (
            cases.filter(closed_on__isnull=True).exists()
            or Contact.objects.filter(child_id__in=ids, received_at__gte=recent).exists()
        )
    return False


def get_case_for(user: User, pk: int, *, changeable: bool = False) -> Case:
    """The case if the user may see it (404, or a reason asked first, otherwise); with
    changeable, only if they may also record on it (the page that refuses says who can)."""
    found = visible_cases(user).select_related("child", "team", "worker").filter(pk=pk).first()
    if found is None:
        raise Http404("No such case")
    if not may_open(user, found.child):
        raise ReasonNeeded(found.child)
    if changeable and not may_record_on(user, found):
        raise PermissionDenied(
            "Only the allocated worker, their team, their manager and the head of service can "
            "record on this case."
        )
    return found


# Set at start-up by apps above this one: who else records in a case (the young person's
# personal adviser, in leaving_care).
ALSO_RECORD: list[Callable[[User, Case], bool]] = []


def may_record_on(user: User, case: Case) -> bool:
    """Who may add and change records in a case."""
    if not RECORDERS.permits(user):
        return False
    if case.worker_id is not None and case.worker_id == user.pk:  # the allocated worker
        return True
    if user.role in ONLY_THEIR_OWN:
        return any(rule(user, case) for rule in ALSO_RECORD)
    if case.team_id is not None and case.team_id == user.team_id:  # their team
        return True
    if case.team_id is not None and _leads(user, case.team_id):  # their manager, head of service
        return True
    # The front door, until the case is allocated to a worker.
    return user.role == Role.FRONT_DOOR and case.is_open and case.worker_id is None


def records_on(user: User, person: Person) -> bool | None:
    """For a child with an open case, whether the user may record about them (their details,
    family, chronology): the case's rule. None: no open case, standing access decides."""
    case = Case.objects.filter(child=person, closed_on__isnull=True).first()
    return None if case is None else may_record_on(user, case)


# Who decides what happens to a contact: the front door, and social workers and managers (duty
# and out of hours). Business support, chairs and administrators record contacts, never decide.
DECIDERS = frozenset({Role.FRONT_DOOR, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE})


def may_decide(user: User, contact: Contact) -> bool:
    """Who may record a contact's decision, what the referrer was told, and which child it is
    about: a deciding role with standing access to the child if one is known (a front door
    worker always has it while the contact waits); never by a reason given."""
    if user.role not in DECIDERS:
        return False
    return contact.child is None or standing_access(user, contact.child)


def may_authorise(user: User, case: Case) -> bool:
    """Who may authorise records in a case (never their own: see recording.actions)."""
    if user.role not in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
        return False
    return case.team_id is not None and _leads(user, case.team_id)


def may_allocate(user: User, case: Case) -> bool:
    """Managers allocate their teams' cases, and anyone's unallocated new case."""
    if user.role not in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
        return False
    return case.team_id is None or _leads(user, case.team_id)


def _leads(user: User, team_id: int) -> bool:
    """The team's manager, or the head of the service area the team belongs to."""
    return Team.objects.filter(Q(manager=user) | Q(service_area__head=user), pk=team_id).exists()


def visible_contacts(user: User) -> QuerySet[Contact]:
    """Contacts whose child (if matched yet) the user may see."""
    return Contact.objects.filter(
        Q(child__isnull=True) | Q(child__restricted=False) | Q(child_id__in=_named(user))
    )


def get_contact_for(user: User, pk: int, *, to_decide: bool = False) -> Contact:
    """The contact if the user may see it. One not yet matched to a child names nobody on
    record, so any member of staff may open it (the front door's queue). With `to_decide`,
    only if the user may also decide it (may_decide; the page that refuses says who can)."""
    found = visible_contacts(user).select_related("child", "case", "recorded_by").filter(pk=pk)
    contact = found.first()
    if contact is None:
        raise Http404("No such contact")
    if contact.child is not None and not may_open(user, contact.child):
        raise ReasonNeeded(contact.child)
    if to_decide and not may_decide(user, contact):
        raise PermissionDenied(
            "Contacts are decided by the front door, and by social workers and managers whose "
            "work the child is. A reason given to open a record lets you read it, not decide."
        )
    return contact
