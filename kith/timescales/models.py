"""The authority's own timescales (LocalRule: every change kept, the latest counts) and the
deadlines on each child's case (Deadline: derived from the case's records by the rules in
lib/timescales.py, with the worker's reason when one is missed). Nothing is deleted: a
deadline that no longer applies is marked so, never removed."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from kith.lib.timescales import RULES, Standing, standing


class LocalRule(models.Model):
    """An administrator set a local timescale. Rows are added, never changed: the latest for a
    rule is the one in force, and the rest are its history."""

    rule = models.CharField(max_length=40, choices=[(k, r.what) for k, r in RULES.items()])
    offset = models.PositiveSmallIntegerField()
    reason = models.TextField("Why it changed")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.offset} from {self.changed_at:%d/%m/%Y}"


class Deadline(models.Model):
    """Something that should happen on a case by a date, set off by a record (the referral, an
    enquiry, a plan, a conference, a visit). `about` names what set it off, so each is set once
    and later saves only mark it done (or no longer needed)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="deadlines")
    rule = models.CharField(max_length=40, choices=[(k, r.what) for k, r in RULES.items()])
    about = models.CharField(max_length=60)
    what = models.CharField(max_length=200)
    started_on = models.DateField()
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    # When the reason for it went away (the enquiry ended without a conference, say).
    withdrawn_on = models.DateField(null=True, blank=True)
    late_reason = models.TextField("Why it was missed", blank=True)
    late_reason_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    late_reason_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "rule", "about"], name="one_deadline_each")
        ]
        indexes = [
            # The team's timeliness over time (timescales.queries.timeliness).
            models.Index(fields=["done_on"], name="deadline_done"),
        ]

    def __str__(self) -> str:
        return f"{self.what} by {self.due_on:%d/%m/%Y}"

    def standing(self, today: date) -> Standing:
        return standing(self.due_on, self.done_on, today, self.withdrawn_on is not None)


def local_changes() -> list[tuple[str, int]]:
    """The authority's changes to its local timescales, oldest first (lib/timescales.py reads
    them through this)."""
    return list(LocalRule.objects.order_by("changed_at", "pk").values_list("rule", "offset"))
