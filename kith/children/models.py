"""What workers add to a child's chronology by hand: marks on entries (made or unmade
significant, with an analysis of what it means) and significant events no record holds (a
police call-out, a hospital admission, a move of school). Both are added, never changed or
deleted: the latest mark for an entry counts, and an event recorded in error is marked not
significant, with the reason, like any other entry."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from kith.protection.codes import Agency


class ChronologyMark(models.Model):
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    # Which entry: the source it comes from (children.sources.SOURCES) and its record's id.
    source = models.CharField(max_length=40)
    record = models.PositiveBigIntegerField()
    # The key a mark made before marks were kept by record had, when it no longer led to a
    # record (migration 0003): kept so its words are never lost. Empty for every other mark.
    old_key = models.CharField(max_length=300, blank=True, default="")
    significant = models.BooleanField("This is a significant event")
    analysis = models.TextField("What it means for the child", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            # The chronology reads every mark for a child (children/chronology.py).
            models.Index(fields=["child", "at"], name="chronology_mark_child"),
        ]

    def __str__(self) -> str:
        return f"Mark on {self.source} {self.record}"


class ChronologyEvent(models.Model):
    """A significant event typed straight into the chronology, often told by another agency."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    happened_on = models.DateField("Date it happened")
    what = models.CharField("What happened", max_length=200)
    details = models.TextField("Details", blank=True)
    agency = models.CharField("Told by", max_length=20, choices=Agency.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            # The chronology reads every event for a child (children/chronology.py).
            models.Index(fields=["child", "happened_on"], name="chronology_event_child"),
        ]

    def __str__(self) -> str:
        return f"{self.what} ({self.happened_on:%d/%m/%Y})"
