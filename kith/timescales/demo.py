"""Demo step: every case's deadlines, derived from the records the earlier steps built (as a
save would), and a reason on some of the missed ones, as workers give them."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from kith.cases.models import Case
from kith.demo.builder import Demo
from kith.timescales.deadlines import refresh
from kith.timescales.models import Deadline

BATCH = 500
REASONS = [
    "The family were away; the visit happened the day they came back.",
    "The worker was off sick and the case was covered by duty.",
    "Waiting for the police checks before the meeting could go ahead.",
    "The conference was moved so the child's father could attend.",
    "Interpreter not available until the following week.",
]


def build(demo: Demo) -> None:
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        refresh(ids[start : start + BATCH], demo.today)
    rng = demo.rng
    explained = []
    for pk, due_on, done_on, worker_id in Deadline.objects.filter(
        done_on__isnull=False, case__worker__isnull=False
    ).values_list("pk", "due_on", "done_on", "case__worker_id"):
        if done_on is not None and done_on > due_on and rng.random() < 0.6:
            explained.append(
                Deadline(
                    pk=pk,
                    late_reason=rng.choice(REASONS),
                    late_reason_by_id=worker_id,
                    late_reason_at=_noon(done_on),
                )
            )
    Deadline.objects.bulk_update(
        explained, ["late_reason", "late_reason_by", "late_reason_at"], batch_size=1000
    )
    demo.count("deadlines", Deadline.objects.count())


def _noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))
