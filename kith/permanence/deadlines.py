"""The deadlines a looked-after child's road to permanence sets: the permanence planning
meeting (by the second review), and for a child with a plan for adoption the adoption
scorecard's two measures (coming into care to placed, placement order to match) against their
national thresholds. Read for many cases at once, a query per kind of record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from kith.care.codes import SHORT_BREAKS
from kith.care.models import CarePeriod, CareReview
from kith.lib.timescales import RULES, Wanted
from kith.permanence.journey import adoption_of
from kith.permanence.models import AdoptionPlan, PermanenceMeeting


def permanence_deadlines(case_ids: Sequence[int]) -> Iterator[Wanted]:
    periods = list(
        CarePeriod.objects.filter(case_id__in=case_ids).prefetch_related("placements", "statuses")
    )
    if not periods:
        return
    ids = [p.pk for p in periods]
    first_review: dict[int, date] = {}
    for period_id, held_on in (
        CareReview.objects.filter(period_id__in=ids)
        .order_by("held_on")
        .values_list("period_id", "held_on")
    ):
        first_review.setdefault(period_id, held_on)
    meetings: dict[int, list[date]] = defaultdict(list)
    for meeting in PermanenceMeeting.objects.filter(period_id__in=ids).order_by("held_on"):
        meetings[meeting.period_id].append(meeting.held_on)
    plans: dict[int, list[AdoptionPlan]] = defaultdict(list)
    for plan in AdoptionPlan.objects.filter(period_id__in=ids):
        plans[plan.period_id].append(plan)
    for period in periods:
        statuses = list(period.statuses.all())
        if statuses and statuses[0].status in SHORT_BREAKS:
            continue
        yield from _meeting(period, first_review.get(period.pk), meetings[period.pk])
        for plan in plans[period.pk]:
            yield from _scorecard(period, plan)


def _meeting(period: CarePeriod, first_review: date | None, held: list[date]) -> Iterator[Wanted]:
    """By the second review at the latest: 3 months after the first (held, or due)."""
    if not held and not period.is_open:
        return
    rule = RULES["permanence-meeting"]
    start = first_review or RULES["first-care-review"].due(period.started_on)
    yield Wanted(
        period.case_id,
        rule.key,
        f"care {period.pk}",
        rule.what,
        start,
        rule.due(start),
        held[0] if held else None,
    )


def _scorecard(period: CarePeriod, plan: AdoptionPlan) -> Iterator[Wanted]:
    adoption = adoption_of(period, plan)
    waiting = plan.is_open and period.is_open
    placed = RULES["adoption-placed"]
    if adoption.placed_on or waiting:
        yield Wanted(
            period.case_id,
            placed.key,
            f"adoption {plan.pk}",
            placed.what,
            period.started_on,
            placed.due(period.started_on),
            adoption.placed_on,
        )
    matched = RULES["adoption-match"]
    order = adoption.placement_order_on
    if order is not None and (plan.matched_on or waiting):
        yield Wanted(
            period.case_id,
            matched.key,
            f"adoption {plan.pk}",
            matched.what,
            order,
            matched.due(order),
            plan.matched_on,
        )
