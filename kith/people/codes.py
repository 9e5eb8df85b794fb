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
