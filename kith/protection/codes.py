"""Code lists for child protection, with the plain words shown on pages.

CategoryOfAbuse is the CIN census list (reference/codes.md 2.4). The DfE discourages MUL
("multiple"); Kith offers it last, with a hint to choose the main category where one fits.
"""

from django.db import models


class CategoryOfAbuse(models.TextChoices):
    NEGLECT = "NEG", "Neglect"
    PHYSICAL = "PHY", "Physical abuse"
    EMOTIONAL = "EMO", "Emotional abuse"
    SEXUAL = "SAB", "Sexual abuse"
    MULTIPLE = "MUL", "Multiple categories"


class Agency(models.TextChoices):
    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    OTHER = "other", "Other"


class StrategyDecision(models.TextChoices):
    SECTION_47 = "s47", "Start a section 47 enquiry"
    NO_SECTION_47 = "no_s47", "No section 47 enquiry"


class EnquiryOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    CHILD_IN_NEED = "cin", "Continue under a child in need plan"
    CONFERENCE = "icpc", "Initial child protection conference"


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Review child protection conference"


class PlanEndReason(models.TextChoices):
    REVIEW_CONFERENCE = "review", "Ended at a review conference"
    TRANSFER_OUT = "transfer", "Child moved to another authority"
    CHILD_MOVED = "moved", "Child moved away or left the country"
    BECAME_LOOKED_AFTER = "looked_after", "Child became looked after"
    DIED = "died", "Child died"
    OTHER = "other", "Other reason"
