"""How the demo's periods of care end in permanence. An order ends care through the care app's
own action (so the 903's episodes, the journey and the audit log agree), after taking back what
the care step had recorded beyond that day for a child no longer looked after (reviews, visits,
checks); an adopted child's case then closes. Also: which of the endings the care step drew
become special guardianship or child arrangements orders, and the earlier order recorded for a
child who comes back into care."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import pairwise

from django.conf import settings
from django.db.models import Max, Q

from kith.accounts.models import User
from kith.care import actions as care_actions
from kith.care.codes import ADOPTED, FOSTER_CARE, PREVIOUS_BY_ENDING, WITH_RELATIVES
from kith.care.demo import _age, _at, _days
from kith.care.models import (
    CarePeriod,
    CareReview,
    CheckRecord,
    LegalStatusChange,
    MissingEpisode,
    Placement,
    Recommendation,
)
from kith.cases.models import Allocation, Case
from kith.demo.builder import Demo
from kith.recording.demo import _Writer
from kith.recording.models import Closure, RecordVersion, Status, Visit

# The endings every demo shows, and the ones the care step drew that may become one of them
# (returned home, or living with family, were chosen at random there).
WANTED = ("E45", "E46", "E47", "E48", "E41", "E4A")
FLEXIBLE = ("E4A", "E4B", "E13")
# Where a child adopted or under an order elsewhere came from (valid LA_PERM codes).
ELSEWHERE = ["316", "873", "845", "893", "WAL"]


def fresh(period: CarePeriod) -> CarePeriod:
    """The period as it is now (an action reads its statuses and placements afresh)."""
    return CarePeriod.objects.select_related("case", "child").get(pk=period.pk)


def last_change(period: CarePeriod) -> date:
    """The last day a legal status or placement began: a change, or care's end, comes after."""
    days = [
        LegalStatusChange.objects.filter(period=period).aggregate(d=Max("started_on"))["d"],
        Placement.objects.filter(period=period).aggregate(d=Max("started_on"))["d"],
    ]
    return max([d for d in days if d is not None], default=period.started_on)


def trim_after(period: CarePeriod, day: date) -> None:
    """Take back what the care step recorded after `day` for a child whose care ends then."""
    reviews = CareReview.objects.filter(period=period, held_on__gt=day)
    Recommendation.objects.filter(review__in=reviews).delete()
    reviews.delete()
    MissingEpisode.objects.filter(period=period, started_on__gt=day).delete()
    MissingEpisode.objects.filter(period=period, started_on__lte=day).filter(
        Q(ended_on__gt=day) | Q(ended_on__isnull=True)
    ).update(ended_on=day)
    CheckRecord.objects.filter(case_id=period.case_id, done_on__gt=day).delete()
    visits = Visit.objects.filter(case_id=period.case_id, visited_on__gt=day)
    RecordVersion.objects.filter(kind=Visit.kind, record_id__in=visits.values("pk")).delete()
    visits.delete()


def end_care_on(period: CarePeriod, day: date, reason: str, *, by: User, note: str) -> None:
    trim_after(period, day)
    care_actions.end_care(
        fresh(period), by=by, version=None, ended_on=day, end_reason=reason, end_note=note
    )


def close_case(
    case_id: int, day: date, reason: str, *, writer: _Writer, summary: str, onward: str
) -> None:
    """The case closes on `day`: allocations after it taken back, the last one ended, and an
    authorised closure record (the writer saves it)."""
    moment = _at(day, 16)
    allocations = list(Allocation.objects.filter(case_id=case_id).order_by("started_at", "pk"))
    kept = [a for a in allocations if a.started_at < moment] or allocations[:1]
    Allocation.objects.filter(pk__in=[a.pk for a in allocations if a not in kept]).delete()
    last = kept[-1]
    Allocation.objects.filter(pk=last.pk).update(ended_at=moment)
    Case.objects.filter(pk=case_id).update(
        closed_on=day, closure_reason=reason, team=last.team_id, worker=last.worker_id
    )
    case = Case.objects.get(pk=case_id)
    writer.add(
        Closure(
            **writer.common(case, last.worker_id or last.by_id, day, Status.AUTHORISED),
            closed_on=day,
            reason=reason,
            summary=summary,
            onward_services=onward,
        )
    )


def _fits(reason: str, kind: str) -> bool:
    """Special guardianship to former foster carers follows a foster placement with them (the
    903's rule 516): relatives for E45, other carers for E46."""
    if reason == "E45":
        return kind in WITH_RELATIVES
    if reason == "E46":
        return kind in FOSTER_CARE - WITH_RELATIVES
    return kind in FOSTER_CARE or kind in ("K2", "R1", "P1")


