"""Leaving care: the authority's support for a young person who was looked after, to 21 (25 if
they ask). Who is a care leaver is derived from their care history (leaving_care/status.py);
what is recorded here is the support: the personal adviser, contact with the young person, the
check around each birthday from 17 to 21 (the 903's OC3), staying put or staying close, and
when support ended. The needs assessment and the pathway plan are records in the young
person's case (leaving_care/plans.py), which stays open while they are supported.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kith.leaving_care.codes import (
    Accommodation,
    Activity,
    Arrangement,
    ContactMethod,
    InTouch,
    SupportEnd,
)
from kith.leaving_care.status import nth


class CareLeaver(models.Model):
    """A young person's leaving care support, from the day it was set up until it ended."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="care_leavers")
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advised",
        verbose_name="Personal adviser",
    )
    adviser_since = models.DateField("Personal adviser since", null=True, blank=True)
    to_25_asked_on = models.DateField("Asked for support to 25 on", null=True, blank=True)
    started_on = models.DateField("Support began")
    ended_on = models.DateField("Support ended", null=True, blank=True)
    end_reason = models.CharField(max_length=12, choices=SupportEnd.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="one_open_leaving_care_support",
            )
        ]
        indexes = [models.Index(fields=["adviser", "ended_on"], name="care_leaver_adviser_open")]

    def __str__(self) -> str:
        return f"Leaving care support from {self.started_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class AdviserContact(models.Model):
    """Being in touch with the young person: when, how, and what they said."""

    leaver = models.ForeignKey(CareLeaver, on_delete=models.PROTECT, related_name="contacts")
    contacted_on = models.DateField("Date")
    method = models.CharField("How", max_length=8, choices=ContactMethod.choices)
    note = models.TextField("How they are, in their words", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-contacted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} on {self.contacted_on:%d/%m/%Y}"

    @property
    def reached(self) -> bool:
        return self.method != ContactMethod.TRIED


class BirthdayCheck(models.Model):
    """How the young person was doing around a birthday from their 17th to their 21st: in
    touch or not, their main activity and where they live (the 903's OC3, the feed's care
    leavers block)."""

    leaver = models.ForeignKey(CareLeaver, on_delete=models.PROTECT, related_name="checks")
    age = models.PositiveSmallIntegerField("Birthday")
    checked_on = models.DateField("Date of the contact")
    in_touch = models.CharField("In touch?", max_length=4, choices=InTouch.choices)
    activity = models.CharField("Main activity", max_length=2, choices=Activity.choices, blank=True)
    accommodation = models.CharField(
        "Where they live", max_length=1, choices=Accommodation.choices, blank=True
    )
    suitable = models.BooleanField("The accommodation is suitable", null=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["age"]
        constraints = [
            models.UniqueConstraint(fields=["leaver", "age"], name="one_check_a_birthday")
        ]

    def __str__(self) -> str:
        return f"Around their {nth(self.age)} birthday: {self.get_in_touch_display().lower()}"

    @property
    def accom_code(self) -> str:
        """The 903's ACCOM: the letter and 1 (suitable) or 2 (not); 0 when there is none."""
        if not self.accommodation:
            return "0"
        return self.accommodation + ("1" if self.suitable else "2")


class LivingArrangement(models.Model):
    """Staying put with former foster carers, or staying close to a former children's home."""

    leaver = models.ForeignKey(CareLeaver, on_delete=models.PROTECT, related_name="arrangements")
    kind = models.CharField("Arrangement", max_length=16, choices=Arrangement.choices)
    started_on = models.DateField("Date it began")
    ended_on = models.DateField("Date it ended", null=True, blank=True)
    with_whom = models.CharField("With whom, or where", max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on:%d/%m/%Y}"


# The needs assessment and pathway plan are records in the case (leaving_care/plans.py).
from kith.leaving_care.plans import NeedsAssessment, PathwayPlan  # noqa: E402, F401
