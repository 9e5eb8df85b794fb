"""The only way to fetch a person for a user.

Three rules, in this order:

1. Restricted records (a child of a member of staff, an adoption, a high-profile family) exist
   only for the users named on them: everyone else can neither find nor open them, and a
   missing record and a forbidden one look the same (404).
2. A record in children's services' work (the person, or someone in their family, is the child
   of a case or a contact) opens for the people whose work it is: the rules are the cases app's
   (cases/access.py `works_with`), registered here at start-up because this app cannot import
   that one. Data officers read every record (the returns need them); a person nobody is
   working with (no case or contact in the family) opens for any member of staff.
3. Anyone else on the staff may still find the person in search, but opening the record asks
   for a reason first (break-glass): the reason is audited, lasts KITH_BREAK_GLASS_HOURS, covers
   the family, and the allocated worker's manager sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from kith.accounts.roles import Role
from kith.people.models import BreakGlass, Person, Relationship, RestrictedAccess

# Set at start-up by the apps that know whose work a child is (cases, protection): each says
# whether any of these people is in children's services' work, and whether the user works
# with any of them. This app cannot import those (the arrows point one way).
_IN_WORK: list[Callable[[list[int]], bool]] = []
_WORKS_WITH: list[Callable[[Any, list[int]], bool]] = []


def register(
    *,
    in_work: Callable[[list[int]], bool] | None = None,
    works_with: Callable[[Any, list[int]], bool] | None = None,
) -> None:
    if in_work is not None and in_work not in _IN_WORK:
        _IN_WORK.append(in_work)
    if works_with is not None and works_with not in _WORKS_WITH:
        _WORKS_WITH.append(works_with)


class ReasonNeeded(Exception):
    """The user may find this person but must say why before opening their record."""

    def __init__(self, person: Person) -> None:
        super().__init__("A reason is needed to open this record.")
        self.person = person


def visible(user: Any) -> Q:
    """A condition on Person: not restricted, or restricted with this user named."""
    named = RestrictedAccess.objects.filter(user=user, ended_at__isnull=True).values("person_id")
    return Q(restricted=False) | Q(pk__in=named)


def get_person_for(user: Any, pk: int, *, changeable: bool = False) -> Person:
    """The person, if the user may see them; a merged record only when just reading it.
    Raises Http404 (restricted, or no such person) or ReasonNeeded (break-glass)."""
    people = Person.objects.current() if changeable else Person.objects.all()
    found = people.filter(visible(user), pk=pk).first()
    if found is None:
        raise Http404("No such person")
    if not may_open(user, found):
        raise ReasonNeeded(found)
    return found


def family_of(person: Person) -> list[int]:
    """The person and everyone with a relationship to them: access follows the family, so a
    child's worker can open the parents' records and a reason given covers the household."""
    related = Relationship.objects.filter(Q(first=person) | Q(second=person)).values_list(
        "first_id", "second_id"
    )
    ids = {person.pk}
    for first, second in related:
        ids.update((first, second))
    return sorted(ids)


def may_open(user: Any, person: Person) -> bool:
    """Whether the user may open the (visible) person's record without giving a reason."""
    if user.role == Role.DATA_OFFICER:  # every record, read-only: the returns need them
        return True
    family = family_of(person)
    if not any(rule(family) for rule in _IN_WORK):  # nobody's case: only rule 1 applies
        return True
    if any(rule(user, family) for rule in _WORKS_WITH):  # their work (cases, protection)
        return True
    return has_reason(user, family)


def has_reason(user: Any, family: list[int]) -> bool:
    """A reason given for anyone in the family, not yet expired."""
    return BreakGlass.objects.filter(
        user=user, person_id__in=family, ends_at__gt=timezone.now()
    ).exists()


def reason_lasts() -> timedelta:
    return timedelta(hours=settings.KITH_BREAK_GLASS_HOURS)


def visible_relationships(user: Any) -> Q:
    """A condition on Relationship: both people visible to the user (a restricted child must
    not appear on a parent's record either)."""
    named = RestrictedAccess.objects.filter(user=user, ended_at__isnull=True).values("person_id")
    return (Q(first__restricted=False) | Q(first_id__in=named)) & (
        Q(second__restricted=False) | Q(second_id__in=named)
    )
