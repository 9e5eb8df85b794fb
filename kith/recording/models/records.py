"""The records a worker writes in a case: assessments, visits, case notes and closures."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone

from kith.cases.codes import ClosureReason, PrimaryNeed
from kith.recording.codes import (
    AssessmentFactor,
    AssessmentOutcome,
    NoteKind,
    YesNo,
    YesNoNotApplicable,
)
from kith.recording.models.base import Record


class Assessment(Record):
    """A child and family assessment (Working Together 2023): the three domains of the
    Assessment Framework, the child's own words, analysis, factors and a recommendation."""

    kind = "assessment"
    date_field = "started_on"
    needs_authorisation = True
    recorded_fields = (
        "started_on",
        "child_development",
        "parenting_capacity",
        "family_environment",
        "child_views",
        "analysis",
        "factors",
        "recommendation",
        "outcome",
        "primary_need",
    )

    started_on = models.DateField("Date the assessment started", null=True, blank=True)
    child_development = models.TextField("The child's developmental needs", blank=True)
    parenting_capacity = models.TextField("Parenting capacity", blank=True)
    family_environment = models.TextField("Family and environmental factors", blank=True)
    child_views = models.TextField("The child's views and wishes, in their words", blank=True)
    analysis = models.TextField(blank=True)
    factors = models.JSONField(default=list, blank=True, help_text="AssessmentFactor codes.")
    recommendation = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=AssessmentOutcome.choices, blank=True)
    # Copied to the case when the assessment is authorised (the census's category of need).
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)

    class Meta(Record.Meta):
        verbose_name = "child and family assessment"

    @property
    def completed_on(self) -> date | None:
        """The census's assessment completion date is the day a manager authorised it."""
        return timezone.localdate(self.authorised_at) if self.authorised_at else None

    def factor_labels(self) -> list[str]:
        return [AssessmentFactor(code).label for code in self.factors]


class Visit(Record):
    """A visit to the child: who was seen, whether alone, their bedroom, what was observed and
    said. One page, few required answers."""

    kind = "visit"
    date_field = "visited_on"
    recorded_fields = (
        "visited_on",
        "visited_time",
        "who_was_seen",
        "child_seen",
        "seen_alone",
        "bedroom_seen",
        "place",
        "observations",
        "child_words",
        "analysis",
        "next_steps",
    )

    visited_on = models.DateField("Date of the visit", null=True, blank=True)
    visited_time = models.TimeField("Time", null=True, blank=True)
    who_was_seen = models.CharField(max_length=300, blank=True)
    child_seen = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    seen_alone = models.CharField(max_length=3, choices=YesNoNotApplicable.choices, blank=True)
    bedroom_seen = models.CharField(max_length=3, choices=YesNoNotApplicable.choices, blank=True)
    place = models.CharField("Where", max_length=200, blank=True)
    observations = models.TextField(blank=True)
    child_words = models.TextField("What the child said", blank=True)
    analysis = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)


class CaseNote(Record):
    """A quick note of a phone call, meeting, email or message. Any note can be marked as a
    significant event, which puts it on the chronology's short list."""

    kind = "note"
    date_field = "happened_on_date"
    recorded_fields = ("note_kind", "happened_on_date", "who_was_involved", "text", "significant")

    note_kind = models.CharField("Type", max_length=10, choices=NoteKind.choices, blank=True)
    happened_on_date = models.DateField("Date", null=True, blank=True)
    who_was_involved = models.CharField(max_length=300, blank=True)
    text = models.TextField("Note", blank=True)
    significant = models.BooleanField("This is a significant event", default=False)

    class Meta(Record.Meta):
        verbose_name = "case note"


class Closure(Record):
    """Closing a case: the date, the reason the returns need, a summary and what services
    carry on. A manager authorises it; only then is the case closed."""

    kind = "closure"
    date_field = "closed_on"
    needs_authorisation = True
    recorded_fields = ("closed_on", "reason", "summary", "onward_services")

    closed_on = models.DateField("Closure date", null=True, blank=True)
    reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)
    summary = models.TextField(blank=True)
    onward_services = models.TextField("Services that carry on", blank=True)
