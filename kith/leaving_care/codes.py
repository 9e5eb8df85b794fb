"""The codes of leaving care: the young person's status (derived, never typed), and the 903's
OC3 answers (reference/codes.md 3.10) in plain words."""

from __future__ import annotations

from django.db import models


class LeaverStatus(models.TextChoices):
    """What the Children Act 1989 (as the Children (Leaving Care) Act 2000 amended it) calls a
    young person, from their care history (leaving_care/status.py)."""

    ELIGIBLE = "eligible", "Eligible: 16 or 17 and looked after"
    RELEVANT = "relevant", "Relevant: 16 or 17 and has left care"
    FORMER_RELEVANT = "former_relevant", "Former relevant: 18 to 21 (to 25 if asked)"
    QUALIFYING = "qualifying", "Qualifying: looked after after 16, for less than 13 weeks"


# The statuses the authority owes a personal adviser and a pathway plan.
OWED_SUPPORT = frozenset(
    {LeaverStatus.ELIGIBLE, LeaverStatus.RELEVANT, LeaverStatus.FORMER_RELEVANT}
)


class InTouch(models.TextChoices):
    YES = "YES", "In touch"
    NO = "NO", "Not in touch"
    DIED = "DIED", "Died"
    REFUSED = "REFU", "Refuses contact"
    NOT_NEEDED = "NREQ", "No longer needs our services"
    RETURNED_HOME = "RHOM", "Returned home to parents for 6 months or more"


# With these answers there is no activity or accommodation to give (the 903's rule 344).
NOTHING_TO_SAY = frozenset({"DIED", "RHOM"})


class Activity(models.TextChoices):
    HIGHER_EDUCATION = "F1", "Full-time higher education (beyond A level)"
    HIGHER_EDUCATION_PART = "P1", "Part-time higher education"
    EDUCATION = "F2", "Full-time education other than higher education"
    EDUCATION_PART = "P2", "Part-time education other than higher education"
    APPRENTICESHIP = "F4", "Full-time apprenticeship"
    APPRENTICESHIP_PART = "P4", "Part-time apprenticeship"
    WORK = "F5", "Full-time training or work (not an apprenticeship)"
    WORK_PART = "P5", "Part-time training or work (not an apprenticeship)"
    NEET_ILLNESS = "G4", "Not in education, training or work: illness or disability"
    NEET_OTHER = "G5", "Not in education, training or work: other reasons"
    NEET_PARENTING = "G6", "Not in education, training or work: pregnancy or parenting"


class Accommodation(models.TextChoices):
    """Where the young person lives: the letter of the 903's ACCOM (its digit is whether it is
    suitable, asked separately)."""

    FAMILY = "B", "With parents or relatives"
    RESIDENTIAL = "C", "A children's home or other residential care"
    SEMI_INDEPENDENT = "D", "Semi-independent or supported accommodation"
    SUPPORTED_LODGINGS = "E", "Supported lodgings"
    ABROAD = "G", "Gone abroad"
    DEPORTED = "H", "Deported"
    LODGINGS = "K", "Ordinary lodgings, without support"
    NOT_KNOWN = "R", "Not known"
    HOMELESS = "S", "No fixed address, or homeless"
    FOYER = "T", "A foyer, or supported housing linked to education or work"
    INDEPENDENT = "U", "Their own home (a tenancy, university halls, a shared flat)"
    EMERGENCY = "V", "Emergency accommodation (a night shelter or hostel)"
    BED_AND_BREAKFAST = "W", "Bed and breakfast"
    CUSTODY = "X", "In custody"
    OTHER = "Y", "Somewhere else"
    STAYING_PUT = "Z", "With their former foster carers (staying put)"


# Never suitable (the 903's rule 133: S1 and X1 are not codes).
NEVER_SUITABLE = frozenset({"S", "X"})


class ContactMethod(models.TextChoices):
    MET = "met", "Met in person"
    PHONE = "phone", "A phone call"
    VIDEO = "video", "A video call"
    MESSAGE = "message", "Messages (text, email)"
    TRIED = "tried", "Tried, but could not reach them"


class Arrangement(models.TextChoices):
    STAYING_PUT = "staying_put", "Staying put (with their former foster carers after 18)"
    STAYING_CLOSE = "staying_close", "Staying close (near their former children's home)"


class SupportEnd(models.TextChoices):
    AGE = "age", "Reached 21 (or 25, having asked for support to 25)"
    NOT_WANTED = "not_wanted", "No longer wants support"
    MOVED = "moved", "Moved to another authority's support"
    DIED = "died", "Died"
