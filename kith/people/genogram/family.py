"""Who is in the family network: the people within two relationship steps of a person, the
relationships among them, who lives with the person, and who are parents and couples."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db.models import Q
from django.utils import timezone

from kith.accounts.models import User
from kith.people.access import visible_relationships
from kith.people.models import Person, Relationship, Residence
from kith.people.relationships import PARENTAL_KINDS
from kith.people.relationships import RelationshipKind as Kind

# A step-parent is the partner of one parent, not of the other: only these kinds make the two
# parents of a child a couple. (A step-parent's PARTNER relationship still does.)
CO_PARENT_KINDS = PARENTAL_KINDS - {Kind.STEP_PARENT}

Links = dict[int, set[int]]


@dataclass(frozen=True)
class _Family:
    subject: Person
    edges: list[Relationship]
    people: dict[int, Person]
    household: frozenset[int]
    parents: Links  # child -> their parent-figures
    couples: Links


def _gather(person: Person, viewer: User | None) -> _Family:
    live = Relationship.objects.filter(
        visible_relationships(viewer),
        first__merged_into__isnull=True,
        second__merged_into__isnull=True,
    )
    near = {person.pk}
    for _ in range(2):  # one step, then two
        ends = live.filter(Q(first_id__in=near) | Q(second_id__in=near))
        near |= {pk for pair in ends.values_list("first_id", "second_id") for pk in pair}
    # Every relationship among them, so grandparents who are a couple are drawn as one.
    edges = list(
        live.filter(first_id__in=near, second_id__in=near)
        .select_related("first", "second")
        .order_by("pk")
    )
    people = {person.pk: person}
    for rel in edges:
        people.setdefault(rel.first_id, rel.first)
        people.setdefault(rel.second_id, rel.second)
    addresses: Links = defaultdict(set)
    # Current as on the person page: no end date, or one still to come (a planned move).
    current = Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())
    for residence in Residence.objects.filter(current, person_id__in=people):
        addresses[residence.person_id].add(residence.address_id)
    household = frozenset(pk for pk in people if addresses[pk] & addresses[person.pk])

    parents: Links = defaultdict(set)
    co_parents: Links = defaultdict(set)
    couples: Links = defaultdict(set)
    for rel in edges:
        if rel.kind in PARENTAL_KINDS:
            parents[rel.second_id].add(rel.first_id)
        if rel.kind in CO_PARENT_KINDS:
            co_parents[rel.second_id].add(rel.first_id)
        if rel.kind == Kind.PARTNER:
            couples[rel.first_id].add(rel.second_id)
            couples[rel.second_id].add(rel.first_id)
    for both in co_parents.values():
        for a, b in combinations(both, 2):
            couples[a].add(b)
            couples[b].add(a)
    return _Family(person, edges, people, household, parents, couples)
