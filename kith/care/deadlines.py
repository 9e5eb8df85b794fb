"""The deadlines a looked-after child's record sets (reference/timescales.md): the care plan,
the reviews chaired by the independent reviewing officer, statutory visits (regulation 28), the
initial health assessment and health reviews, and the personal education plan. Read for many
cases at once, a query per kind of record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from django.db.models import F
from django.utils import timezone

from kith.care.codes import SHORT_BREAKS, TEMPORARY, Check, LegalStatus, PlacementType
from kith.care.episodes import in_force
from kith.care.models import CarePeriod, CareReview, CheckRecord, LegalStatusChange, Placement
from kith.care.plans import CarePlan
from kith.lib.timescales import RULES, Wanted
from kith.lib.working_days import add_months
from kith.recording.codes import YesNo
from kith.recording.models import Status, Visit


def care_deadlines(
    case_ids: Sequence[int], periods: list[CarePeriod] | None = None
) -> Iterator[Wanted]:
    """`periods`: the cases' periods already read with their placements and statuses (a page
    that shows them), so they are not read again."""
    if periods is None:
        periods = list(
            # The child's date of birth only: a deadline never reads the person (a restricted
            # child's record is read only by those named on it, even by a job run from a page).
            CarePeriod.objects.filter(case_id__in=case_ids)
            .annotate(born=F("child__date_of_birth"))
            .prefetch_related("placements", "statuses")
        )
    if not periods:
        return
    ids = [p.pk for p in periods]
    reviews: dict[int, list[date]] = defaultdict(list)
    for period_id, held_on in CareReview.objects.filter(period_id__in=ids).values_list(
        "period_id", "held_on"
    ):
        reviews[period_id].append(held_on)
    seen: dict[int, list[date]] = defaultdict(list)
    for case_id, visited_on in Visit.objects.filter(
        case_id__in=case_ids, status=Status.FINAL, child_seen=YesNo.YES, visited_on__isnull=False
    ).values_list("case_id", "visited_on"):
        if visited_on is not None:
            seen[case_id].append(visited_on)
    plans: dict[int, list[date]] = defaultdict(list)
    for plan in CarePlan.objects.filter(
        case_id__in=case_ids, status__in=(Status.FINAL, Status.AUTHORISED)
    ).only("case_id", "agreed_on", "submitted_at"):
        agreed = plan.agreed_on or (
            timezone.localdate(plan.submitted_at) if plan.submitted_at else None
        )
        if agreed:
            plans[plan.case_id].append(agreed)
    checks: dict[tuple[int, str], list[date]] = defaultdict(list)
    for case_id, kind, done_on in CheckRecord.objects.filter(
        case_id__in=case_ids,
        kind__in=(Check.HEALTH_ASSESSMENT, Check.HEALTH_REVIEW, Check.PEP),
    ).values_list("case_id", "kind", "done_on"):
        checks[(case_id, kind)].append(done_on)
    for period in periods:
        placements = list(period.placements.all())
        statuses = list(period.statuses.all())
        if statuses and statuses[0].status in SHORT_BREAKS:
            continue  # short breaks: regulation 48 sets their own arrangements, not these
        within = [d for d in sorted(set(seen[period.case_id])) if _during(d, period)]
        held = sorted(d for d in reviews[period.pk])
        yield from _care_plan(period, sorted(plans[period.case_id]))
        yield from reviews_due(period, held)
        yield from _visits(period, placements, statuses, within, held)
        yield from _care_order_at_home(period, placements, statuses, within)
        health = sorted(
            checks[(period.case_id, Check.HEALTH_ASSESSMENT)]
            + checks[(period.case_id, Check.HEALTH_REVIEW)]
        )
        yield from _health(period, [d for d in health if d >= period.started_on])
        yield from _first(
            period,
            "pep",
            [d for d in sorted(checks[(period.case_id, Check.PEP)]) if d >= period.started_on],
        )


def _care_order_at_home(
    period: CarePeriod,
    placements: list[Placement],
    statuses: list[LegalStatusChange],
    visits: list[date],
) -> Iterator[Wanted]:
    """Regulation 28(5): a care order made while the child lives with a parent brings a visit
    within a week of the order."""
    rule = RULES["placement-visit"]
    for change in statuses[1:]:
        placed = in_force(placements, change.started_on)
        if change.status != LegalStatus.CARE_ORDER or placed is None or placed.kind != "P1":
            continue
        done = next((v for v in visits if v >= change.started_on), None)
        if done is None and not period.is_open:
            continue
        yield Wanted(
            period.case_id,
            rule.key,
            f"care order {change.pk}",
            "Visit the child at home after the care order",
            change.started_on,
            change.started_on + timedelta(weeks=1),
            done,
        )


def _during(day: date, period: CarePeriod) -> bool:
    return day >= period.started_on and (period.ended_on is None or day <= period.ended_on)


def _first(period: CarePeriod, key: str, done: list[date]) -> Iterator[Wanted]:
    rule = RULES[key]
    if done or period.is_open:
        yield Wanted(
            period.case_id,
            rule.key,
            f"care {period.pk}",
            rule.what,
            period.started_on,
            rule.due(period.started_on),
            done[0] if done else None,
        )


def _care_plan(period: CarePeriod, agreed: list[date]) -> Iterator[Wanted]:
    """Before the first placement or within 10 working days of it: a plan agreed before the
    child came into care (in the days before) counts too."""
    earliest = period.started_on - timedelta(days=30)
    yield from _first(period, "care-plan", [d for d in agreed if d >= earliest])


def reviews_due(period: CarePeriod, held: list[date]) -> Iterator[Wanted]:
    """The first review, then each next one (also read alone by care/reviewing.py)."""
    yield from _first(period, "first-care-review", held)
    for i, review in enumerate(held):
        done = held[i + 1] if i + 1 < len(held) else None
        if done is None and not period.is_open:
            break
        rule = RULES["second-care-review" if i == 0 else "care-review"]
        yield Wanted(
            period.case_id,
            rule.key,
            f"care {period.pk} after review {review:%Y-%m-%d}",
            rule.what,
            review,
            rule.due(review),
            done,
        )


def visit_interval(placement: Placement, status: str, day: date, reviewed: bool) -> timedelta:
    """Regulation 28: how long after a visit on `day` the next is due. Placed with a parent
    under a care order: 6 weeks (28(5)); under an interim care order, or with carers approved
    for now: weekly until the first review, then 4 weeks (28(4)); otherwise with a parent
    (the assessment not complete): weekly until the first review, then 6 weeks (28(3)). A
    placement meant to last until 18: 3 months after its first year (28(2))."""
    with_parent = placement.kind == PlacementType.PARENTS
    if with_parent and status == LegalStatus.CARE_ORDER:
        return timedelta(weeks=6)
    if placement.temporary_approval or (with_parent and status == LegalStatus.INTERIM_CARE_ORDER):
        return timedelta(weeks=1 if not reviewed else 4)
    if with_parent:
        return timedelta(weeks=1 if not reviewed else 6)
    if placement.long_term and add_months(placement.started_on, 12) <= day:
        return add_months(day, 3) - day
    return timedelta(weeks=6)


def _visits(
    period: CarePeriod,
    placements: list[Placement],
    statuses: list[LegalStatusChange],
    visits: list[date],
    reviews: list[date],
) -> Iterator[Wanted]:
    first = RULES["placement-visit"]
    for i, placement in enumerate(placements):
        if placement.kind in TEMPORARY:
            continue
        ends = placements[i + 1].started_on if i + 1 < len(placements) else period.ended_on
        done = next((v for v in visits if v >= placement.started_on), None)
        due = first.due(placement.started_on)
        if done is not None and ends is not None and done > ends and due > ends:
            done = None  # moved on before the visit fell due
            continue
        if done is None and not period.is_open:
            continue
        yield Wanted(
            period.case_id,
            first.key,
            f"placement {placement.pk}",
            first.what,
            placement.started_on,
            due,
            done,
        )
    later = RULES["care-visit"]
    for i, visit in enumerate(visits):
        done = visits[i + 1] if i + 1 < len(visits) else None
        if done is None and not period.is_open:
            break
        placed = in_force(placements, visit)
        status = in_force(statuses, visit)
        if placed is None:
            continue  # a visit before the first placement (none, for a period Kith began)
        reviewed = any(r <= visit for r in reviews)
        interval = visit_interval(placed, status.status if status else "", visit, reviewed)
        yield Wanted(
            period.case_id,
            later.key,
            f"care {period.pk} after visit {visit:%Y-%m-%d}",
            later.what,
            visit,
            visit + interval,
            done,
        )


def _health(period: CarePeriod, done: list[date]) -> Iterator[Wanted]:
    """The initial assessment, then a review 6 months on while the child is under 5 and 12
    months on from 5."""
    yield from _first(period, "health-assessment", done)
    rule = RULES["health-review"]
    born: date | None = getattr(period, "born", None)
    for i, day in enumerate(done):
        following = done[i + 1] if i + 1 < len(done) else None
        if following is None and not period.is_open:
            break
        months = 6 if born is not None and day < add_months(born, 60) else 12
        yield Wanted(
            period.case_id,
            rule.key,
            f"care {period.pk} after health check {day:%Y-%m-%d}",
            rule.what,
            day,
            add_months(day, months),
            following,
        )
