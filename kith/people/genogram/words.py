"""The family network in words: what each person is to the subject, whether they live with
them, hold parental responsibility or have contact restricted; the picture's text equivalent."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kith.people.genogram.family import CO_PARENT_KINDS, _Family
from kith.people.models import Person, Relationship
from kith.people.relationships import PARENTAL_KINDS, word_for_first, word_for_second
from kith.people.relationships import RelationshipKind as Kind

# Two steps that have a word of their own: (what the middle person is to the subject, what the
# far person is to the middle one) -> (kind, whether the far person is its first person).
PATH_WORDS = {
    ("parent", "parent"): (Kind.GRANDPARENT, True),
    ("parent", "sibling"): (Kind.AUNT_UNCLE, True),
    ("parent", "partner"): (Kind.PARTNER_OF_PARENT, True),
    ("child", "child"): (Kind.GRANDPARENT, False),
    ("sibling", "child"): (Kind.AUNT_UNCLE, False),
    ("partner", "child"): (Kind.PARTNER_OF_PARENT, False),
}


@dataclass(frozen=True)
class Row:
    """One related person, in words: the picture's text equivalent."""

    person: Person
    relationship: str  # what they are to the subject: "Mother", "Related through Kerry Jones"
    lives_with: bool
    parental_responsibility: bool
    contact: str  # the contact restriction's label, or "" if there is none
    deceased: bool


def _rows(family: _Family, reading_order: list[int]) -> list[Row]:
    """The text equivalent, in the picture's reading order."""
    subject = family.subject.pk
    direct: dict[int, list[Relationship]] = defaultdict(list)
    for rel in family.edges:
        if subject in (rel.first_id, rel.second_id):
            direct[_other(rel, subject)].append(rel)
    rows = []
    for pk in reading_order:
        if pk == subject:
            continue
        rels = direct[pk]
        words = [_word(rel, pk) + ("" if rel.is_current else " (ended)") for rel in rels]
        restrictions = [r.get_contact_restriction_display() for r in rels if r.contact_restriction]
        rows.append(
            Row(
                person=family.people[pk],
                relationship=", ".join(dict.fromkeys(words)) or _path_word(family, pk, direct),
                lives_with=pk in family.household,
                parental_responsibility=any(
                    r.has_parental_responsibility for r in rels if r.first_id == pk
                ),
                contact=restrictions[0] if restrictions else "",
                deceased=family.people[pk].is_deceased,
            )
        )
    return rows


def _other(rel: Relationship, pk: int) -> int:
    return rel.second_id if rel.first_id == pk else rel.first_id


def _word(rel: Relationship, pk: int) -> str:
    """What person `pk`, at one end of `rel`, is to the person at the other end."""
    if rel.first_id == pk:
        return word_for_first(rel.kind, rel.first.sex)
    return word_for_second(rel.kind, rel.second.sex)


def _role(rel: Relationship, pk: int) -> str:
    """Roughly what person `pk`, at one end of `rel`, is to the other: parent, child..."""
    if rel.kind in PARENTAL_KINDS:
        return "parent" if rel.first_id == pk else "child"
    if rel.kind in (Kind.SIBLING, Kind.HALF_SIBLING):
        return "sibling"
    return "partner" if rel.kind == Kind.PARTNER else "other"


def _path_word(family: _Family, pk: int, direct: dict[int, list[Relationship]]) -> str:
    """A word for someone two steps away if the path has one ("Grandmother" for a mother's
    mother, "Sister" for a child of both parents); otherwise who they are related through."""
    sex, edges = family.people[pk].sex, family.edges
    theirs, subjects = (
        {r.first_id for r in edges if r.second_id == child and r.kind in CO_PARENT_KINDS}
        for child in (pk, family.subject.pk)
    )
    if len(theirs & subjects) > 1:
        return word_for_first(Kind.SIBLING, sex)
    if theirs & subjects and subjects - theirs:  # recorded as the child of only one of them
        return word_for_first(Kind.HALF_SIBLING, sex)
    through = []
    for rel in family.edges:
        if pk in (rel.first_id, rel.second_id):
            middle = _other(rel, pk)
            for step in direct.get(middle, []):
                path = PATH_WORDS.get((_role(step, middle), _role(rel, pk)))
                if path:
                    kind, far_is_first = path
                    word = word_for_first if far_is_first else word_for_second
                    return word(kind, sex)
                through.append(family.people[middle].full_name)
    return f"Related through {through[0]}" if through else "Related"
