"""Kinds of relationship between two people, and the words each side uses.

A relationship is stored once, as "A is the <kind> of B" (Kerry is the mother of Ellie), and
shown from both sides: on Ellie's page Kerry is her "Mother"; on Kerry's page Ellie is her
"Daughter". Words follow the sex of the person they describe where practice uses gendered words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class RelationshipKind(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    CARER = "carer", "Carer"
    PARTNER_OF_PARENT = "partner_of_parent", "Partner of a parent"
    PARTNER = "partner", "Partner"
    FRIEND = "friend", "Friend"
    OTHER = "other", "Other"


@dataclass(frozen=True)
class Words:
    """(female, male, either) words for each side of a kind."""

    this_side: tuple[str, str, str]
    other_side: tuple[str, str, str]


WORDS: dict[str, Words] = {
    RelationshipKind.MOTHER: Words(("Mother", "Mother", "Mother"), ("Daughter", "Son", "Child")),
    RelationshipKind.FATHER: Words(("Father", "Father", "Father"), ("Daughter", "Son", "Child")),
    RelationshipKind.PARENT: Words(("Mother", "Father", "Parent"), ("Daughter", "Son", "Child")),
    RelationshipKind.STEP_PARENT: Words(
        ("Stepmother", "Stepfather", "Step-parent"),
        ("Stepdaughter", "Stepson", "Stepchild"),
    ),
    RelationshipKind.SIBLING: Words(
        ("Sister", "Brother", "Sibling"), ("Sister", "Brother", "Sibling")
    ),
    RelationshipKind.HALF_SIBLING: Words(
        ("Half-sister", "Half-brother", "Half-sibling"),
        ("Half-sister", "Half-brother", "Half-sibling"),
    ),
    RelationshipKind.GRANDPARENT: Words(
        ("Grandmother", "Grandfather", "Grandparent"),
        ("Granddaughter", "Grandson", "Grandchild"),
    ),
    RelationshipKind.AUNT_UNCLE: Words(
        ("Aunt", "Uncle", "Aunt or uncle"), ("Niece", "Nephew", "Niece or nephew")
    ),
    RelationshipKind.CARER: Words(
        ("Carer", "Carer", "Carer"), ("Cared for", "Cared for", "Cared for")
    ),
    RelationshipKind.PARTNER_OF_PARENT: Words(
        ("Mother's or father's partner",) * 3, ("Partner's child",) * 3
    ),
    RelationshipKind.PARTNER: Words(("Partner",) * 3, ("Partner",) * 3),
    RelationshipKind.FRIEND: Words(("Friend",) * 3, ("Friend",) * 3),
    RelationshipKind.OTHER: Words(("Other",) * 3, ("Other",) * 3),
}

# Kinds in which the first person brings the second up: they may hold parental
# responsibility, and the family network picture draws them a generation above.
PARENTAL_KINDS = frozenset(
    {
        RelationshipKind.MOTHER,
        RelationshipKind.FATHER,
        RelationshipKind.PARENT,
        RelationshipKind.STEP_PARENT,
    }
)
MAY_HOLD_PARENTAL_RESPONSIBILITY = PARENTAL_KINDS | {
    RelationshipKind.GRANDPARENT,
    RelationshipKind.AUNT_UNCLE,
    RelationshipKind.CARER,
    RelationshipKind.PARTNER_OF_PARENT,
    RelationshipKind.OTHER,
}
# Kinds that make a family: access to a child follows these (people/access.py family_of), and
# any relationship holding parental responsibility. A friend, a partner or an aunt does not
# open a child's record to the people who work with them.
FAMILY_KINDS = PARENTAL_KINDS | {
    RelationshipKind.SIBLING,
    RelationshipKind.HALF_SIBLING,
    RelationshipKind.CARER,
    RelationshipKind.PARTNER_OF_PARENT,
}


def makes_family(kind: str, has_parental_responsibility: bool) -> bool:
    return kind in FAMILY_KINDS or has_parental_responsibility


SAME_GENERATION = frozenset(
    {RelationshipKind.SIBLING, RelationshipKind.HALF_SIBLING, RelationshipKind.PARTNER}
)


def _by_sex(words: tuple[str, str, str], sex: str) -> str:
    return {"F": words[0], "M": words[1]}.get(sex, words[2])


def word_for_first(kind: str, first_person_sex: str) -> str:
    """What the first person is to the second ("Mother")."""
    return _by_sex(WORDS[kind].this_side, first_person_sex)


def word_for_second(kind: str, second_person_sex: str) -> str:
    """What the second person is to the first ("Daughter")."""
    return _by_sex(WORDS[kind].other_side, second_person_sex)
