"""The only way to fetch a person for a user, and the rules of who may read and who may record.

Reading, in this order:

1. Restricted records (a child of a member of staff, an adoption, a high-profile family) exist
   only for the users named on them: everyone else can neither find nor open them, and a
   missing record and a forbidden one look the same (404). Every list that names people
   filters through `visible`; a page that forgets is refused before it is sent
   (people/middleware.py RestrictedRecordGuard).
2. A record in children's services' work (the person, or someone in their family, is the child
   of a case or a contact) opens for the people whose work it is: the rules are the cases and
   protection apps' (`works_with`), registered here at start-up because this app cannot import
   them. Data officers read every record (the returns need them); a person nobody is working
   with (no case or contact in the family) opens for any member of staff. That is *standing*
   access.
3. Anyone else on the staff may still find the person in search, but opening the record asks
   for a reason first (break-glass): the reason is audited, lasts KITH_BREAK_GLASS_HOURS, covers
   the family, and the allocated worker's manager sees it.

Recording (`may_record_about`) needs a recording role and standing access: a reason given
opens a record to read, never to change. A child with an open case is recorded on by the
people the case's rule names (cases/access.py `may_record_on`).

The family that access follows is real family only (`FAMILY_KINDS`), recorded by someone whose
standing access covered both people (Relationship.counts_for_access), so nothing done under
break-glass extends anyone's lasting access. Every person a page reads is audited by
audit/reads.py, so no page can forget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.policies import RECORDERS
from kith.accounts.roles import ONLY_THEIR_OWN, STAFF_ROLES, Role
from kith.audit import reads
from kith.people.models import BreakGlass, Person, Relationship, RestrictedAccess

# Set at start-up by the apps that know whose work a child is (cases, protection): each says
# whether any of these people is in children's services' work, and whether the user works
# with any of them. This app cannot import those (the arrows point one way).
_IN_WORK: list[Callable[[list[int]], bool]] = []
_WORKS_WITH: list[Callable[[Any, list[int]], bool]] = []
# Set at start-up by the cases app: for a child with an open case, whether the user may record
# on it (None: the person has no open case, so standing access decides).
_RECORDS_ON: list[Callable[[Any, Person], bool | None]] = []


def register(
    *,
    in_work: Callable[[list[int]], bool] | None = None,
    works_with: Callable[[Any, list[int]], bool] | None = None,
    records_on: Callable[[Any, Person], bool | None] | None = None,
) -> None:
    if in_work is not None and in_work not in _IN_WORK:
        _IN_WORK.append(in_work)
    if works_with is not None and works_with not in _WORKS_WITH:
        _WORKS_WITH.append(works_with)
    if records_on is not None and records_on not in _RECORDS_ON:
        _RECORDS_ON.append(records_on)


class ReasonNeeded(Exception):
    """The user may find this person but must say why before opening their record."""

    def __init__(self, person: Person) -> None:
        super().__init__("A reason is needed to open this record.")
        self.person = person


READ_ONLY = (
    "You can read this record, but only the people whose work the child is can change it: "
    "the allocated worker, their team and managers. A reason given to open a record lets you "
    "read it, not change it."
)


def _named(user: User | None) -> Any:
    return RestrictedAccess.objects.filter(user=user, ended_at__isnull=True).values("person_id")


def visible(user: User | None) -> Q:
    """A condition on Person: not restricted, or restricted with this user named (on the record
    or on the record it was merged into)."""
    named = _named(user)
    return Q(restricted=False) | Q(pk__in=named) | Q(merged_into_id__in=named)


def visible_relationships(user: User | None) -> Q:
    """A condition on Relationship: both people visible to the user (a restricted child must
    not appear on a parent's record either)."""
    named = _named(user)
    return (Q(first__restricted=False) | Q(first_id__in=named)) & (
        Q(second__restricted=False) | Q(second_id__in=named)
    )


def is_visible(user: User, person: Person) -> bool:
    if not person.restricted:
        return True
    return RestrictedAccess.objects.filter(
        Q(person=person) | Q(person_id=person.merged_into_id),
        user=user,
        ended_at__isnull=True,
    ).exists()


def get_person_for(
    user: User, pk: int, *, changeable: bool = False, current: bool = False
) -> Person:
    """The person, if the user may see them. With `current`, only a record not merged away;
    with `changeable`, also only if the user may record about them (else PermissionDenied).
    Raises Http404 (restricted, or no such person) or ReasonNeeded (break-glass)."""
    people = Person.objects.current() if changeable or current else Person.objects.all()
    found = people.filter(visible(user), pk=pk).first()
    if found is None:
        raise Http404("No such person")
    if not may_open(user, found):
        raise ReasonNeeded(found)
    if changeable and not may_record_about(user, found):
        raise PermissionDenied(READ_ONLY)
    return found


def family_of(person: Person | int, viewer: User | None = None) -> list[int]:
    """The person and their real family (FAMILY_KINDS, recorded by someone whose standing access
    covered both): access follows it, so a child's worker opens the parents' records and a
    reason given covers the household. With a viewer, only the family the viewer may see: a
    restricted child lends no access to her relatives (nor does asking for a reason because of
    her tell anyone she is there)."""
    pk = person if isinstance(person, int) else person.pk
    related = Relationship.objects.filter(Q(first_id=pk) | Q(second_id=pk), counts_for_access=True)
    if viewer is not None:
        related = related.filter(visible_relationships(viewer))
    ids = {pk}
    for first, second in related.values_list("first_id", "second_id"):
        ids.update((first, second))
    return sorted(ids)


def standing_access(user: User, person: Person) -> bool:
    """Whether the user opens the (visible) person's record without giving a reason: their
    work or their family's, or nobody's work at all. Data officers read every record."""
    return _standing(user, _reach(user, person))


def _standing(user: User, family: list[int]) -> bool:
    if user.role == Role.DATA_OFFICER:  # every record, read-only: the returns need them
        return True
    if user.role not in STAFF_ROLES:  # partner agencies see only what is shared with them
        return False
    if user.role in ONLY_THEIR_OWN:  # a personal adviser: the young people they advise
        return any(rule(user, family) for rule in _WORKS_WITH)
    if not any(rule(family) for rule in _IN_WORK):  # nobody's case: only rule 1 applies
        return True
    return any(rule(user, family) for rule in _WORKS_WITH)  # their work (cases, protection)


def may_open(user: User, person: Person) -> bool:
    """Whether the user may open the (visible) person's record without being asked why."""
    family = _reach(user, person)
    return _standing(user, family) or (may_ask_reason(user) and has_reason(user, family))


def _reach(user: User, person: Person) -> list[int]:
    """Whose work opens this person's record for the user: their family's (access follows real
    family), or, for a role that sees only the people named as theirs, the person alone (a
    personal adviser opens the young person, not their parents or their baby)."""
    if user.role in ONLY_THEIR_OWN:
        return [person.pk]
    return family_of(person, user)


def may_ask_reason(user: User) -> bool:
    return user.role in STAFF_ROLES and user.role not in ONLY_THEIR_OWN


def may_record_about(user: User, person: Person) -> bool:
    """The right to record about a person (their details, family, chronology): a recording
    role, the person visible, and standing access. For a child with an open case, the case's
    rule decides (its allocated worker, team and managers; the front door until allocated).
    Never by a reason given: break-glass reads only."""
    if not RECORDERS.permits(user) or not is_visible(user, person):
        return False
    for rule in _RECORDS_ON:
        verdict = rule(user, person)
        if verdict is not None:
            return verdict
    return standing_access(user, person)


def has_reason(user: User, family: list[int]) -> bool:
    """A reason given for anyone in the family, not yet expired."""
    return BreakGlass.objects.filter(
        user=user, person_id__in=family, ends_at__gt=timezone.now()
    ).exists()


def reason_lasts() -> timedelta:
    return timedelta(hours=settings.KITH_BREAK_GLASS_HOURS)


@contextmanager
def for_the_returns() -> Iterator[None]:
    """Statutory returns hold every child, restricted or not, and name none: people read inside
    the block are audited like any read but may be restricted (the one exception to the
    restricted-record guard, for returns/census.py)."""
    with reads.reading_for_returns():
        yield
