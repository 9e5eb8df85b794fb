"""The care plan and the placement plan: records a worker writes in the case, narrative first,
with the drafts, versions and amendments every record has (recording). Both are living
documents: once agreed they are updated, and each update is a version.

What Kith already holds (the child, family, professionals, legal status, placement, health and
school) is drawn in beside the page (care/drawn_in.py), never asked for again."""

from __future__ import annotations

from django.db import models

from kith.care.codes import PermanenceOption
from kith.recording.models import Record


class CarePlan(Record):
    kind = "care-plan"
    date_field = "agreed_on"
    living = True
    needs_authorisation = True
    recorded_fields = (
        "agreed_on",
        "needs",
        "permanence_option",
        "permanence_agreed_on",
        "permanence_plan",
        "contingency",
        "family_contact",
        "health",
        "education",
        "child_wishes",
    )

    agreed_on = models.DateField("Date of the plan", null=True, blank=True)
    needs = models.TextField("The child's needs and how they will be met", blank=True)
    permanence_option = models.CharField(
        "Where the child will grow up",
        max_length=20,
        choices=PermanenceOption.choices,
        blank=True,
    )
    permanence_agreed_on = models.DateField(
        "Date the plan for permanence was agreed", null=True, blank=True
    )
    permanence_plan = models.TextField(
        "The plan for permanence", blank=True, help_text="Where the child will grow up, and how"
    )
    contingency = models.TextField("The contingency plan", blank=True)
    family_contact = models.TextField("Time with family and friends", blank=True)
    health = models.TextField("Health", blank=True)
    education = models.TextField("Education", blank=True)
    child_wishes = models.TextField("The child's wishes and feelings, in their words", blank=True)

    class Meta(Record.Meta):
        verbose_name = "care plan"


class PlacementPlan(Record):
    kind = "placement-plan"
    date_field = "agreed_on"
    living = True
    recorded_fields = (
        "agreed_on",
        "carers_need_to_know",
        "delegated_authority",
        "arrangements",
        "child_views",
    )

    agreed_on = models.DateField("Date of the plan", null=True, blank=True)
    carers_need_to_know = models.TextField("What the carers need to know", blank=True)
    delegated_authority = models.TextField(
        "Delegated authority",
        blank=True,
        help_text="What the carers may decide themselves: haircuts, school trips, sleepovers",
    )
    arrangements = models.TextField(
        "Arrangements", blank=True, help_text="School, health, contact, pocket money, support"
    )
    child_views = models.TextField("The child's views on the placement", blank=True)

    class Meta(Record.Meta):
        verbose_name = "placement plan"
