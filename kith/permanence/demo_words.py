"""What the demo's permanence records say: the meeting's decision, the care plan's plan for
permanence and its contingency, and the adoption plan's notes, for each kind of permanence, in
the plain words a worker writes and the child's own where they are quoted."""

from __future__ import annotations

from kith.care.codes import PermanenceOption

# What the permanence planning meeting decided, and why.
DECIDED: dict[str, list[str]] = {
    PermanenceOption.RETURN_HOME: [
        "{name} will go home to mum once the work on routines and the drug testing are done. "
        "Mum has kept every contact session and the last three tests were clear. The plan is "
        "reviewed at the next looked-after review.",
        "Home, with support. Dad has moved out and mum has finished the Freedom Programme. "
        "{name} will move home over the school holidays, staying overnight first.",
    ],
    PermanenceOption.SPECIAL_GUARDIANSHIP: [
        "{name} will grow up with their grandparents under a special guardianship order. The "
        "viability assessment was positive and the full assessment has started.",
        "Special guardianship with their aunt, who {name} already stays with at weekends. "
        "She wants this and so does {name}. Support plan to be agreed before the hearing.",
    ],
    PermanenceOption.CHILD_ARRANGEMENTS: [
        "{name} will live with their father under a child arrangements order. Dad's "
        "assessment was positive; the court will be asked to discharge the care order.",
        "A child arrangements order so that {name} can live with their older sister and her "
        "partner, who have looked after {name} since the summer.",
    ],
    PermanenceOption.LONG_TERM_FOSTERING: [
        "{name} will stay with their foster carers until they grow up. The carers want this, "
        "and {name} says they feel at home there. The match goes to the fostering panel.",
        "Long-term fostering. A return home is not safe, and {name} does not want to move "
        "again. Family time with mum stays monthly.",
    ],
    PermanenceOption.ADOPTION: [
        "No family member can care for {name} safely: the assessments of both grandmothers "
        "were negative. Adoption is the plan, to go to the agency decision maker.",
        "{name} needs a family for life. Parallel planning has ruled out a return home and "
        "family placements. Recommend adoption; sibling contact to be part of any match.",
    ],
    PermanenceOption.LONG_TERM_CARE: [
        "{name} will stay at the children's home, where things are settled, and plan for "
        "moving on at 18 with the leaving care team.",
        "Supported accommodation until 18, then a flat with support. {name} wants to be "
        "near college and friends, and is clear they will not live in a foster family.",
    ],
}

# The care plan's plan for permanence, once agreed.
PLANNED: dict[str, str] = {
    PermanenceOption.RETURN_HOME: "{name} goes home to mum, step by step, with the family "
    "support worker visiting weekly for the first three months.",
    PermanenceOption.SPECIAL_GUARDIANSHIP: "{name} grows up with family under a special "
    "guardianship order, with a support plan for the guardians.",
    PermanenceOption.CHILD_ARRANGEMENTS: "{name} lives with family under a child "
    "arrangements order; the care order is discharged.",
    PermanenceOption.LONG_TERM_FOSTERING: "{name} stays with the same foster carers until "
    "they are grown up, matched as their long-term carers.",
    PermanenceOption.ADOPTION: "{name} is adopted. Letterbox contact with mum once a year and "
    "time with their brother twice a year.",
    PermanenceOption.LONG_TERM_CARE: "{name} stays where they are now until they are ready "
    "to move on, with a pathway plan from 16.",
}

CONTINGENCY: dict[str, str] = {
    PermanenceOption.RETURN_HOME: "If home is not safe, long-term fostering with the current "
    "carers, who have said they would keep {name}.",
    PermanenceOption.SPECIAL_GUARDIANSHIP: "If the assessment is negative, long-term "
    "fostering with the current carers.",
    PermanenceOption.CHILD_ARRANGEMENTS: "If the arrangement breaks down, back to the current "
    "foster carers while we plan again.",
    PermanenceOption.LONG_TERM_FOSTERING: "If the placement ends, a foster home near school, "
    "with the same family time.",
    PermanenceOption.ADOPTION: "If no adopters are found within 12 months, long-term fostering "
    "with carers who will keep family time going.",
    PermanenceOption.LONG_TERM_CARE: "If the placement ends, supported lodgings near college.",
}

WISHES: dict[str, str] = {
    PermanenceOption.RETURN_HOME: '"I want to go home. I miss my mum and my dog."',
    PermanenceOption.SPECIAL_GUARDIANSHIP: '"I like it at Nan\'s. Can I stay there for good?"',
    PermanenceOption.CHILD_ARRANGEMENTS: '"I want to live with my dad. He listens to me."',
    PermanenceOption.LONG_TERM_FOSTERING: '"I want to stay here. I don\'t want to move again."',
    PermanenceOption.ADOPTION: "",
    PermanenceOption.LONG_TERM_CARE: '"I\'m fine here. I just want to get my own place at 18."',
}

DECISION = (
    "Adoption is in {name}'s best interests: no family member can care for them safely, and "
    "they need a permanent family while they are young."
)
MATCHED = "Matched at panel; the agency decision maker agreed the match. Introductions planned."
CARERS_ADOPTING = (
    "The foster carers, who have cared for {name} since they were a baby, are adopting them."
)
ENDED = {
    "RD1": "{name}'s needs changed after the adopters' placement ended: long-term fostering "
    "is now the plan, with the same family time.",
    "RD2": "The court did not make a placement order and made a care order: the plan is now "
    "special guardianship with family.",
    "RD3": "No adopters came forward in over a year of family finding, including national "
    "profiling: long-term fostering is now the plan.",
    "RD4": "The adopters' placement ended after six weeks. {name} is back with their foster "
    "carers, who will keep them long-term.",
}
DISRUPTED = "The adopters asked for the placement to end; {name} went back to foster care."
ADOPTED_SUMMARY = (
    "The adoption order was made. {name} is settled with their family; adoption support "
    "continues through the regional adoption agency."
)
ADOPTION_SUPPORT = "Adoption support from the regional adoption agency"
MATCH_NOTE = "Agreed at the fostering panel. {name} and the carers both want this."
