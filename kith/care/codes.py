"""The SSDA903 code lists a looked-after child's record uses, with the plain words shown on
pages (reference/codes.md section 3). The codes are what the return needs; a worker chooses
the words."""

from __future__ import annotations

from django.db import models


class LegalStatus(models.TextChoices):
    INTERIM_CARE_ORDER = "C1", "Interim care order"
    CARE_ORDER = "C2", "Full care order"
    FREEING_ORDER = "D1", "Freeing order granted"
    PLACEMENT_ORDER = "E1", "Placement order granted"
    SECTION_20 = "V2", "Accommodated by agreement (section 20), a single period"
    SHORT_BREAKS_EACH = "V3", "Agreed series of short breaks, each break recorded"
    SHORT_BREAKS_AGREEMENT = "V4", "Agreed series of short breaks, the agreement recorded"
    POLICE_PROTECTION = "L1", "Police protection, in local authority accommodation"
    EMERGENCY_PROTECTION = "L2", "Emergency protection order"
    ASSESSMENT_ORDER = "L3", "Child assessment order, in local authority accommodation"
    REMANDED = "J1", "Remanded to local authority or youth detention accommodation"
    PACE = "J2", "Placed in local authority accommodation under PACE"
    SENTENCED = "J3", "Youth rehabilitation order with residence or intensive fostering"


# Orders that last only days or weeks: what may follow them is anything.
SHORT_ORDERS = frozenset({"L1", "L2", "L3", "J2"})
SHORT_BREAKS = frozenset({"V3", "V4"})


def may_follow(before: str, after: str) -> str | None:
    """Why `after` cannot follow `before` within one period of care, or None if it can. The
    903 and the Children Act allow most changes; these cannot happen:"""
    if before == after:
        return "This is already the child's legal status"
    if (before in SHORT_BREAKS) != (after in SHORT_BREAKS):
        return (
            "Short breaks are a period of care of their own: end this period of care and start "
            "a new one"
        )
    if before == "E1" and after in ("C1", "V2"):
        return (
            "A placement order cannot be followed by an interim care order or accommodation "
            "by agreement: the placement order must first be revoked (record a full care order)"
        )
    if after == "D1":
        return "Freeing orders could not be applied for after 30 December 2005"
    return None


class NewEpisodeReason(models.TextChoices):
    """RNE: derived from what changed, never typed (care/episodes.py)."""

    STARTED = "S", "Started to be looked after"
    LEGAL_STATUS = "L", "Change of legal status only"
    PLACEMENT = "P", "Change of placement and carer"
    PLACEMENT_SAME_CARER = "T", "Change of placement, same carer"
    BOTH = "B", "Change of legal status and placement, new carer"
    BOTH_SAME_CARER = "U", "Change of legal status and placement, same carer"


class CategoryOfNeed(models.TextChoices):
    # The 903 uses N1 to N8 only (reference/codes.md 3.3), the need when care began.
    ABUSE_OR_NEGLECT = "N1", "Abuse or neglect"
    CHILD_DISABILITY = "N2", "The child's disability"
    PARENT_ILLNESS = "N3", "A parent's illness or disability"
    ACUTE_STRESS = "N4", "Family in acute stress"
    DYSFUNCTION = "N5", "Family dysfunction"
    BEHAVIOUR = "N6", "Socially unacceptable behaviour"
    LOW_INCOME = "N7", "Low income"
    ABSENT_PARENTING = "N8", "Absent parenting"


