"""Permanence: where a looked-after child will grow up, and how Kith records getting there.

The plan for permanence is on the care plan (care/plans.py). Here are the permanence planning
meeting (by the second review), a long-term fostering match, and the adoption journey: the
agency decision maker's decision that the child should be placed for adoption, the match with
adopters (who they are, as the 903's AD1 asks), and, if it comes to that, the decision that the
child is no longer to be placed for adoption, with its reason.

What is not stored here is derived from the care record, never typed twice: the placement order
is the legal status E1, placed for adoption is a placement A3 to A6, and the adoption order
(or a special guardianship or child arrangements order, or a return home) is how the period of
care ended (permanence/journey.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kith.care.codes import PermanenceOption
from kith.permanence.codes import AdoptersLegalStatus, AdoptersSex, NoLongerAdoptionReason


class PermanenceMeeting(models.Model):
    """The permanence planning meeting: where the child will grow up, decided by the second
    looked-after review at the latest."""

    period = models.ForeignKey(
        "care.CarePeriod", on_delete=models.PROTECT, related_name="permanence_meetings"
    )
    held_on = models.DateField("Date of the meeting")
    option = models.CharField(
        "Where the child will grow up", max_length=20, choices=PermanenceOption.choices
    )
    decided = models.TextField("What was decided, and why")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"Permanence planning meeting {self.held_on:%d/%m/%Y}"


class LongTermMatch(models.Model):
    """The child's foster carers are agreed as their carers until they grow up: permanence
    achieved within care (the placement goes on)."""

    period = models.ForeignKey(
        "care.CarePeriod", on_delete=models.PROTECT, related_name="long_term_matches"
    )
    matched_on = models.DateField("Date the match was agreed")
    carers = models.CharField("The foster carers", max_length=200)
    note = models.TextField("How it was agreed", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["matched_on", "pk"]

    def __str__(self) -> str:
        return f"Long-term fostering match {self.matched_on:%d/%m/%Y}"


class AdoptionPlan(models.Model):
    """The decision that a looked-after child should be placed for adoption, and what follows
    it: the match with adopters, or the decision that the child no longer should be."""

    period = models.ForeignKey(
        "care.CarePeriod", on_delete=models.PROTECT, related_name="adoption_plans"
    )
    decided_on = models.DateField("Date of the decision that the child should be adopted")
    decision_maker = models.CharField("The agency decision maker", max_length=200)
    matched_on = models.DateField("Date the child was matched with adopters", null=True)
    adopters_number = models.PositiveSmallIntegerField(
        "How many adopters", null=True, choices=[(1, "One adopter"), (2, "A couple")]
    )
    adopters_sex = models.CharField(
        "The adopters", max_length=2, choices=AdoptersSex.choices, blank=True
    )
    adopters_legal_status = models.CharField(
        "The adopters' legal status", max_length=3, choices=AdoptersLegalStatus.choices, blank=True
    )
    foster_carers_adopting = models.BooleanField(
        "The adopters are the child's foster carers", null=True
    )
    ended_on = models.DateField(
        "Date of the decision that the child should no longer be adopted", null=True
    )
    end_reason = models.CharField(
        "Why", max_length=3, choices=NoLongerAdoptionReason.choices, blank=True
    )
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period"],
                condition=Q(ended_on__isnull=True),
                name="one_adoption_plan_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"Plan for adoption from {self.decided_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def matched(self) -> bool:
        return self.matched_on is not None
