"""Who is in the SSDA903 return for a collection year, and what it reads of them, a batch of
children at a time in a fixed number of queries (ssda903.py writes the rows).

A child is in it if they were looked after at any time in the year, or if a birthday from their
17th to their 21st falls in it and they were ever looked after or have leaving care support
recorded (the care leavers of the OC3 table, ssda903_leavers.py, decides which of them are).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from kith.care.episodes import Episode, episodes
from kith.care.models import (
    CarePeriod,
    CareReview,
    CheckRecord,
    LegalStatusChange,
    MissingEpisode,
    Placement,
)
from kith.cases.models import Allocation
from kith.leaving_care.models import BirthdayCheck, CareLeaver
from kith.people.access import for_the_returns
from kith.people.codes import IdentifierKind
from kith.people.models import Identifier, Person, Relationship
from kith.people.relationships import RelationshipKind
from kith.permanence.models import AdoptionPlan
from kith.returns.census import BATCH, CollectionYear, la_child_id
from kith.returns.ssda903_health import OC2_CHECKS, birthday
from kith.returns.ssda903_workers import Allocated

Row = dict[str, str]
MOTHER_OF = (RelationshipKind.MOTHER, RelationshipKind.PARENT)
# The care leavers' table asks about the birthdays from the 17th to the 21st.
LEAVING_AGES = range(17, 22)


def day(value: date | None) -> str:
    """A date as the DfE's files write it."""
    return f"{value:%d/%m/%Y}" if value is not None else ""


@dataclass
class InCare:
    """One period of care overlapping the year, and what the return reads of it."""

    period: CarePeriod
    episodes: list[Episode]
    reviews: list[CareReview]
    missing: list[MissingEpisode]
    plans: list[AdoptionPlan] = field(default_factory=list)  # decisions to place for adoption


@dataclass
class LookedAfter:
    """One child in the return: who they are, their periods of care in the year and what the
    return reads of them (a care leaver not looked after in it has none)."""

    person: Person
    child_id: str  # CHILD: the same ID the CIN census gives them (census.la_child_id)
    periods: list[InCare]
    unaccompanied: list[CarePeriod]  # every period up to 31 March with the child an UASC
    checks: list[CheckRecord]  # the year's health, education and youth justice facts
    allocations: list[Allocated]
    first_child_born: date | None  # their own first child's birthday (MOTHER, MC_DOB)
    # Every period of care up to 31 March, with the first legal status of each (a short break
    # or not): earlier permanence orders and who is a care leaver are read from them.
    history: list[CarePeriod] = field(default_factory=list)
    first_status: dict[int, str] = field(default_factory=dict)
    # Leaving care: the support recorded (as (began, ended, why it ended)) and the checks
    # around each birthday from 17 to 21, by age.
    support: list[tuple[date, date | None, str]] = field(default_factory=list)
    birthday_checks: dict[int, BirthdayCheck] = field(default_factory=dict)


def _leaving_births(year: CollectionYear) -> tuple[date, date]:
    """The dates of birth of young people with a birthday from their 17th to their 21st in
    the year."""
    return birthday(year.start, -LEAVING_AGES[-1]), birthday(year.end, -LEAVING_AGES[0])


def children_in(year: CollectionYear) -> Iterator[list[int]]:
    """Every child with a period of care open at any time in the year, and every young person
    with a 17th to 21st birthday in it who was ever looked after or has leaving care support
    recorded, in batches (two queries a batch)."""
    births = _leaving_births(year)
    looked_after = (
        CarePeriod.objects.filter(started_on__lte=year.end, child__merged_into__isnull=True)
        .filter(
            Q(ended_on__isnull=True)
            | Q(ended_on__gte=year.start)
            | Q(child__date_of_birth__range=births)
        )
        .values_list("child_id", flat=True)
        .distinct()
        .order_by("child_id")
    )
    supported = (
        CareLeaver.objects.filter(
            child__merged_into__isnull=True, child__date_of_birth__range=births
        )
        .values_list("child_id", flat=True)
        .distinct()
        .order_by("child_id")
    )
    last = 0
    while True:
        # The first BATCH of each above the last: the first BATCH of both together.
        found = set(looked_after.filter(child_id__gt=last)[:BATCH])
        found |= set(supported.filter(child_id__gt=last)[:BATCH])
        batch = sorted(found)[:BATCH]
        if not batch:
            return
        yield batch
        last = batch[-1]


