"""DfE person-level code lists, with the plain words shown on pages.

Source: the CIN census and SSDA903 specifications as summarised in docs/reference/codes.md
(sections 1.1 and 1.2). Codes are what the returns carry; labels are what people read.
"""

from django.db import models


class Sex(models.TextChoices):
    # CIN census and SSDA903 from 2024/25; U is required for an unborn child (CIN rule 8750).
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Unknown"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "Mixed: White and Black Caribbean"
    MWBA = "MWBA", "Mixed: White and Black African"
    MWAS = "MWAS", "Mixed: White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused: the child or parent declined to give it"
    NOBT = "NOBT", "Information not yet obtained"


class AddressType(models.TextChoices):
    HOME = "home", "Home"
    PLACEMENT = "placement", "Placement"
    TEMPORARY = "temporary", "Temporary"
    CARE_OF = "care_of", "Care of"


class UpnUnknown(models.TextChoices):
    # CIN census UPNunknown (codes.md 1.3): why a child has no UPN. UN6's wording is not
    # published, so it is not offered.
    NOT_SCHOOL_AGE = "UN1", "Not yet of school age"
    NEVER_IN_SCHOOL_IN_ENGLAND = "UN2", "Has never attended a maintained school in England"
    EDUCATED_OUTSIDE_ENGLAND = "UN3", "Educated outside England"
    NEWLY_LOOKED_AFTER = "UN4", "Newly looked after, and the UPN was not known in time"
    NO_RELIABLE_MATCH = "UN5", "The records that hold UPNs disagree, so no reliable match"
    REFERRAL_NFA = "UN7", "Referral with no further action"


class Disability(models.TextChoices):
    # CIN census Disability (codes.md 1.4). NONE stands alone; leave blank for an unborn child.
    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility: getting about the house and beyond"
    HAND = "HAND", "Hand function: holding and touching"
    PC = "PC", "Personal care: eating, washing, toileting, dressing"
    INC = "INC", "Incontinence: controlling bladder or bowels"
    COMM = "COMM", "Communication: speaking and/or understanding others"
    LD = "LD", "Learning, for example special educational needs"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour, including ADHD"
    CON = "CON", "Consciousness: seizures"
    AUT = "AUT", "Autism or Asperger syndrome, diagnosed by a medical practitioner"
    DDA = "DDA", "Another disability under the Disability Discrimination Act"


class OtherNameKind(models.TextChoices):
    ALIAS = "alias", "Also known as"
    PREVIOUS_FAMILY_NAME = "previous_family_name", "Previous family name"
    BIRTH_NAME = "birth_name", "Name at birth"
    SPELLING = "spelling", "Other spelling"


class IdentifierKind(models.TextChoices):
    FORMER_UPN = "former_upn", "Former UPN"
    HOME_OFFICE = "home_office", "Home Office reference"
    NI_NUMBER = "ni_number", "National Insurance number"
    PREVIOUS_AUTHORITY = "previous_authority", "Another authority's reference"
    # Kept from an earlier system's census returns, so the DfE can link this child's years.
    CENSUS_CHILD_ID = "census_child_id", "Child's ID in earlier census returns"
    POLICE = "police", "Police reference"
    OTHER = "other", "Other reference"


class InvolvementKind(models.TextChoices):
    GP = "gp", "GP practice"
    SCHOOL = "school", "School or nursery"
    HEALTH_VISITOR = "health_visitor", "Health visitor"
    MIDWIFE = "midwife", "Midwife"
    SCHOOL_NURSE = "school_nurse", "School nurse"
    POLICE = "police", "Police"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    CAMHS = "camhs", "Child and adolescent mental health (CAMHS)"
    HOUSING = "housing", "Housing"
    PROBATION = "probation", "Probation"
    ADULT_SERVICES = "adult_services", "Adult social care"
    EARLY_HELP = "early_help", "Early help"
    SOLICITOR = "solicitor", "Solicitor"
    OTHER = "other", "Other"


class ContactRestriction(models.TextChoices):
    NONE = "", "No restriction"
    SUPERVISED = "supervised", "Supervised contact only"
    NO_CONTACT = "no_contact", "No contact"
    NOT_AT_ADDRESS = "not_at_address", "Must not know the address"
