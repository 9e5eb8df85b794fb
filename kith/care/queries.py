"""What the pages show of a looked-after child, read in a fixed number of queries however many
placements, reviews and missing episodes there have been: the period of care now (or the last
one), its legal status and placement, stability, the 903's episodes, reviews, missing episodes
and the latest health and education checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import prefetch_related_objects

from kith.care.codes import HEALTH, Check
from kith.care.deadlines import care_deadlines
from kith.care.episodes import Episode, Stability, episodes, in_force, stability
from kith.care.models import (
    CarePeriod,
    CareReview,
    CheckRecord,
    LegalStatusChange,
    MissingEpisode,
    Placement,
)
from kith.care.plans import CarePlan, PlacementPlan
from kith.lib.timescales import Standing, standing
from kith.people.models import Person
from kith.people.postcodes import distance_in_miles


@dataclass
class LookedAfter:
    period: CarePeriod
    status: LegalStatusChange | None
    placement: Placement | None
    placements: list[Placement]
    statuses: list[LegalStatusChange]
    episodes: list[Episode]
    stability: Stability
    reviews: list[CareReview]
    missing: list[MissingEpisode]
    checks: dict[str, CheckRecord] = field(default_factory=dict)  # the latest of each kind
    care_plan: CarePlan | None = None
    placement_plan: PlacementPlan | None = None
    earlier_periods: int = 0
    # How far the placement now is from the child's home, in miles (None: a postcode unknown).
    distance: float | None = None

    @property
    def still_missing(self) -> list[MissingEpisode]:
        return [m for m in self.missing if m.still_missing]

    @property
    def last_review(self) -> CareReview | None:
        return self.reviews[-1] if self.reviews else None

    def health(self) -> list[CheckRecord]:
        return [c for k, c in self.checks.items() if k in HEALTH]

    def education(self) -> list[CheckRecord]:
        return [c for k, c in self.checks.items() if k not in HEALTH]

    @property
    def school(self) -> CheckRecord | None:
        return self.checks.get(Check.SCHOOL)


def looked_after(child: Person, today: date) -> LookedAfter | None:
    """The child's open period of care, or their latest; None if never looked after."""
    periods = list(
        CarePeriod.objects.filter(child=child).select_related("iro").order_by("-started_on", "-pk")
    )
    if not periods:
        return None
    period = next((p for p in periods if p.is_open), periods[0])
    period.child = child
    shown = period_shown(period, today)
    shown.earlier_periods = len(periods) - 1
    return shown


def period_shown(period: CarePeriod, today: date) -> LookedAfter:
    """One period of care as the pages show it."""
    # Read onto the period (ordered by date, as their models are), so what is due by the rules
    # reads them from there, not again (due_for).
    prefetch_related_objects([period], "statuses", "placements")
    statuses = list(period.statuses.all())
    placements = list(period.placements.all())
    on = today if period.is_open else (period.ended_on or today)
    checks: dict[str, CheckRecord] = {}
    for check in CheckRecord.objects.filter(child_id=period.child_id).order_by("done_on", "pk"):
        checks[check.kind] = check
    plans = {
        model: model._default_manager.filter(case_id=period.case_id)
        .exclude(status="draft")
        .order_by("-agreed_on", "-pk")
        .first()
        for model in (CarePlan, PlacementPlan)
    }
    placement = in_force(placements, on)
    return LookedAfter(
        period=period,
        status=in_force(statuses, on),
        placement=placement,
        distance=distance_in_miles(placement.home_postcode, placement.postcode)
        if placement and placement.home_postcode and placement.postcode
        else None,
        placements=placements,
        statuses=statuses,
        episodes=episodes(period, statuses, placements),
        stability=stability(placements, today, period.ended_on),
        reviews=list(
            CareReview.objects.filter(period=period)
            .select_related("chair")
            .prefetch_related("recommendations")
            .order_by("held_on", "pk")
        ),
        missing=list(MissingEpisode.objects.filter(period=period).order_by("started_on", "pk")),
        checks=checks,
        care_plan=plans[CarePlan],  # type: ignore[arg-type]
        placement_plan=plans[PlacementPlan],  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class DueNow:
    what: str
    due_on: date
    done_on: date | None
    state: Standing


def _with_birth(period: CarePeriod) -> CarePeriod:
    """The period as care_deadlines reads it: the child's date of birth beside it."""
    period.born = period.child.date_of_birth  # type: ignore[attr-defined]
    return period


def due_for(shown: LookedAfter, today: date) -> list[DueNow]:
    """The period's timescales, straight from the rules (care/deadlines.py): what is due or
    overdue first, soonest first, then what was done, latest first."""
    period = shown.period
    ours = {f"placement {p.pk}" for p in shown.placements}
    ours |= {f"care order {s.pk}" for s in shown.statuses}
    found = [
        DueNow(w.what, w.due_on, w.done_on, standing(w.due_on, w.done_on, today))
        for w in care_deadlines([period.case_id], [_with_birth(period)])
        if w.about in ours
        or w.about == f"care {period.pk}"
        or w.about.startswith(f"care {period.pk} ")
    ]
    waiting = sorted((d for d in found if d.done_on is None), key=lambda d: d.due_on)
    done = sorted((d for d in found if d.done_on is not None), key=lambda d: d.due_on)
    return waiting + done[::-1]
