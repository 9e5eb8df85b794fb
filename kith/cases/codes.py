"""DfE CIN census code lists used by a case, with the plain words shown on pages.

Source: reference/codes.md sections 2.1 (ReferralSource), 2.2 (PrimaryNeedCode) and 2.3
(ReasonForClosure). Codes are what the returns carry; labels are what people read.
"""

from django.db import models


class ReferralSource(models.TextChoices):
    FAMILY = "1A", "Family member, relative or carer"
    ACQUAINTANCE = "1B", "Acquaintance, neighbour or childminder"
    SELF = "1C", "The child (self-referral)"
    OTHER_INDIVIDUAL = "1D", "Another individual, including a stranger"
    SCHOOL = "2A", "School"
    EDUCATION = "2B", "Education services (not a school)"
    GP = "3A", "GP"
    HEALTH_VISITOR = "3B", "Health visitor"
    SCHOOL_NURSE = "3C", "School nurse"
    PRIMARY_HEALTH = "3D", "Other primary health services"
    A_AND_E = "3E", "A&E (accident and emergency)"
    OTHER_HEALTH = "3F", "Other health services, for example a hospice"
    HOUSING = "4", "Housing: council or housing association"
    LA_SOCIAL_CARE = "5A", "Council social care, for example adult social care"
    LA_INTERNAL = "5B", "Another council department, for example youth justice (not housing)"
    LA_EXTERNAL = "5C", "Another council's services"
    EARLY_HELP = "5D", "Early help"
    POLICE = "6", "Police"
    LEGAL = "7", "Courts, probation, immigration, Cafcass or prison"
    OTHER = "8", "Children's centre, voluntary organisation or independent agency"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Not known"


class PrimaryNeed(models.TextChoices):
    # Listed most specific first: if two fit, choose the higher one (codes.md 2.2).
    ABUSE_OR_NEGLECT = "N1", "Abuse or neglect, or the risk of it (including domestic abuse)"
    CHILD_DISABILITY = "N2", "The child's disability, illness or condition"
    PARENT_ILLNESS = "N3", "A parent's or carer's disability, illness or addiction"
    ACUTE_STRESS = "N4", "Family in acute stress: a temporary crisis"
    DYSFUNCTION = "N5", "Family dysfunction: parenting chronically inadequate"
    BEHAVIOUR = "N6", "The child's behaviour harming the community"
    LOW_INCOME = "N7", "Low income"
    ABSENT_PARENTING = "N8", "Absent parenting: no parent available"
    NOT_IN_NEED = "N9", "Adoption support only (not a child in need)"
    NOT_STATED = "N0", "Not decided yet"


class ClosureReason(models.TextChoices):
    ADOPTED = "RC1", "Adopted"
    DIED = "RC2", "Died (or, for an unborn child, stillbirth, miscarriage or termination)"
    CHILD_ARRANGEMENTS = "RC3", "Child arrangements order made"
    SPECIAL_GUARDIANSHIP = "RC4", "Special guardianship order made"
    MOVED_AUTHORITY = "RC5", "Moved to another council's children's services"
    ADULT_SERVICES = "RC6", "Moved to adult social care"
    SERVICES_ENDED = "RC7", "Services ended, for example the child is no longer in need"
    NFA_AFTER_ASSESSMENT = "RC8", "Closed after assessment or referral: no further action"
    EARLY_HELP_AFTER_ASSESSMENT = "RC9", "Closed after assessment: referred to early help"


class ContactOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    ADVICE = "advice", "Advice and information given"
    EARLY_HELP = "early_help", "Passed to early help"
    SIGNPOSTED = "signposted", "Signposted to another agency"
    REFERRAL = "referral", "Referral to children's social care"


class Consent(models.TextChoices):
    GIVEN = "given", "Yes, the family agreed to the contact being made"
    REFUSED = "refused", "No, the family did not agree"
    NOT_ASKED_RISK = "not_asked_risk", "Not asked: asking could put the child at risk"
    NOT_KNOWN = "not_known", "Not known"
