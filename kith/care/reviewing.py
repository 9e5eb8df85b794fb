"""The independent reviewing officer's children (every open period of care they review), or for
the virtual school head every child looked after now: with the child's placement, the last
review and the next one due (from the rules, care/deadlines)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kith.accounts.models import User
from kith.care.deadlines import reviews_due
from kith.care.episodes import in_force
from kith.care.models import CarePeriod, Placement
from kith.lib.timescales import Standing, standing
from kith.people.access import visible
from kith.people.models import Person


@dataclass(frozen=True)
class Reviewed:
    period: CarePeriod
    placement: Placement | None
    last_review: date | None
    next_due: date | None
    state: Standing | None


def children_reviewed_by(user: User, today: date, *, everyone: bool = False) -> list[Reviewed]:
    """Soonest review first; restricted children only for those named on them. `everyone`:
    every child looked after now, not only this reviewing officer's."""
    open_now = CarePeriod.objects.filter(ended_on__isnull=True)
    if not everyone:
        open_now = open_now.filter(iro=user)
    periods = list(
        open_now.filter(child__in=Person.objects.filter(visible(user)))
        .select_related("child", "case")
        .prefetch_related("placements", "reviews")
    )
    shown = []
    for period in periods:
        held = sorted(r.held_on for r in period.reviews.all())
        waiting = [w for w in reviews_due(period, held) if w.done_on is None]
        next_due = (
            (waiting[0].due_on, standing(waiting[0].due_on, None, today)) if waiting else None
        )
        shown.append(
            Reviewed(
                period,
                in_force(list(period.placements.all()), today),
                max(held) if held else None,
                next_due[0] if next_due else None,
                next_due[1] if next_due else None,
            )
        )
    return sorted(shown, key=lambda r: (r.next_due or date.max, r.period.child.full_name))
