"""The codes of adoption in the SSDA903 return (reference/codes.md 3.11 and 3.12), in plain
words, and which endings of care achieve which kind of permanence."""

from __future__ import annotations

from django.db import models

from kith.care.codes import ADOPTED, SPECIAL_GUARDIANSHIP, PermanenceOption


class AdoptersSex(models.TextChoices):
    SINGLE_MALE = "M1", "A single man"
    SINGLE_FEMALE = "F1", "A single woman"
    MALE_COUPLE = "MM", "A male couple"
    FEMALE_COUPLE = "FF", "A female couple"
    MIXED_COUPLE = "MF", "A male and female couple"


SINGLE_ADOPTER = frozenset({"M1", "F1"})


class AdoptersLegalStatus(models.TextChoices):
    SINGLE = "L0", "Single adopter"
    MARRIED_DIFFERENT_SEX = "L11", "Married couple of different sexes"
    MARRIED_SAME_SEX = "L12", "Married couple of the same sex"
    CIVIL_PARTNERS = "L2", "Civil partners"
    UNMARRIED_DIFFERENT_SEX = "L3", "Unmarried couple of different sexes"
    UNMARRIED_SAME_SEX = "L4", "Same-sex couple, neither married nor civil partners"


class NoLongerAdoptionReason(models.TextChoices):
    """Why a child is no longer to be placed for adoption (the 903's REASON_PLACED_CEASED)."""

    NEEDS_CHANGED = "RD1", "The child's needs changed after the decision"
    NO_PLACEMENT_ORDER = "RD2", "The court did not make a placement order"
    NO_ADOPTERS = "RD3", "No adopters could be found for the child"
    OTHER = "RD4", "Another reason"


# A placement with prospective adopters (the 903's PLACE A3 to A6): "placed for adoption".
PLACED_FOR_ADOPTION = frozenset({"A3", "A4", "A5", "A6"})

# How care ended, by the permanence it achieved (the 903's REC codes).
ACHIEVED_BY_ENDING = {
    **dict.fromkeys(ADOPTED, PermanenceOption.ADOPTION),
    **dict.fromkeys(SPECIAL_GUARDIANSHIP, PermanenceOption.SPECIAL_GUARDIANSHIP),
    "E41": PermanenceOption.CHILD_ARRANGEMENTS,
    "E4A": PermanenceOption.RETURN_HOME,
}
