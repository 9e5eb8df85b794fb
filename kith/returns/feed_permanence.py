"""A looked-after child's adoption and a care leaver's latest birthday check, as the DfE data
feed's `adoption` and `care_leavers` blocks. Unlike the lists beside them, each is one object
in a social care episode (the case the care, or the leaving care support, is in), so each is
remembered by the record it came from and purged whole when nothing derives it any more: the
plan for adoption ended (the child is no longer to be adopted), or the check was taken back.

The dates are the ones the care record already holds (permanence/journey.py): placed for
adoption is the first A3 to A6 placement from the decision on, never typed twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from kith.care.models import CarePeriod
from kith.leaving_care.models import BirthdayCheck
from kith.permanence.journey import placed_for_adoption_on

# The episode's blocks that are one object, not a list: purged with {"purge": true} alone.
BLOCKS = ("adoption", "care_leavers")

# What a block is remembered by (the record it came from), and what is sent.
Block = tuple[str, dict[str, Any]]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "")}


def adoption(period: CarePeriod) -> Block | None:
    """The period's open plan for adoption (its plans and placements prefetched): the
    decision, the match and the day the child moved in with the adopters. A plan that ended
    is not sent, so the DfE is told to forget it; a plan stays open once the child is adopted."""
    plan = next((p for p in reversed(period.adoption_plans.all()) if p.is_open), None)
    if plan is None:
        return None
    return f"ADP{plan.pk}", _clean(
        {
            "initial_decision_date": _day(plan.decided_on),
            "matched_date": _day(plan.matched_on),
            "placed_date": _day(placed_for_adoption_on(period, plan.decided_on)),
        }
    )


def care_leavers(ids: list[int]) -> Iterator[tuple[int, int, Block]]:
    """Each case's latest birthday check (the 903's OC3) for these young people, in one query,
    as (child, case, block): when they were in touch, their main activity and the letter of
    where they live (whether it is suitable is the 903's, not the feed's)."""
    latest: dict[int, tuple[int, Block]] = {}
    for child_id, case_id, pk, checked_on, activity, accommodation in (
        BirthdayCheck.objects.filter(leaver__child_id__in=ids)
        .order_by("age", "checked_on", "pk")
        .values_list(
            "leaver__child_id",
            "leaver__case_id",
            "pk",
            "checked_on",
            "activity",
            "accommodation",
        )
    ):
        latest[case_id] = (
            child_id,
            (
                f"OC3{pk}",
                _clean(
                    {
                        "contact_date": _day(checked_on),
                        "activity": activity,
                        "accommodation": accommodation,
                    }
                ),
            ),
        )
    for case_id, (child_id, block) in latest.items():
        yield child_id, case_id, block
