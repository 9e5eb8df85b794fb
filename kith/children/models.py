"""A worker's marks on a child's chronology: an entry made (or unmade) significant, with an
analysis of what it means. Marks are added, never changed: the latest for an entry counts, and
the earlier ones stay as its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ChronologyMark(models.Model):
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=300)
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
        return f"Mark on {self.key}"
