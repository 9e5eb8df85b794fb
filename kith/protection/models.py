"""Child protection: strategy discussions (which may cover several children of a family),
section 47 enquiries, child protection conferences, child protection plans and core groups.

One record is written once and linked to each child it covers (StrategyChild, ConferenceChild),
with a decision per child. Timescales (protection/rules.py) are counted in working days from the
dates here; nothing is deleted: a plan ends, it is never removed.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kith.lib.timescales import RULES
from kith.lib.working_days import add_working_days
from kith.protection.codes import (
    Agency,
    CategoryOfAbuse,
    ConferenceKind,
    EnquiryOutcome,
    PlanEndReason,
    StrategyDecision,
)
from kith.recording.models import AbstractPlanAction


class StrategyDiscussion(models.Model):
    held_at = models.DateTimeField("Date and time")
    information_shared = models.TextField("What each agency shared")
    safety_plan = models.TextField("Immediate safety plan for the children")
    actions = models.TextField("Actions, and who will do them", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_at"]

    def __str__(self) -> str:
        return f"Strategy discussion {self.held_at:%d/%m/%Y}"

    @property
    def held_on(self) -> date:
        return timezone.localdate(self.held_at)

    def agencies_missing(self) -> list[str]:
        """The agencies Working Together expects that took no part: shown, never blocking."""
        present = {p.agency for p in self.participants.all()}
        expected = (Agency.SOCIAL_CARE, Agency.POLICE, Agency.HEALTH, Agency.EDUCATION)
        return [a.label for a in expected if a not in present]


class Participant(models.Model):
    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="participants"
    )
    name = models.CharField(max_length=200)
    agency = models.CharField(max_length=20, choices=Agency.choices)
    role = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()})"


class StrategyChild(models.Model):
    """The strategy discussion's decision for one child."""

    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="children"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="strategy")
    decision = models.CharField(max_length=10, choices=StrategyDecision.choices)
    reason = models.TextField("Why")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["discussion", "case"], name="one_decision_per_child")
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} for case {self.case_id}"


class Enquiry(models.Model):
    """A section 47 enquiry, started at a strategy discussion."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="enquiries")
    started_by = models.OneToOneField(
        StrategyChild, on_delete=models.PROTECT, related_name="enquiry"
    )
    started_on = models.DateField()
    findings = models.TextField(blank=True)
    concerns_substantiated = models.BooleanField(null=True, blank=True)
    continuing_risk = models.BooleanField(
        "The child is at continuing risk of significant harm", null=True, blank=True
    )
    outcome = models.CharField(max_length=10, choices=EnquiryOutcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    no_conference_reason = models.TextField("Why no conference is needed", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name_plural = "enquiries"

    def __str__(self) -> str:
        return f"Section 47 enquiry from {self.started_on:%d/%m/%Y}"

    @property
    def conference_due(self) -> date:
        return RULES["initial-conference"].due(self.started_on)

    def wording(self) -> tuple[object, ...]:
        """What a worker writes into an enquiry, to tell whether a brother's says the same."""
        return (
            self.findings.strip(),
            self.concerns_substantiated,
            self.continuing_risk,
            self.no_conference_reason.strip(),
        )

    def says_otherwise(self, other: Enquiry) -> bool:
        """Whether this enquiry has words of its own that the other's would replace."""
        return any(self.wording()) and self.wording() != other.wording()


class Conference(models.Model):
    kind = models.CharField(max_length=10, choices=ConferenceKind.choices)
    held_on = models.DateField("Date of the conference")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    attendance = models.TextField("Who attended, by agency")
    apologies = models.TextField("Apologies", blank=True)
    quorate = models.BooleanField("The conference was quorate", default=True)
    reports_received = models.TextField("Reports received", blank=True)
    social_worker_report = models.TextField("The social worker's report")
    views = models.TextField("The child's and the family's views")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"

    # What an amendment may correct (protection/actions/conferences.py amend_conference).
    AMENDABLE = (
        "held_on",
        "chair_id",
        "quorate",
        "attendance",
        "apologies",
        "reports_received",
        "social_worker_report",
        "views",
    )

    def snapshot(self) -> dict[str, object]:
        return {
            name: getattr(self, name).isoformat()
            if hasattr(getattr(self, name), "isoformat")
            else getattr(self, name)
            for name in self.AMENDABLE
        }