class PlacementType(models.TextChoices):
    """PLACE, for the 2025/26 collection year and after (withdrawn codes: H5, P2, Z1)."""

    FOSTER_RELATIVE_LONG_TERM = "U1", "Foster care with a relative or friend, long-term"
    FOSTER_RELATIVE_ADOPTER = (
        "U2",
        "Foster care with a relative or friend who is an approved adopter",
    )
    FOSTER_RELATIVE = "U3", "Foster care with a relative or friend"
    FOSTER_LONG_TERM = "U4", "Foster care, long-term"
    FOSTER_ADOPTER = "U5", "Foster care with a carer who is an approved adopter"
    FOSTER = "U6", "Foster care"
    ADOPTION_CONSENT_CARER = "A3", "Placed for adoption with consent, with the current foster carer"
    ADOPTION_CONSENT = "A4", "Placed for adoption with consent, with new carers"
    ADOPTION_ORDER_CARER = (
        "A5",
        "Placed for adoption under a placement order, with the foster carer",
    )
    ADOPTION_ORDER = "A6", "Placed for adoption under a placement order, with new carers"
    PARENTS = "P1", "Placed with parents or another person with parental responsibility"
    SECURE_HOME = "K1", "Secure children's home"
    CHILDRENS_HOME = "K2", "Children's home"
    SUPPORTED_ACCOMMODATION = "K3", "Supported accommodation (16 and over)"
    RESIDENTIAL_EMPLOYMENT = "P3", "Residential employment"
    RESIDENTIAL_CARE = "R1", "Residential care home"
    HEALTH_SETTING = "R2", "NHS or other health setting"
    FAMILY_CENTRE = "R3", "Family centre or mother and baby unit"
    YOUNG_OFFENDER = "R5", "Young offender institution"
    RESIDENTIAL_SCHOOL = "S1", "Residential school"
    TEMPORARY = "T0", "Temporary move of any other kind"
    TEMPORARY_HOSPITAL = "T1", "Temporary: in hospital"
    TEMPORARY_HOLIDAY = "T2", "Temporary: away on holiday"
    TEMPORARY_CARER_HOLIDAY = "T3", "Temporary: while the usual foster carer is on holiday"
    TEMPORARY_SHORT = "T4", "Temporary: 7 days or less, for another reason"
    OTHER_11 = "Z11", "Other placement (Z11)"
    OTHER_12 = "Z12", "Other placement (Z12)"
    OTHER_13 = "Z13", "Other placement (Z13)"
    OTHER_14 = "Z14", "Other placement (Z14)"


FOSTER_CARE = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
WITH_RELATIVES = frozenset({"U1", "U2", "U3"})
# Placements that are meant to last until the child is 18 (regulation 28: visits may then be
# 3 months apart after the first year).
LONG_TERM = frozenset({"U1", "U4"})
TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})
# No provider for these (903 rule 213, 2025/26).
NO_PROVIDER = frozenset({"T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"})
ADOPTION = frozenset({"A3", "A4", "A5", "A6"})
# Ofsted registers children's homes and fostering; these have a URN (or XXXXXXX).
INSPECTED = frozenset({"K1", "K2", "K3", "S1"}) | FOSTER_CARE


class Provider(models.TextChoices):
    PARENTS = "PR0", "Parents or another person with parental responsibility"
    OWN_AUTHORITY = "PR1", "Our own authority"
    OTHER_AUTHORITY = "PR2", "Another local authority"
    PUBLIC = "PR3", "Other public provision (such as the NHS)"
    PRIVATE = "PR4", "Private provision"
    VOLUNTARY = "PR5", "Voluntary or charity provision"


class PlacementChangeReason(models.TextChoices):
    PLANNED = "CARPL", "A planned move under the care plan"
    CARER_RESIGNED = "CLOSE", "The carer resigned or the home closed"
    ALLEGATION = "ALLEG", "An allegation under investigation (section 47)"
    STANDARDS = "STAND", "A concern about the standard of care"
    APPROVAL_REMOVED = "APPRR", "The carer's approval or registration was removed"
    CARER_BEHAVIOUR = "CREQB", "The carer asked for it to end because of the child's behaviour"
    CARER_OTHER = "CREQO", "The carer asked for it to end for another reason"
    CHILD = "CHILD", "The child asked for it to end"
    AUTHORITY = "LAREQ", "It no longer met the child's needs"
    STATUS_ONLY = "PLACE", "A change in the placement's status only (same carer)"
    CUSTODY = "CUSTOD", "The child went into custody"
    OTHER = "OTHER", "Another reason (exceptional cases only)"


class CareEndReason(models.TextChoices):
    """REC, for the end of a period of care (X1, an episode ending within it, is derived)."""

    RETURNED_HOME_PLANNED = "E4A", "Returned home to parents, as planned"
    RETURNED_HOME_UNPLANNED = "E4B", "Returned home to parents, not as planned"
    LIVING_WITH_FAMILY = "E13", "Living with relatives or others without parental responsibility"
    ADOPTED_UNOPPOSED = "E11", "Adopted: the application was unopposed"
    ADOPTED_CONSENT_DISPENSED = "E12", "Adopted: the court dispensed with consent"
    CHILD_ARRANGEMENTS = "E41", "Child arrangements order granted"
    SGO_FOSTER_RELATIVE = (
        "E45",
        "Special guardianship to former foster carers who are family or friends",
    )
    SGO_FOSTER_OTHER = "E46", "Special guardianship to former foster carers who are not family"
    SGO_RELATIVE = "E47", "Special guardianship to other family or friends"
    SGO_OTHER = "E48", "Special guardianship to other carers who are not family"
    INDEPENDENT_SUPPORTED = "E5", "Moved to independent living with support"
    INDEPENDENT = "E6", "Moved to independent living without support"
    ADULT_CARE = "E7", "Moved to residential care funded by adult social care"
    STAYING_PUT = "E17", "Aged 18 or over and stayed with the carers (staying put)"
    OTHER_AUTHORITY = "E3", "Care taken over by another local authority"
    CUSTODY = "E9", "Sentenced to custody"
    REMAND_ENDED = "E14", "Accommodation on remand ended"
    AGE_ASSESSED = "E15", "An age assessment found the young person is 18 or over"
    MOVED_ABROAD = "E16", "Moved abroad"
    DIED = "E2", "Died"
    OTHER = "E8", "Care ended for another reason"


