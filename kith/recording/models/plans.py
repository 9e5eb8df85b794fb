"""Child in need plans: what needs to change, who does what by when, and the reviews that keep
the plan alive. A plan is a living document: once agreed it can be updated, and every update is
a new version (RecordVersion), so the family's earlier plan is never lost.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from kith.recording.models.base import Record


class ReviewDecision(models.TextChoices):
    CONTINUE = "continue", "Carry on with the plan as it is"
    CHANGE = "change", "Change the plan"
    STEP_DOWN = "step_down", "Step down to early help"
    CLOSE = "close", "End the plan and close the case"
    STEP_UP = "step_up", "Step up: worried about significant harm"


class ChildInNeedPlan(Record):
    kind = "plan"
    date_field = "starts_on"
    living = True
    recorded_fields = ("starts_on", "ends_on", "needs")

    starts_on = models.DateField("Start date", null=True, blank=True)
    ends_on = models.DateField("End date", null=True, blank=True)
    needs = models.TextField("What needs to change", blank=True)

    class Meta(Record.Meta):
        verbose_name = "child in need plan"

    def is_active(self, today: date) -> bool:
        return self.is_final and (self.ends_on is None or self.ends_on >= today)

    def current_actions(self) -> list[PlanAction]:
        return [a for a in self.actions.all() if a.replaced_at is None]

    def snapshot(self) -> dict[str, Any]:
        values = super().snapshot()
        values["actions"] = [action.snapshot() for action in self.current_actions()]
        return values


class AbstractPlanAction(models.Model):
    """One thing a plan says will happen: what, who, by when. Replaced, not edited, when the
    plan is updated: the old row is kept (replaced_at) and the plan's versions show what it
    said. Each kind of plan has its own table of them, adding the `plan` they belong to (child
    protection plans too: protection/models.py)."""

    position = models.PositiveSmallIntegerField()
    what = models.TextField("What will happen")
    who = models.CharField("Who will do it", max_length=200)
    by_when = models.DateField("By when", null=True, blank=True)
    progress = models.TextField(blank=True)
    done = models.BooleanField(default=False)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.what[:60]

    @classmethod
    def replace_all(cls, plan: models.Model, actions: list[dict[str, Any]]) -> None:
        """The plan's actions are now these, in this order: the ones it had are kept as
        replaced (never deleted), so its earlier versions still read as they were."""
        of_plan = {"plan": plan}  # each kind of action adds its own `plan`, not this base
        cls._default_manager.filter(**of_plan, replaced_at__isnull=True).update(
            replaced_at=timezone.now()
        )
        cls._default_manager.bulk_create(
            cls(**of_plan, position=i, **action) for i, action in enumerate(actions, 1)
        )

    def snapshot(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "who": self.who,
            "by_when": self.by_when.isoformat() if self.by_when else None,
            "progress": self.progress,
            "done": self.done,
        }


class PlanAction(AbstractPlanAction):
    """One thing a child in need plan says will happen."""

    plan = models.ForeignKey(ChildInNeedPlan, on_delete=models.PROTECT, related_name="actions")


class PlanReview(models.Model):
    """A child in need plan review: who came, what has changed, and what was decided."""

    plan = models.ForeignKey(ChildInNeedPlan, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField("Date of the review")
    attendees = models.TextField("Who attended")
    what_changed = models.TextField("What has changed since the plan was made or last reviewed")
    decision = models.CharField(max_length=12, choices=ReviewDecision.choices)
    next_review_on = models.DateField("Date of the next review", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Review on {self.held_on}"