class ConferenceAmendment(models.Model):
    """A correction to a conference, with why: what it said before is kept (never overwritten
    silently), as a record in a case keeps its versions."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="amendments")
    why = models.TextField()
    before = models.JSONField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"Amendment to {self.conference} on {self.at:%d/%m/%Y}"


class ProtectionPlan(models.Model):
    """A child protection plan: from the conference that decides it to the one (or the move)
    that ends it. One open plan per case, and a child has one open case."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="cp_plans")
    started_on = models.DateField()
    initial_category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    latest_category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    what_must_change = models.TextField("What must change", blank=True)
    contingency = models.TextField("Contingency plan", blank=True)
    visit_every_working_days = models.PositiveSmallIntegerField(
        "Visit the child at least every (working days)", default=10
    )
    core_group_every_weeks = models.PositiveSmallIntegerField(
        "Core group meetings every (weeks)", default=6
    )
    # The first core group's timescale as the authority's local rule set it when the plan
    # started (a later change to the rule applies to new plans only).
    first_core_group_within = models.PositiveSmallIntegerField(
        "First core group within (working days)", default=10
    )
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=PlanEndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_on__isnull=True), name="one_open_cp_plan"
            )
        ]

    def __str__(self) -> str:
        return f"Child protection plan from {self.started_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def first_core_group_due(self) -> date:
        return add_working_days(self.started_on, self.first_core_group_within)

    def wording(self) -> tuple[object, ...]:
        """What a plan says, to tell whether a sister's says the same."""
        return (
            self.what_must_change.strip(),
            self.contingency.strip(),
            self.visit_every_working_days,
            self.core_group_every_weeks,
            tuple(
                (a.what.strip(), a.who.strip(), a.by_when)
                for a in self.actions.all()
                if a.replaced_at is None
            ),
        )

    def says_otherwise(self, other: ProtectionPlan) -> bool:
        """Whether this plan has words of its own (not the outline they both started from)
        that the other's would replace."""
        mine = self.wording()
        written = mine[0] or mine[1] or mine[4]
        return bool(written) and mine != other.wording()


class ConferenceChild(models.Model):
    """The conference's decision for one child: a plan or not (initial), carry on or end
    (review), the category, and when the next review is."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="children")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="conferences")
    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.PROTECT, null=True, blank=True, related_name="conferences"
    )
    plan = models.ForeignKey(
        ProtectionPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="conferences"
    )
    needs_plan = models.BooleanField("The child needs a child protection plan")
    category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices, blank=True)
    next_review_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "case"], name="one_conference_decision_per_child"
            )
        ]

    def __str__(self) -> str:
        return f"{self.conference} for case {self.case_id}"


class ConferenceReport(models.Model):
    """A report to a conference from another agency, attached as a document. Opened only
    through protection:report, which checks access and audits the look."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="reports")
    agency = models.CharField(max_length=20, choices=Agency.choices)
    title = models.CharField(max_length=200)
    document = models.FileField(upload_to="conference-reports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ProtectionAction(AbstractPlanAction):
    """One thing a child protection plan says will happen."""

    plan = models.ForeignKey(ProtectionPlan, on_delete=models.PROTECT, related_name="actions")


class CoreGroup(models.Model):
    plan = models.ForeignKey(ProtectionPlan, on_delete=models.PROTECT, related_name="core_groups")
    held_on = models.DateField("Date of the meeting")
    attendance = models.TextField("Who attended")
    progress = models.TextField("Progress on each action")
    concerns = models.TextField("Concerns", blank=True)
    decisions = models.TextField("Decisions")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Core group {self.held_on:%d/%m/%Y}"