ADOPTED = frozenset({"E11", "E12"})
SPECIAL_GUARDIANSHIP = frozenset({"E45", "E46", "E47", "E48"})
# The earlier permanence order (the 903's PREV_PERM) a child who comes back into care had, by
# how their earlier period of care ended.
PREVIOUS_BY_ENDING = {
    **dict.fromkeys(ADOPTED, "P1"),
    **dict.fromkeys(SPECIAL_GUARDIANSHIP, "P2"),
    "E41": "P3",
}


class ReviewParticipation(models.TextChoices):
    UNDER_FOUR = "PN0", "Under 4 at the time of the review"
    SPOKE = "PN1", "Attended and spoke for themselves"
    SPOKEN_FOR = "PN2", "Attended, and an advocate or the IRO spoke for them"
    NON_VERBAL = "PN3", "Attended and gave their views without words (symbols)"
    ATTENDED_SILENT = "PN4", "Attended but did not contribute"
    BRIEFED = "PN5", "Did not attend, but briefed an advocate or the IRO"
    SENT_VIEWS = "PN6", "Did not attend, but sent their views another way"
    NO_VIEWS = "PN7", "Did not attend, and their views were not passed on"


class MissingKind(models.TextChoices):
    MISSING = "M", "Missing: whereabouts not known"
    AWAY = "A", "Away without permission: whereabouts known"


class PreviousPermanence(models.TextChoices):
    NONE = "Z1", "No earlier adoption, special guardianship or child arrangements order"
    ADOPTION = "P1", "Adopted before"
    SGO = "P2", "A special guardianship order before"
    CHILD_ARRANGEMENTS = "P3", "A child arrangements (residence) order before"
    UNKNOWN = "P4", "Not known yet"


class PermanenceOption(models.TextChoices):
    """Where the plan is for the child to grow up: the care plan's plan for permanence."""

    RETURN_HOME = "return_home", "Return home to parents"
    SPECIAL_GUARDIANSHIP = "sgo", "Special guardianship"
    CHILD_ARRANGEMENTS = "cao", "A child arrangements order (to live with family or friends)"
    LONG_TERM_FOSTERING = "long_term_fostering", "Long-term fostering"
    ADOPTION = "adoption", "Adoption"
    LONG_TERM_CARE = "long_term_care", "Long-term care in a children's home or supported living"


class Check(models.TextChoices):
    """The dated health, education and youth justice facts the looked-after child's record
    keeps: each a row, so the OC2 outcomes and the deadlines are counted, never typed."""

    HEALTH_ASSESSMENT = "iha", "Initial health assessment"
    HEALTH_REVIEW = "health_review", "Health review"
    DENTAL = "dental", "Dental check"
    IMMUNISATIONS = "immunisations", "Immunisations checked"
    SDQ = "sdq", "Strengths and difficulties questionnaire (SDQ)"
    SUBSTANCE_MISUSE = "substance", "Substance misuse identified"
    PEP = "pep", "Personal education plan (PEP)"
    SCHOOL = "school", "Started at a school"
    EXCLUSION = "exclusion", "Excluded from school"
    CONVICTION = "conviction", "Convicted, or given a final warning or reprimand"


HEALTH = frozenset({"iha", "health_review", "dental", "immunisations", "sdq", "substance"})


class SdqReason(models.TextChoices):
    AGE = "SDQ1", "Under 4 or over 16 at the latest assessment"
    CARERS_REFUSED = "SDQ2", "The carers refused to complete it"
    DISABILITY = "SDQ3", "The child's disability is too severe for it"
    OTHER = "SDQ4", "Another reason"
    CHILD_REFUSED = "SDQ5", "The child refused"
