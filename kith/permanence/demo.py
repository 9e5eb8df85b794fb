"""Demo step: every looked-after child's road to permanence. Adoptions at each step (the care
step's placement orders carried on, and young children on care orders taken further, through
the actions a worker's page calls: demo_adoption.py); special guardianship and child
arrangements orders and planned returns home among the endings, and the earlier order of a
child back in care (demo_endings.py); then, for every period of care, the permanence planning
meeting (most by the second review, a few late), a long-term fostering match where the carers
are the child's for good, and the plan for permanence on the care plan, as its next version."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django.db.models import Max

from kith.care.codes import FOSTER_CARE, SHORT_BREAKS, PermanenceOption
from kith.care.demo import PLAN, _age, _at, _days
from kith.care.models import CarePeriod
from kith.care.plans import CarePlan
from kith.cases import changes
from kith.demo.builder import Demo
from kith.lib.working_days import add_months
from kith.permanence import demo_words as words
from kith.permanence.codes import ACHIEVED_BY_ENDING
from kith.permanence.demo_adoption import Adoptions
from kith.permanence.demo_endings import earlier_orders, recode_endings
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting
from kith.recording.demo import _Writer
from kith.recording.models import RecordVersion, Status

Option = PermanenceOption
LATE = 0.1  # of meetings held after the second review
LIVING = ("K1", "K2", "K3", "R1", "S1")


def build(demo: Demo) -> None:
    if not CarePeriod.objects.exists():
        return
    writer = _Writer(demo)
    adoptions = Adoptions(demo, writer)
    with _deadlines_later():
        adoptions.build()
        writer.save()
        taken = set(adoptions.taken)
        recode_endings(demo, taken)
        demo.count("earlier permanence orders", earlier_orders(demo, taken))
    plan_permanence(demo, list(CarePeriod.objects.values_list("pk", flat=True)))
    # A later step that brings young people into care plans their permanence the same way,
    # without reaching into this app (its floor is this one's).
    demo.built["plan permanence"] = plan_permanence
    demo.count("plans for adoption", AdoptionPlan.objects.count())
    demo.count("children adopted", CarePeriod.objects.filter(end_reason__in=("E11", "E12")).count())


@contextmanager
def _deadlines_later() -> Iterator[None]:
    """The actions tell the case's derivations each change; the timescales step derives every
    case's deadlines once the demo is built, so they need not be told here (each telling
    re-reads the whole case)."""
    listeners = changes.LISTENERS[:]
    changes.LISTENERS.clear()
    try:
        yield
    finally:
        changes.LISTENERS.extend(listeners)


def plan_permanence(demo: Demo, ids: list[int]) -> None:
    """The permanence planning meetings, long-term matches and the care plan's plan for
    permanence of these periods of care (a later step calls it for the young people it brings
    into care, as demo.built["plan permanence"])."""
    rng = demo.rng
    meetings, matches = [], []
    agreed: dict[int, tuple[str, date]] = {}  # each period's latest option, and since when
    late_yet = False  # a meeting held late: every demo shows one
    periods = list(
        CarePeriod.objects.filter(pk__in=ids)
        .select_related("child", "case__worker")
        .prefetch_related("statuses", "placements", "reviews", "adoption_plans")
        .order_by("pk")
    )
    for period in periods:
        statuses = list(period.statuses.all())
        born = period.child.date_of_birth
        if born is None or not statuses or statuses[0].status in SHORT_BREAKS:
            continue
        name, by = period.child.first_name, period.case.worker_id or period.recorded_by_id
        late = rng.random() < LATE or (not late_yet and _may_be_late(demo, period))
        found = _meetings(demo, period, born, late)
        late_yet = late_yet or (late and bool(found) and not period.adoption_plans.all())
        for day, option in found:
            text = rng.choice(words.DECIDED[option]).format(name=name)
            meetings.append(
                PermanenceMeeting(
                    period=period, held_on=day, option=option, decided=text,
                    recorded_by_id=by, recorded_at=_at(day, 15),
                )
            )  # fmt: skip
            agreed[period.pk] = (option, day)
        match = None if period.adoption_plans.all() else _long_term_match(demo, period)
        if match is not None and agreed.get(period.pk, ("",))[0] == Option.LONG_TERM_FOSTERING:
            day, carers = match
            matches.append(
                LongTermMatch(
                    period=period, matched_on=day, carers=carers, recorded_by_id=by,
                    note=words.MATCH_NOTE.format(name=name), recorded_at=_at(day, 15),
                )
            )  # fmt: skip
    PermanenceMeeting.objects.bulk_create(meetings, batch_size=2000)
    LongTermMatch.objects.bulk_create(matches, batch_size=2000)
    _care_plans(demo, [p for p in periods if p.pk in agreed], agreed)
    demo.count("permanence planning meetings", len(meetings))
    demo.count("long-term fostering matches", len(matches))


def _option(demo: Demo, period: CarePeriod, born: date) -> str:
    """Where the plan is for the child to grow up, as their story bears out."""
    rng, today = demo.rng, demo.today
    placements = list(period.placements.all())
    if period.adoption_plans.all():
        return Option.ADOPTION
    achieved = ACHIEVED_BY_ENDING.get(period.end_reason)
    if achieved is not None:
        return achieved
    if period.end_reason in ("E4B", "E13"):
        return Option.RETURN_HOME if period.end_reason == "E4B" else Option.CHILD_ARRANGEMENTS
    if any(p.long_term and p.kind in FOSTER_CARE for p in placements):
        return Option.LONG_TERM_FOSTERING
    current, age = placements[-1].kind, _age(born, period.ended_on or today)
    if current in LIVING and age >= 13:
        return Option.LONG_TERM_CARE
    if current == "P1":
        return Option.RETURN_HOME
    if period.ended_on is not None:  # moved on at 18, or an ending the care step drew
        return Option.LONG_TERM_FOSTERING if current in FOSTER_CARE else Option.LONG_TERM_CARE
    options = [Option.RETURN_HOME, Option.SPECIAL_GUARDIANSHIP, Option.LONG_TERM_FOSTERING]
    weights = [35, 35, 30] if age < 5 else ([30, 25, 45] if age < 13 else [20, 10, 70])
    return rng.choices(options, weights)[0]


def _may_be_late(demo: Demo, period: CarePeriod) -> bool:
    reviews = sorted(r.held_on for r in period.reviews.all())
    end = min(period.ended_on or demo.today, demo.today)
    return (
        bool(reviews)
        and not period.adoption_plans.all()
        and (add_months(reviews[0], 3) + _days(60) < end)
    )


def _meetings(demo: Demo, period: CarePeriod, born: date, late: bool) -> list[tuple[date, str]]:
    """By the second review (3 months after the first), a few late; before the decision that
    a child should be adopted; and again once a plan for adoption has ended."""
    rng, today = demo.rng, demo.today
    limit = min(period.ended_on or today, today - _days(1))
    reviews = sorted(r.held_on for r in period.reviews.all())
    first = reviews[0] if reviews else period.started_on + _days(28)
    due = add_months(first, 3)
    if late:
        held = due + _days(rng.randint(7, 60))
    else:
        held = demo.date_between(min(period.started_on + _days(21), due), due)
    plans = list(period.adoption_plans.all())
    if plans:
        held = max(period.started_on, min(held, plans[0].decided_on - _days(rng.randint(7, 30))))
    found = [(held, _option(demo, period, born))] if held <= limit else []
    for plan in plans:
        if plan.ended_on is not None and found:
            again = plan.ended_on + _days(rng.randint(7, 45))
            later = Option.SPECIAL_GUARDIANSHIP if plan.end_reason == "RD2" else None
            if again <= limit:
                found.append((again, later or Option.LONG_TERM_FOSTERING))
    return found


def _long_term_match(demo: Demo, period: CarePeriod) -> tuple[date, str] | None:
    """The foster carers agreed as the child's until they grow up: the day their placement
    became long-term (the same carers), or a few weeks after the child moved in."""
    rng, today = demo.rng, demo.today
    placements = list(period.placements.all())
    for i, p in enumerate(placements):
        if not (p.long_term and p.kind in FOSTER_CARE):
            continue
        after = placements[i + 1].started_on - _days(1) if i + 1 < len(placements) else None
        limit = min(d for d in (after, period.ended_on, today - _days(1)) if d is not None)
        day = p.started_on if p.same_carer else p.started_on + _days(rng.randint(0, 45))
        day = min(day, limit)
        return (day, p.carer) if day >= p.started_on else None
    return None


def _care_plans(demo: Demo, periods: list[CarePeriod], agreed: dict[int, tuple[str, date]]) -> None:
    """Most periods have a care plan (the care step wrote some; the rest, most of them, get one
    now); each gets the plan for permanence as its next version, on the day it was agreed."""
    rng, today = demo.rng, demo.today
    cases = {p.case_id for p in periods}
    plans: dict[int, list[CarePlan]] = defaultdict(list)
    for written in CarePlan.objects.filter(case_id__in=cases).order_by("agreed_on", "pk"):
        plans[written.case_id].append(written)

    def own(period: CarePeriod) -> CarePlan | None:
        end = period.ended_on or today
        found = [
            p
            for p in plans[period.case_id]
            if p.agreed_on and period.started_on <= p.agreed_on <= end and p.status != Status.DRAFT
        ]
        return found[-1] if found else None

    writer = _Writer(demo)
    for period in periods:
        if own(period) is None and rng.random() < 0.85:
            day = min(period.started_on + _days(rng.randint(0, 12)), agreed[period.pk][1])
            name = period.child.first_name
            common = writer.common(period.case, agreed_by(period), day, Status.FINAL)
            text = {k: v.format(name=name) for k, v in PLAN.items()}
            plans[period.case_id].append(writer.add(CarePlan(**common, agreed_on=day, **text)))  # type: ignore[arg-type]
    writer.save()
    numbers = dict(
        RecordVersion.objects.filter(kind=CarePlan.kind)
        .values("record_id")
        .annotate(n=Max("number"))
        .values_list("record_id", "n")
    )
    changed, versions = [], []
    for period in periods:
        plan = own(period)
        if plan is None:
            continue
        option, day = agreed[period.pk]
        name, born = period.child.first_name, period.child.date_of_birth
        plan.permanence_option, plan.permanence_agreed_on = option, day
        plan.permanence_plan = words.PLANNED[option].format(name=name)
        plan.contingency = words.CONTINGENCY[option].format(name=name)
        if born is not None and _age(born, day) >= 5 and words.WISHES[option]:
            plan.child_wishes = words.WISHES[option]
        plan.version += 1
        plan.updated_at = _at(max(day, plan.agreed_on or day), 16)
        changed.append(plan)
        number = numbers.get(plan.pk, 0) + 1
        numbers[plan.pk] = number
        versions.append(
            RecordVersion(
                kind=plan.kind, record_id=plan.pk, number=number, status=plan.status,
                values=plan.snapshot(), what="Updated", by_id=plan.author_id,
                at=plan.updated_at,
            )
        )  # fmt: skip
    fields = ["permanence_option", "permanence_agreed_on", "permanence_plan", "contingency"]
    CarePlan.objects.bulk_update(
        changed, [*fields, "child_wishes", "version", "updated_at"], batch_size=1000
    )
    RecordVersion.objects.bulk_create(versions, batch_size=2000)


def agreed_by(period: CarePeriod) -> int:
    return period.case.worker_id or period.recorded_by_id
