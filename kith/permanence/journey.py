"""A looked-after child's road to permanence, derived from the record: the plan (the latest
care plan), the meeting, the adoption plan's steps with the dates the care record already holds
(the placement order is the legal status E1, placed for adoption is a placement A3 to A6, the
adoption order is how care ended), what was achieved, and the adoption scorecard's two measures
for this child against their national thresholds (lib/timescale_rules.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kith.care.codes import ADOPTED, PREVIOUS_BY_ENDING, PermanenceOption
from kith.care.models import CarePeriod
from kith.lib.timescales import RULES
from kith.permanence.codes import ACHIEVED_BY_ENDING, PLACED_FOR_ADOPTION
from kith.permanence.models import AdoptionPlan, LongTermMatch

# Placed for adoption with the child's current foster carers (the 903's PLACE A3 and A5).
WITH_CARER = frozenset({"A3", "A5"})


@dataclass(frozen=True)
class Measure:
    """One of the scorecard's measures for one child: days so far (or taken) and the national
    threshold."""

    key: str  # "placed" (the scorecard's A1) or "match" (A2)
    what: str
    days: int
    threshold: int
    done: bool

    @property
    def over(self) -> bool:
        return self.days > self.threshold


@dataclass(frozen=True)
class Adoption:
    plan: AdoptionPlan
    placement_order_on: date | None
    placed_on: date | None
    order_on: date | None

    def steps(self) -> list[tuple[str, date | None]]:
        return [
            ("Decision that the child should be adopted", self.plan.decided_on),
            ("Placement order", self.placement_order_on),
            ("Matched with adopters", self.plan.matched_on),
            ("Placed for adoption", self.placed_on),
            ("Adoption order", self.order_on),
        ]


def adoption_now(period: CarePeriod) -> Adoption | None:
    """The child's plan for adoption now and its steps (one query: the period's placements and
    statuses are read already on the summary)."""
    plan = AdoptionPlan.objects.filter(period=period, ended_on__isnull=True).first()
    return adoption_of(period, plan) if plan else None


def placement_order_on(period: CarePeriod) -> date | None:
    """The first day the child was under a placement order in this period (legal status E1)."""
    return next((s.started_on for s in period.statuses.all() if s.status == "E1"), None)


def placed_for_adoption_on(period: CarePeriod, since: date | None = None) -> date | None:
    """The day the child moved in with prospective adopters (the first A3 to A6 placement,
    from the decision on)."""
    return next(
        (
            p.started_on
            for p in period.placements.all()
            if p.kind in PLACED_FOR_ADOPTION and (since is None or p.started_on >= since)
        ),
        None,
    )


def moved_in_on(period: CarePeriod, placed_on: date | None) -> date | None:
    """The day the child moved in with their adoptive family, for the scorecard: the day they
    were placed for adoption, or, when their foster carers adopt them (A3 and A5, or the same
    carers), the day they first moved in with those carers (the adjusted measure, A10)."""
    if placed_on is None:
        return None
    placements = [p for p in period.placements.all() if p.started_on <= placed_on]
    last = len(placements) - 1
    i = last
    # Back through the placements with the same carers: the adoptive placement "with the
    # current foster carer", and any placement that kept the carers of the one before.
    while i > 0 and (placements[i].same_carer or (i == last and placements[i].kind in WITH_CARER)):
        i -= 1
    return placements[i].started_on if placements else placed_on


def adoption_of(period: CarePeriod, plan: AdoptionPlan) -> Adoption:
    adopted = period.end_reason in ADOPTED and plan.is_open
    return Adoption(
        plan=plan,
        placement_order_on=placement_order_on(period),
        placed_on=placed_for_adoption_on(period, plan.decided_on),
        order_on=period.ended_on if adopted else None,
    )


def achieved(period: CarePeriod, matches: list[LongTermMatch]) -> tuple[str, date] | None:
    """The permanence achieved, and when: how care ended, or a long-term fostering match."""
    option = ACHIEVED_BY_ENDING.get(period.end_reason)
    if option is not None and period.ended_on is not None:
        return option, period.ended_on
    if matches:
        return PermanenceOption.LONG_TERM_FOSTERING, matches[0].matched_on
    return None


def earlier_permanence(periods: list[CarePeriod], before: date) -> tuple[str, date] | None:
    """For a child coming back into care: the adoption, special guardianship or child
    arrangements order their last period of care ended in, as the 903's PREV_PERM code, from
    periods already read (care/actions.earlier_order reads them itself)."""
    earlier = [p for p in periods if p.ended_on is not None and p.ended_on <= before]
    if not earlier:
        return None
    last = max(earlier, key=lambda p: (p.ended_on or before, p.pk))
    code = PREVIOUS_BY_ENDING.get(last.end_reason)
    return (code, last.ended_on) if code and last.ended_on else None


def scorecard(period: CarePeriod, adoption: Adoption, today: date) -> list[Measure]:
    """A1: days from coming into care to moving in with the adoptive family; A2: days from the
    placement order to the match. Days so far while waiting; none before the clock starts."""
    found = []
    placed = moved_in_on(period, adoption.placed_on)
    end = placed or (None if period.ended_on else today)
    if end is not None:
        found.append(
            Measure(
                "placed",
                "Coming into care to moving in with the adoptive family",
                (end - period.started_on).days,
                RULES["adoption-placed"].offset,
                placed is not None,
            )
        )
    order = adoption.placement_order_on
    if order is not None:
        matched = adoption.plan.matched_on
        until = matched or (None if period.ended_on or not adoption.plan.is_open else today)
        if until is not None:
            found.append(
                Measure(
                    "match",
                    "Placement order to the match with adopters",
                    max((until - order).days, 0),
                    RULES["adoption-match"].offset,
                    matched is not None,
                )
            )
    return found
