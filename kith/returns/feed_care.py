"""A looked-after child's part of the DfE data feed: their 903 episodes as the feed's
`child_looked_after_placements` (in the social care episode of the case the care was in),
whether they are an unaccompanied asylum-seeking child, their SDQ scores, and the `adoption` and
`care_leavers` blocks of their episodes (returns/feed_permanence.py). Read for a batch of
children in a fixed number of queries; episodes are derived as the 903 derives them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kith.care.codes import Check
from kith.care.episodes import episodes
from kith.care.models import CarePeriod, CheckRecord
from kith.returns.feed_permanence import Block, adoption, care_leavers


@dataclass
class CareForFeed:
    placements: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # by case pk
    unaccompanied: bool | None = None
    unaccompanied_until: date | None = None
    sdq: list[dict[str, Any]] = field(default_factory=list)
    blocks: dict[int, dict[str, Block]] = field(default_factory=dict)  # by case pk, then name


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def care_for_feed(ids: list[int]) -> dict[int, CareForFeed]:
    found: dict[int, CareForFeed] = defaultdict(CareForFeed)
    periods = (
        CarePeriod.objects.filter(child_id__in=ids)
        .prefetch_related("statuses", "placements", "adoption_plans")
        .order_by("started_on", "pk")
    )
    for period in periods:
        care = found[period.child_id]
        rows = care.placements.setdefault(period.case_id, [])
        for e in episodes(period, list(period.statuses.all()), list(period.placements.all())):
            rows.append(
                {
                    k: v
                    for k, v in {
                        "child_looked_after_placement_id": f"CLA{period.pk}-{e.started_on:%Y%m%d}",
                        "start_date": _day(e.started_on),
                        "start_reason": e.reason_new,
                        "placement_type": e.placement.kind,
                        "postcode": e.placement.postcode,
                        "end_date": _day(e.ended_on),
                        "end_reason": e.end_reason,
                        "change_reason": e.change_reason,
                    }.items()
                    if v
                }
            )
        planned = adoption(period)
        if planned is not None:  # the latest period's plan, if a case holds two
            care.blocks.setdefault(period.case_id, {})["adoption"] = planned
        if period.unaccompanied:
            care.unaccompanied = True
            care.unaccompanied_until = period.unaccompanied_until
        elif care.unaccompanied is None:
            care.unaccompanied = False
    for child_id, done_on, score in (
        CheckRecord.objects.filter(child_id__in=ids, kind=Check.SDQ, sdq_score__isnull=False)
        .order_by("done_on", "pk")
        .values_list("child_id", "done_on", "sdq_score")
    ):
        found[child_id].sdq.append({"date": _day(done_on), "score": score})
    for child_id, case_id, checked in care_leavers(ids):
        found[child_id].blocks.setdefault(case_id, {})["care_leavers"] = checked
    return dict(found)
