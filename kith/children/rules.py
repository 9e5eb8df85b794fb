"""How complex a child's case is, for weighing caseloads. There is no national measure; this
is the common local rule of thumb, kept here so it is read and changed in one place."""

from __future__ import annotations

from django.db import models

# An assessment naming this many factors (domestic abuse, mental health, …) or more.
MANY_FACTORS = 4


class Complexity(models.TextChoices):
    HIGHER = "higher", "Higher"
    MEDIUM = "medium", "Medium"
    STANDARD = "standard", "Standard"


def complexity(*, on_protection_plan: bool, on_child_in_need_plan: bool, factors: int) -> str:
    """Higher: the child is on a child protection plan. Medium: on a child in need plan, or
    assessed with MANY_FACTORS or more factors. Standard: the rest."""
    if on_protection_plan:
        return Complexity.HIGHER
    if on_child_in_need_plan or factors >= MANY_FACTORS:
        return Complexity.MEDIUM
    return Complexity.STANDARD