def read(person_ids: Sequence[int], year: CollectionYear) -> list[LookedAfter]:
    """What the return needs of these children, in a fixed number of queries."""
    ids = list(person_ids)
    with for_the_returns():  # every child, restricted or not: the return names none of them
        people = {p.pk: p for p in Person.objects.filter(pk__in=ids).order_by("pk")}
    census_ids = dict(
        Identifier.objects.filter(
            person_id__in=ids, kind=IdentifierKind.CENSUS_CHILD_ID
        ).values_list("person_id", "value")
    )
    periods = list(
        CarePeriod.objects.filter(child_id__in=ids, started_on__lte=year.end).order_by(
            "started_on", "pk"
        )
    )
    current = [p.pk for p in periods if p.ended_on is None or p.ended_on >= year.start]
    statuses: dict[int, list[LegalStatusChange]] = defaultdict(list)
    for status in LegalStatusChange.objects.filter(period_id__in=[p.pk for p in periods]).order_by(
        "started_on", "pk"
    ):
        statuses[status.period_id].append(status)
    placements: dict[int, list[Placement]] = defaultdict(list)
    for placement in Placement.objects.filter(period_id__in=current).order_by("started_on", "pk"):
        placements[placement.period_id].append(placement)
    reviews: dict[int, list[CareReview]] = defaultdict(list)
    for review in CareReview.objects.filter(
        period_id__in=current, held_on__gte=year.start, held_on__lte=year.end
    ).order_by("held_on", "pk"):
        reviews[review.period_id].append(review)
    missing: dict[int, list[MissingEpisode]] = defaultdict(list)
    for episode in (
        MissingEpisode.objects.filter(period_id__in=current, started_on__lte=year.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=year.start))
        .order_by("started_on", "pk")
    ):
        missing[episode.period_id].append(episode)
    plans: dict[int, list[AdoptionPlan]] = defaultdict(list)
    for plan in AdoptionPlan.objects.filter(period_id__in=current).order_by("decided_on", "pk"):
        plans[plan.period_id].append(plan)
    checks: dict[int, list[CheckRecord]] = defaultdict(list)
    for check in CheckRecord.objects.filter(
        child_id__in=ids, kind__in=OC2_CHECKS, done_on__gte=year.start, done_on__lte=year.end
    ).order_by("done_on", "pk"):
        checks[check.child_id].append(check)
    allocations: dict[int, list[Allocated]] = defaultdict(list)
    for child, case, team, worker, started, ended in (
        Allocation.objects.filter(case__child_id__in=ids)
        .order_by("started_at", "pk")
        .values_list("case__child_id", "case_id", "team_id", "worker_id", "started_at", "ended_at")
    ):
        allocations[child].append(
            Allocated(
                case,
                team,
                worker,
                timezone.localdate(started),
                timezone.localdate(ended) if ended else None,
            )
        )
    babies: dict[int, date] = {}
    for mother, born in Relationship.objects.filter(
        first_id__in=ids, kind__in=MOTHER_OF, second__date_of_birth__lte=year.end
    ).values_list("first_id", "second__date_of_birth"):
        if born is not None and (mother not in babies or born < babies[mother]):
            babies[mother] = born
    support: dict[int, list[tuple[date, date | None, str]]] = defaultdict(list)
    for young_person, began, stopped, why in (
        CareLeaver.objects.filter(child_id__in=ids)
        .order_by("started_on", "pk")
        .values_list("child_id", "started_on", "ended_on", "end_reason")
    ):
        support[young_person].append((began, stopped, why))
    birthday_checks: dict[int, dict[int, BirthdayCheck]] = defaultdict(dict)
    for found_check in (
        BirthdayCheck.objects.filter(leaver__child_id__in=ids, age__in=LEAVING_AGES)
        .select_related("leaver")
        .order_by("checked_on", "pk")
    ):
        birthday_checks[found_check.leaver.child_id][found_check.age] = found_check  # the latest
    by_child: dict[int, list[CarePeriod]] = defaultdict(list)
    for period in periods:
        by_child[period.child_id].append(period)
    found = []
    for pk, person in people.items():
        in_year = [
            InCare(
                p,
                episodes(p, statuses[p.pk], placements[p.pk]),
                reviews[p.pk],
                missing[p.pk],
                plans[p.pk],
            )
            for p in by_child[pk]
            if p.pk in current
        ]
        found.append(
            LookedAfter(
                person=person,
                child_id=la_child_id(pk, census_ids),
                periods=in_year,
                unaccompanied=[p for p in by_child[pk] if p.unaccompanied],
                checks=checks[pk],
                allocations=allocations[pk],
                first_child_born=babies.get(pk),
                history=by_child[pk],
                first_status={
                    p.pk: statuses[p.pk][0].status for p in by_child[pk] if statuses[p.pk]
                },
                support=support[pk],
                birthday_checks=birthday_checks[pk],
            )
        )
    return found
