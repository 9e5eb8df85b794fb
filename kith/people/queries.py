"""Named reads that need care: the person page, in a fixed number of queries however much is
recorded about the person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from kith.accounts.models import User
from kith.people.access import visible, visible_relationships
from kith.people.models import (
    Identifier,
    Involvement,
    Merge,
    OtherName,
    Person,
    Relationship,
    Residence,
)
from kith.people.relationships import word_for_first, word_for_second


@dataclass
class Related:
    relationship: Relationship
    person: Person
    word: str  # what the other person is to this one ("Mother")
    their_pr: bool  # they hold parental responsibility for this person


@dataclass
class PersonPage:
    person: Person
    residences: list[Residence]
    current: list[Residence]
    household: list[Person]
    other_names: list[OtherName]
    identifiers: list[Identifier]
    related: list[Related]
    involvements: list[Involvement]
    merges: list[Merge]


def person_page(person: Person, today: date, viewer: User | None = None) -> PersonPage:
    """Everything on the person page. People on restricted records the viewer is not named on
    are left out of the household and relationships."""
    residences = list(
        Residence.objects.filter(person=person).select_related("address").order_by("-start_date")
    )
    current = [r for r in residences if r.end_date is None or r.end_date >= today]
    household = (
        list(
            Person.objects.current()
            .filter(visible(viewer))
            .filter(
                residences__address__in=[r.address_id for r in current],
                residences__end_date__isnull=True,
            )
            .exclude(pk=person.pk)
            .distinct()
            .order_by("date_of_birth")
        )
        if current
        else []
    )
    relationships = Relationship.objects.filter(
        Q(first=person) | Q(second=person), visible_relationships(viewer)
    ).select_related("first", "second")
    related = []
    for rel in relationships:
        if rel.first_id == person.pk:
            other, word, their_pr = rel.second, word_for_second(rel.kind, rel.second.sex), False
        else:
            other = rel.first
            word, their_pr = (
                word_for_first(rel.kind, rel.first.sex),
                rel.has_parental_responsibility,
            )
        related.append(Related(rel, other, word, their_pr))
    related.sort(key=lambda r: (not r.relationship.is_current, r.person.date_of_birth or today))
    return PersonPage(
        person=person,
        residences=residences,
        current=current,
        household=household,
        other_names=list(OtherName.objects.filter(person=person)),
        identifiers=list(Identifier.objects.filter(person=person)),
        related=related,
        involvements=sorted(
            Involvement.objects.filter(person=person), key=lambda i: (not i.is_current, i.kind)
        ),
        merges=list(
            Merge.objects.filter(Q(survivor=person) | Q(merged=person))
            .filter(
                # A former partner in a merge since restricted is never read, let alone named.
                survivor__in=Person.objects.filter(visible(viewer)).values("pk"),
                merged__in=Person.objects.filter(visible(viewer)).values("pk"),
            )
            .select_related("survivor", "merged", "by", "undone_by")
        ),
    )
