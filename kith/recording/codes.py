"""Code lists for records in a case, with the plain words shown on pages.

AssessmentFactor is the DfE CIN census AssessmentFactors list (reference/codes.md 2.5), without
the two codes withdrawn in 2020/21 (18A, 19A), which may no longer be recorded.
"""

from django.db import models


class AssessmentFactor(models.TextChoices):
    ALCOHOL_CHILD = "1A", "Alcohol misuse by the child"
    ALCOHOL_PARENT = "1B", "Alcohol misuse by a parent or carer"
    ALCOHOL_OTHER = "1C", "Alcohol misuse by someone else in the household"
    DRUGS_CHILD = "2A", "Drug misuse by the child"
    DRUGS_PARENT = "2B", "Drug misuse by a parent or carer"
    DRUGS_OTHER = "2C", "Drug misuse by someone else in the household"
    DV_CHILD = "3A", "Domestic abuse: the child is the subject"
    DV_PARENT = "3B", "Domestic abuse: a parent or carer is the subject"
    DV_OTHER = "3C", "Domestic abuse: someone else in the household is the subject"
    MH_CHILD = "4A", "Mental health of the child"
    MH_PARENT = "4B", "Mental health of a parent or carer"
    MH_OTHER = "4C", "Mental health of someone else in the family or household"
    LD_CHILD = "5A", "Learning disability of the child"
    LD_PARENT = "5B", "Learning disability of a parent or carer"
    LD_OTHER = "5C", "Learning disability of someone else in the family or household"
    PD_CHILD = "6A", "Physical disability or illness of the child"
    PD_PARENT = "6B", "Physical disability or illness of a parent or carer"
    PD_OTHER = "6C", "Physical disability or illness of someone else in the family or household"
    YOUNG_CARER = "7A", "Young carer"
    PF_OVERSEAS_RETURN = "8B", "Privately fostered: from overseas, intends to return home"
    PF_OVERSEAS_STAY = "8C", "Privately fostered: from overseas, intends to stay"
    PF_EDUCATION = "8D", "Privately fostered: UK child in an educational placement"
    PF_FAMILY = "8E", "Privately fostered: UK child in an alternative family arrangement"
    PF_OTHER = "8F", "Privately fostered: other"
    UASC = "9A", "Unaccompanied asylum-seeking child"
    MISSING = "10A", "Going or being missing"
    CSE = "11A", "Child sexual exploitation"
    TRAFFICKING = "12A", "Trafficking"
    GANGS = "13A", "Involvement in or with gangs"
    BEHAVIOUR = "14A", "Socially unacceptable behaviour by the child"
    SELF_HARM = "15A", "Self-harm, suspected or actual"
    NEGLECT = "16A", "Neglect"
    EMOTIONAL = "17A", "Emotional abuse"
    PHYSICAL_BY_CHILD = "18B", "Physical abuse by another child"
    PHYSICAL_BY_ADULT = "18C", "Physical abuse by an adult"
    SEXUAL_BY_CHILD = "19B", "Sexual abuse by another child"
    SEXUAL_BY_ADULT = "19C", "Sexual abuse by an adult"
    OTHER = "20", "Other"
    NONE = "21", "No factors identified"
    FGM = "22A", "Female genital mutilation (FGM)"
    FAITH = "23A", "Abuse linked to faith or belief"
    CCE = "24A", "Child criminal exploitation"


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action: close the case"
    EARLY_HELP = "early_help", "Step down to early help"
    CHILD_IN_NEED = "cin_plan", "Child in need plan"
    STRATEGY = "strategy", "Strategy discussion (worried about significant harm)"
    LOOKED_AFTER = "looked_after", "The child needs to be looked after"


class NoteKind(models.TextChoices):
    PHONE = "phone", "Phone call"
    MEETING = "meeting", "Meeting"
    EMAIL = "email", "Email or letter"
    MESSAGE = "message", "Text or other message"
    OFFICE_VISIT = "office", "Office visit"
    OTHER = "other", "Other"


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class YesNoNotApplicable(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_APPLICABLE = "na", "Not applicable"
