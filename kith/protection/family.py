"""The children a child protection record can cover together: the child's brothers and sisters
and the other children of their family and household, whether or not they have a case yet.

Siblings are usually worked with together, and a brother with no referral of his own is still
part of the strategy discussion about his sister: the page lists him, says he has no case, and
starting his enquiry there opens his referral (protection/actions/strategy_discussions.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from kith.accounts.models import User
from kith.cases.access import may_record_on
from kith.cases.models import Case
from kith.people.access import may_record_about, visible, visible_relationships
from kith.people.codes import AddressType
from kith.people.models import Person, Relationship, Residence
from kith.people.relationships import word_for_first, word_for_second


@dataclass
class FamilyChild:
    person: Person
    case: Case | None  # their open case, if they have one
    may_record: bool  # whether this user may record their part of the record
    how: str  # what they are to the child whose case this is ("Brother", "Lives with them")

    @property
    def key(self) -> str:
        """Their part's prefix on a page: by the child, so that what was typed for them still
        finds them if their case opens while the page is open (or a draft waits)."""
        return f"person-{self.person.pk}"


def children_around(user: User, case: Case) -> list[FamilyChild]:
    """The case's child first, then the other children of their family and household that the
    user may see, youngest last: related by any relationship, or living at the child's home.
    Each with their open case, and whether this user may record their part: their own case's
    people may; a child with no open case, whoever may record about them (a child nobody works
    with, or one of the family they work with; not one whose past is another team's, whom a
    referral from here would open to them without a reason)."""
    child = case.child
    around: dict[int, tuple[Person, str]] = {}
    for rel in Relationship.objects.filter(
        Q(first=child) | Q(second=child), visible_relationships(user)
    ).select_related("first", "second"):
        if rel.first_id == child.pk:
            around[rel.second_id] = (rel.second, word_for_second(rel.kind, rel.second.sex))
        else:
            around[rel.first_id] = (rel.first, word_for_first(rel.kind, rel.first.sex))
    today = timezone.localdate()
    homes = Residence.objects.filter(
        person=child, kind=AddressType.HOME, end_date__isnull=True
    ).values("address_id")
    for person in (
        Person.objects.current()
        .filter(visible(user), residences__address__in=homes, residences__end_date__isnull=True)
        .exclude(pk=child.pk)
        .distinct()
    ):
        around.setdefault(person.pk, (person, "Lives with them"))
    children = [
        (p, how)
        for p, how in around.values()
        if p.merged_into_id is None and (p.is_unborn or (p.age_on(today) or 99) < 18)
    ]
    cases = {
        c.child_id: c
        for c in Case.objects.filter(
            child_id__in=[p.pk for p, _ in children], closed_on__isnull=True
        ).select_related("child", "team", "worker")
    }
    found = [FamilyChild(child, case, True, "")]
    for person, how in sorted(children, key=lambda pair: pair[0].date_of_birth or today):
        theirs = cases.get(person.pk)
        found.append(
            FamilyChild(
                person,
                theirs,
                may_record_on(user, theirs)
                if theirs is not None
                else may_record_about(user, person),
                how,
            )
        )
    return found
