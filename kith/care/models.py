"""Children looked after: a period of care from the day a child comes into care to the day
care ends, the legal statuses and placements within it (the SSDA903's episodes are derived from
these, care/episodes.py, never typed twice), reviews chaired by the independent reviewing
officer, missing episodes, and the dated health and education facts (Check) that the OC2
outcomes and the deadlines are counted from.

A placement and a legal status run from their start until the next one starts or care ends:
so there are never two at once, and nothing has to be typed twice to end one. Nothing is
deleted; a period of care ends, it is never removed.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kith.care.codes import (
    LONG_TERM,
    CareEndReason,
    CategoryOfNeed,
    Check,
    LegalStatus,
    MissingKind,
    PlacementChangeReason,
    PlacementType,
    PreviousPermanence,
    Provider,
    ReviewParticipation,
    SdqReason,
)


class CarePeriod(models.Model):
    """One continuous period of care. A child has at most one open period."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="care_periods")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField("Date the child came into care")
    need = models.CharField("Category of need", max_length=2, choices=CategoryOfNeed.choices)
    previous_permanence = models.CharField(
        "Earlier permanence order",
        max_length=2,
        choices=PreviousPermanence.choices,
        default=PreviousPermanence.NONE,
    )
    # The earlier order's date and the authority that arranged it (the 903's DATE_PERM and
    # LA_PERM: its three-digit number, or WAL, SCO, NUK, NIR): Kith's own when the child's
    # earlier care ended in it, else as the worker finds out.
    previous_permanence_on = models.DateField("Date of the earlier order", null=True, blank=True)
    previous_permanence_la = models.CharField(
        "The authority that arranged it", max_length=3, blank=True
    )
    unaccompanied = models.BooleanField("An unaccompanied asylum-seeking child", default=False)
    # The day the child stopped being unaccompanied and seeking asylum (the 903's DUC): their
    # 18th birthday unless a decision came first.
    unaccompanied_until = models.DateField(null=True, blank=True)
    iro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_periods",
        verbose_name="Independent reviewing officer",
    )
    # Care that began before the first return imported into Kith: how the first episode Kith
    # holds began (the 903's RNE, not S), so the episodes derived are the ones that return said.
    # Blank: the child came into care on started_on.
    began_earlier_as = models.CharField(max_length=1, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=3, choices=CareEndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
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
                name="one_open_care_period_per_child",
            )
        ]
        indexes = [models.Index(fields=["iro", "ended_on"], name="care_period_iro_open")]

    def __str__(self) -> str:
        return f"Looked after from {self.started_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class LegalStatusChange(models.Model):
    """A legal status from its start until the next one's (or care ends)."""

    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT, related_name="statuses")
    status = models.CharField("Legal status", max_length=2, choices=LegalStatus.choices)
    started_on = models.DateField("Date it began")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "started_on"], name="one_legal_status_change_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} from {self.started_on:%d/%m/%Y}"


class Placement(models.Model):
    """Where the child lives and with whom, from the day they moved in until the next placement
    starts (or care ends). Why it ended is recorded when the next one is."""

    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT, related_name="placements")
    started_on = models.DateField("Date the child moved in")
    kind = models.CharField("Type of placement", max_length=3, choices=PlacementType.choices)
    provider = models.CharField(max_length=3, choices=Provider.choices, blank=True)
    carer = models.CharField("The carers or the home", max_length=200)
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    postcode = models.CharField("The placement's postcode", max_length=8, blank=True)
    # The home the child came from, for the distance and the 903's HOME_POST.
    home_postcode = models.CharField("The child's home postcode", max_length=8, blank=True)
    same_carer = models.BooleanField(
        "The carer stays the same (a change of address, registration or provider only)",
        default=False,
    )
    meant_until_18 = models.BooleanField("Meant to last until the child is 18", default=False)
    # A relative or friend approved as a foster carer only for now (regulation 24): the child
    # is visited weekly until the first review, then at least every 4 weeks (regulation 28(4)).
    temporary_approval = models.BooleanField(
        "The carers are a relative or friend approved for now (regulation 24)", default=False
    )
    # Filled in when the next placement is recorded: why this one ended.
    change_reason = models.CharField(
        "Why it ended", max_length=6, choices=PlacementChangeReason.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["period", "started_on"], name="one_move_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.carer}, from {self.started_on:%d/%m/%Y}"

    @property
    def long_term(self) -> bool:
        return self.meant_until_18 or self.kind in LONG_TERM


class CareReview(models.Model):
    """A looked-after review, chaired by the independent reviewing officer."""

    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField("Date of the review")
    # Blank only for a review imported from an earlier return, which does not say who chaired.
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Independent reviewing officer",
    )
    participation = models.CharField(
        "How the child took part", max_length=3, choices=ReviewParticipation.choices
    )
    child_views = models.TextField("The child's views, in their words", blank=True)
    discussion = models.TextField("What the review found")
    monitoring = models.TextField("The reviewing officer's monitoring note", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"Looked-after review {self.held_on:%d/%m/%Y}"


class Recommendation(models.Model):
    """One of a review's recommendations: what, who will do it, by when, and when it was."""

    review = models.ForeignKey(CareReview, on_delete=models.PROTECT, related_name="recommendations")
    what = models.TextField("Recommendation")
    who = models.CharField("Who will do it", max_length=200)
    due_on = models.DateField("By when")
    done_on = models.DateField("Done on", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.what[:60]


class MissingEpisode(models.Model):
    """A time the child was missing from care, or away without permission."""

    period = models.ForeignKey(
        CarePeriod, on_delete=models.PROTECT, related_name="missing_episodes"
    )
    kind = models.CharField("Missing or away", max_length=1, choices=MissingKind.choices)
    started_on = models.DateField("Date it began")
    ended_on = models.DateField("Date the child came back", null=True, blank=True)
    where_found = models.CharField("Where the child was found", max_length=300, blank=True)
    interview_offered = models.BooleanField("A return interview was offered", null=True)
    interview_on = models.DateField("Date of the return interview", null=True, blank=True)
    note = models.TextField("What happened", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on:%d/%m/%Y}"

    @property
    def still_missing(self) -> bool:
        return self.ended_on is None


class CheckRecord(models.Model):
    """A dated health, education or youth justice fact about a looked-after child (Check)."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="care_checks")
    kind = models.CharField(max_length=16, choices=Check.choices)
    done_on = models.DateField("Date")
    # Immunisations: up to date; substance misuse: an intervention offered.
    answer = models.BooleanField(null=True)
    received = models.BooleanField("An intervention was received", null=True)
    sdq_score = models.PositiveSmallIntegerField("SDQ score", null=True, blank=True)
    sdq_reason = models.CharField(
        "Why there is no score", max_length=4, choices=SdqReason.choices, blank=True
    )
    school = models.CharField("School", max_length=200, blank=True)
    school_urn = models.CharField("School URN", max_length=8, blank=True)
    next_review_on = models.DateField("Next review", null=True, blank=True)
    days = models.PositiveSmallIntegerField("Days", null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-done_on", "-pk"]
        indexes = [models.Index(fields=["child", "kind", "done_on"], name="care_check_child")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.done_on:%d/%m/%Y}"


def current_placement(period: CarePeriod, on: date | None = None) -> Placement | None:
    """The placement in force on a day (today by default), from the period's placements."""
    on = on or timezone.localdate()
    found = None
    for placement in period.placements.all():
        if placement.started_on <= on:
            found = placement
    return found


# The care plan and placement plan are records in the case (care/plans.py), kept beside them.
from kith.care.plans import CarePlan, PlacementPlan  # noqa: E402, F401
