"""Contacts (what reaches the front door) and cases (a child's involvement with children's
services, from the referral to closure: a child in need episode in the returns).

A case's status is derived from its records (recording/rules.py), never typed. Nothing is deleted:
a case is closed, a contact is decided.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kith.cases.codes import ClosureReason, Consent, ContactOutcome, PrimaryNeed, ReferralSource
from kith.lib.timescales import RULES


class Contact(models.Model):
    """Someone got in touch about a child. Recorded even before the child is matched to a
    person record; decided within a working day."""

    received_at = models.DateTimeField("Date and time received")
    child = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    # What the referrer told us about the child, kept even after matching.
    child_name = models.CharField("Child's name", max_length=200, blank=True)
    child_date_of_birth = models.DateField("Child's date of birth", null=True, blank=True)
    child_address = models.CharField("Child's address", max_length=300, blank=True)
    referrer_name = models.CharField("Name of the person who contacted us", max_length=200)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_phone_or_email = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=2, choices=ReferralSource.choices)
    worries = models.TextField("What they are worried about")
    consent = models.CharField(max_length=20, choices=Consent.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=ContactOutcome.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    feedback = models.TextField("What we told the referrer", blank=True)
    feedback_given_on = models.DateField(null=True, blank=True)
    case = models.OneToOneField(
        "Case", on_delete=models.PROTECT, null=True, blank=True, related_name="contact"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [
            # The front door's queue: undecided contacts, oldest first (cases.views.contacts).
            models.Index(fields=["outcome", "received_at"], name="contact_queue"),
            # The latest decisions (cases.views.contacts).
            models.Index(fields=["-decided_at"], name="contact_latest_decisions"),
        ]

    def __str__(self) -> str:
        return f"Contact {self.reference}"

    @property
    def reference(self) -> str:
        return f"C{self.pk:07d}" if self.pk else "new"

    @property
    def received_on(self) -> date:
        return timezone.localdate(self.received_at)

    @property
    def decision_due(self) -> date:
        return RULES["contact-decision"].due(self.received_on)

    @property
    def is_decided(self) -> bool:
        return bool(self.outcome)

    @property
    def decided_late(self) -> bool:
        return self.decided_at is not None and (
            timezone.localdate(self.decided_at) > self.decision_due
        )

    @property
    def child_label(self) -> str:
        if self.child is not None:
            return self.child.full_name
        return self.child_name or "Child not named"


class Case(models.Model):
    """One child's involvement with children's services from a referral to closure. A child
    has at most one open case; reopening is a new contact and referral, keeping the history."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cases")
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=2, choices=ReferralSource.choices)
    primary_need = models.CharField(
        max_length=2, choices=PrimaryNeed.choices, default=PrimaryNeed.NOT_STATED
    )
    # CIN census ReferralNFA: the referral itself led to no further action.
    no_further_action = models.BooleanField(default=False)
    # The current allocation (history in Allocation). Kept here too because every case list
    # filters and sorts by it.
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocated_cases",
    )
    # Set only by an authorised closure (recording.actions) or a no-further-action decision.
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(closed_on__isnull=True),
                name="one_open_case_per_child",
            ),
        ]
        indexes = [
            # Caseloads: a worker's and a team's open cases (cases.access, cases.views).
            models.Index(fields=["worker", "closed_on"], name="case_worker_open"),
            models.Index(fields=["team", "closed_on"], name="case_team_open"),
        ]

    def __str__(self) -> str:
        return f"Case {self.reference}"

    @property
    def reference(self) -> str:
        return f"K{self.pk:07d}" if self.pk else "new"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def assessment_due(self) -> date:
        return RULES["assessment"].due(self.referral_date)


class Allocation(models.Model):
    """Who held the case when: every allocation and reallocation, never overwritten."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField("Reason", max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.worker or 'No worker'}, {self.team}"
