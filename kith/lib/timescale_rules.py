"""The national timescales as data: each rule's name, what sets it off, how long it allows, in
which unit, and where it comes from (docs/reference/timescales.md). The logic that reads them
(the authority's local changes, how a deadline stands) is in lib/timescales.py, which hands
these on to every app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models

from kith.lib.working_days import add_months, add_working_days


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", "working days"
    DAYS = "days", "days"
    WEEKS = "weeks", "weeks"
    MONTHS = "months", "months"


def add(start: date, offset: int, unit: str) -> date:
    """The due date `offset` units after `start` ("within 15 working days of D")."""
    if unit == Unit.WORKING_DAYS:
        return add_working_days(start, offset)
    if unit == Unit.DAYS:
        return start + timedelta(days=offset)
    if unit == Unit.WEEKS:
        return start + timedelta(weeks=offset)
    return add_months(start, offset)


@dataclass(frozen=True)
class Rule:
    key: str
    what: str  # what has to happen, as a worker would say it
    trigger: str  # what sets the clock running
    offset: int
    unit: str
    source: str
    local: bool  # the authority may set its own (a national timescale may not be changed)

    @property
    def timescale(self) -> str:
        unit = Unit(self.unit).label
        if self.offset == 1:
            unit = unit.removesuffix("s")
        return f"{self.offset} {unit}"

    @property
    def unit_label(self) -> str:
        return Unit(self.unit).label

    def due(self, start: date) -> date:
        return add(start, self.offset, self.unit)


WORKING_TOGETHER = "Working Together to Safeguard Children 2023"
LOCAL = "Local procedures"
CPPCR = "Care Planning, Placement and Case Review (England) Regulations 2010"
HEALTH_GUIDANCE = "Promoting the health and wellbeing of looked-after children 2015"
# The adoption scorecard's national thresholds (DfE, set for 2013 to 2016 and kept since): the
# average days a child waits; shown against each child's own days, never enforced.
SCORECARD = "Adoption scorecard (DfE), national threshold"
LEAVING_CARE = "Care Leavers (England) Regulations 2010"

RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule(
            "contact-decision",
            "Decide what happens with a contact or referral",
            "the contact is received",
            1,
            Unit.WORKING_DAYS,
            WORKING_TOGETHER,
            local=False,
        ),
        Rule(
            "assessment",
            "Complete the child and family assessment",
            "the referral",
            45,
            Unit.WORKING_DAYS,
            WORKING_TOGETHER,
            local=False,
        ),
        Rule(
            "initial-conference",
            "Hold the initial child protection conference",
            "the strategy discussion that started the section 47 enquiry",
            15,
            Unit.WORKING_DAYS,
            WORKING_TOGETHER,
            local=False,
        ),
        Rule(
            "first-core-group",
            "Hold the first core group meeting",
            "the initial child protection conference",
            10,
            Unit.WORKING_DAYS,
            LOCAL,
            local=True,
        ),
        Rule(
            "core-group",
            "Hold the next core group meeting (unless the plan sets otherwise)",
            "the last core group meeting",
            6,
            Unit.WEEKS,
            LOCAL,
            local=True,
        ),
        Rule(
            "first-review-conference",
            "Hold the first review conference",
            "the initial child protection conference",
            3,
            Unit.MONTHS,
            WORKING_TOGETHER,
            local=False,
        ),
        Rule(
            "review-conference",
            "Hold the next review conference",
            "the last review conference",
            6,
            Unit.MONTHS,
            WORKING_TOGETHER,
            local=False,
        ),
        Rule(
            "protection-visit",
            "Visit a child on a child protection plan (unless the plan sets otherwise)",
            "the last time the child was seen, or the plan starting",
            10,
            Unit.WORKING_DAYS,
            LOCAL,
            local=True,
        ),
        # Children looked after (Care Planning, Placement and Case Review (England)
        # Regulations 2010; reference/timescales.md).
        Rule(
            "care-plan",
            "Write the care plan",
            "the first placement",
            10,
            Unit.WORKING_DAYS,
            CPPCR,
            local=False,
        ),
        Rule(
            "first-care-review",
            "Hold the first looked-after review",
            "the child coming into care",
            20,
            Unit.WORKING_DAYS,
            CPPCR + ", reg 33",
            local=False,
        ),
        Rule(
            "second-care-review",
            "Hold the second looked-after review",
            "the first review",
            3,
            Unit.MONTHS,
            CPPCR + ", reg 33",
            local=False,
        ),
        Rule(
            "care-review",
            "Hold the next looked-after review",
            "the last review",
            6,
            Unit.MONTHS,
            CPPCR + ", reg 33",
            local=False,
        ),
        Rule(
            "placement-visit",
            "Visit the child in their new placement",
            "the start of a placement",
            1,
            Unit.WEEKS,
            CPPCR + ", reg 28",
            local=False,
        ),
        Rule(
            "care-visit",
            "Visit the looked-after child",
            "the last visit (6 weeks; 3 months after the first year of a placement meant to "
            "last until 18; weekly until the first review, then 6 or 4 weeks, when placed with "
            "a parent)",
            6,
            Unit.WEEKS,
            CPPCR + ", reg 28",
            local=False,
        ),
        Rule(
            "health-assessment",
            "Have the initial health assessment done",
            "the child coming into care",
            20,
            Unit.WORKING_DAYS,
            HEALTH_GUIDANCE,
            local=False,
        ),
        Rule(
            "health-review",
            "Have the health review done",
            "the last health assessment (6 months under 5, 12 months from 5)",
            12,
            Unit.MONTHS,
            HEALTH_GUIDANCE,
            local=False,
        ),
        Rule(
            "pep",
            "Start the personal education plan",
            "the child coming into care",
            10,
            Unit.WORKING_DAYS,
            "Promoting the education of looked-after children 2018",
            local=False,
        ),
        # Permanence and adoption: the permanence plan by the second review (statutory
        # guidance, The Children Act 1989 guidance and regulations volume 2, 2.45); the
        # adoption scorecard's thresholds A1 and A2.
        Rule(
            "permanence-meeting",
            "Hold the permanence planning meeting",
            "the first looked-after review (by the second review at the latest)",
            3,
            Unit.MONTHS,
            "Children Act 1989 guidance and regulations volume 2, 2.45",
            local=False,
        ),
        Rule(
            "adoption-placed",
            "Place the child with their adoptive family",
            "the child coming into care",
            426,
            Unit.DAYS,
            SCORECARD + " A1 (426 days)",
            local=False,
        ),
        Rule(
            "adoption-match",
            "Match the child with adopters",
            "the placement order",
            121,
            Unit.DAYS,
            SCORECARD + " A2 (121 days)",
            local=False,
        ),
        # Care leavers (Children Act 1989 sections 23C to 24B; the Care Leavers (England)
        # Regulations 2010 and the Care Planning regulations, part 7).
        Rule(
            "needs-assessment",
            "Assess the young person's needs for leaving care",
            "the young person becoming eligible (16, and looked after 13 weeks since 14)",
            3,
            Unit.MONTHS,
            CPPCR + ", reg 42",
            local=False,
        ),
        Rule(
            "pathway-plan-review",
            "Review the pathway plan",
            "the last pathway plan",
            6,
            Unit.MONTHS,
            LEAVING_CARE + ", reg 7",
            local=False,
        ),
        Rule(
            "adviser-contact",
            "Be in touch with the young person (the personal adviser)",
            "the last contact",
            8,
            Unit.WEEKS,
            LOCAL + " (statutory guidance volume 3: at least every 8 weeks)",
            local=True,
        ),
        Rule(
            "in-touch",
            "Find out how the young person is doing around their birthday (17 to 21)",
            "the young person's birthday (from 3 months before to 1 month after)",
            1,
            Unit.MONTHS,
            "SSDA903 guidance, care leavers (OC3)",
            local=False,
        ),
    )
}