def recode_endings(demo: Demo, taken: set[int]) -> list[str]:
    """Some of the care step's endings become orders, so every kind is in the demo: the first
    ended period whose last placement fits each kind missing, then an open one ended now if no
    ended one fits (the care action ends it). Returns the kinds that could not be shown."""
    rng, today = demo.rng, demo.today
    ended = list(
        CarePeriod.objects.filter(ended_on__isnull=False, unaccompanied=False)
        .exclude(pk__in=taken)
        .select_related("child")
        .prefetch_related("placements")
        .order_by("pk")
    )
    have = {p.end_reason for p in ended}
    spare = [p for p in ended if p.end_reason in FLEXIBLE]
    for p in [p for p in ended if p.end_reason == "E4A"][:1]:
        spare.remove(p)  # keep one planned return home
    missing = []
    for reason in WANTED:
        if reason in have:
            continue
        found = next(
            (
                p
                for p in spare
                if p.child.date_of_birth
                and _age(p.child.date_of_birth, p.ended_on or today) < 16
                and _fits(reason, list(p.placements.all())[-1].kind)
            ),
            None,
        )
        if found is not None:
            spare.remove(found)
            CarePeriod.objects.filter(pk=found.pk).update(end_reason=reason)
            have.add(reason)
        elif not _end_open(demo, reason, taken):
            missing.append(reason)
    # Family and friends who fostered a child often become their special guardians.
    for p in spare:
        if p.end_reason == "E13" and list(p.placements.all())[-1].kind in WITH_RELATIVES:
            CarePeriod.objects.filter(pk=p.pk).update(end_reason=rng.choice(["E45", "E41"]))
    return missing


def _end_open(demo: Demo, reason: str, taken: set[int]) -> bool:
    rng, today = demo.rng, demo.today
    for period in (
        CarePeriod.objects.filter(ended_on__isnull=True, unaccompanied=False)
        .exclude(pk__in=taken)
        .select_related("child", "case__worker")
        .prefetch_related("placements", "adoption_plans", "missing_episodes")
        .order_by("pk")
    ):
        born = period.child.date_of_birth
        free = demo.date_between(last_change(period) + _days(20), today - _days(5))
        free = max(free, today - _days(rng.randint(30, 200)))
        if born is None or period.adoption_plans.all() or free >= today or _age(born, today) > 15:
            continue
        if any(e.still_missing for e in period.missing_episodes.all()):
            continue
        if not _fits(reason, list(period.placements.all())[-1].kind):
            continue
        by = period.case.worker or User.objects.get(pk=period.recorded_by_id)
        end_care_on(period, free, reason, by=by, note="The order was made at the final hearing.")
        taken.add(period.pk)
        return True
    return False


def earlier_orders(demo: Demo, taken: set[int]) -> int:
    """A child back in care after an adoption, special guardianship or child arrangements order
    has it recorded (the 903's PREV_PERM, with its date and authority): ours, from the period
    it ended; and, so every demo shows one, a couple adopted or under an order elsewhere."""
    rng, today, la = demo.rng, demo.today, settings.KITH_LA_CODE
    by_child: dict[int, list[CarePeriod]] = defaultdict(list)
    for period in CarePeriod.objects.select_related("case__worker", "child").order_by(
        "child_id", "started_on"
    ):
        by_child[period.child_id].append(period)
    done = 0
    for periods in by_child.values():
        for before, after in pairwise(periods):
            code = PREVIOUS_BY_ENDING.get(before.end_reason)
            if code is None or before.end_reason in ADOPTED:
                continue
            _earlier(after, code, before.ended_on, la)
            done += 1
    chosen = [
        ps[0]
        for ps in by_child.values()
        if len(ps) == 1
        and ps[0].is_open
        and ps[0].pk not in taken
        and not ps[0].unaccompanied
        and ps[0].started_on > today - _days(700)
        and ps[0].child.date_of_birth
        and _age(ps[0].child.date_of_birth, ps[0].started_on) >= 4
    ]
    for i, period in enumerate(chosen[: max(1, 2 - done)]):
        born = period.child.date_of_birth
        assert born is not None
        span = (period.started_on - born).days - 400
        on = born + _days(rng.randint(300, max(301, span)))
        code = "P1" if i == 0 else rng.choice(["P1", "P2"])  # adopted elsewhere, first
        _earlier(period, code, on, rng.choice(ELSEWHERE))
        taken.add(period.pk)
        done += 1
    return done


def _earlier(period: CarePeriod, code: str, on: date | None, la: str) -> None:
    by = period.case.worker or User.objects.get(pk=period.recorded_by_id)
    care_actions.change_details(
        period,
        by=by,
        version=None,
        previous_permanence=code,
        previous_permanence_on=on,
        previous_permanence_la=la,
    )
