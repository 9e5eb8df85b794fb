"""A child's record as the statutory returns see it: the children in need census's view of a
person, their cases (CIN episodes) and what happened in each, read from Kith's own records.

The same projection feeds the CIN census XML (cin_xml.py), the DfE data feed (feed.py) and the
census rules (rules/), so a rule is written once and checked the same way when a record is
saved and when the return is made. Children are read in batches with a fixed number of queries
per batch, so memory stays flat however large the authority.

Scope of a collection year (CIN census 2025 to 2026 guide; validator rules 8600, 8620, 8696,
8736, 8715, 4013, 8930, 8569Q): an episode open at any point from 1 April to 31 March; a
referral with no further action only if made in the year; within an episode, only what was done
in the year or is still open at its end. What happens after 31 March is left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Q

from kith.cases.models import Case
from kith.people.access import for_the_returns
from kith.people.codes import IdentifierKind
from kith.people.models import Identifier, Person
from kith.protection.codes import ConferenceKind, EnquiryOutcome
from kith.protection.models import ConferenceChild, Enquiry, ProtectionPlan
from kith.protection.rules import conference_for
from kith.recording.models import Assessment, ChildInNeedPlan, Status

BATCH = 1000


@dataclass(frozen=True)
class CollectionYear:
    """A census year, named by the year it ends: 2026 is 1 April 2025 to 31 March 2026."""

    year: int

    @property
    def start(self) -> date:
        return date(self.year - 1, 4, 1)

    @property
    def end(self) -> date:  # the census reference date
        return date(self.year, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.year - 1} to {self.year}"

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    @classmethod
    def of(cls, day: date) -> CollectionYear:
        """The collection year a day falls in."""
        return cls(day.year + 1 if day.month >= 4 else day.year)

    @classmethod
    def latest_complete(cls, today: date) -> CollectionYear:
        """The year a data officer returns now: the one that ended most recently."""
        return cls(cls.of(today).year - 1)


@dataclass
class CensusAssessment:
    pk: int
    started: date | None
    authorised: date | None
    factors: list[str]


@dataclass
class CensusPlan:
    pk: int
    started: date
    ended: date | None


@dataclass
class CensusEnquiry:
    pk: int
    started: date
    target: date
    conference: date | None  # the initial conference that answered it
    not_required: bool  # the enquiry ruled a conference out
    decided: date | None  # when it did


@dataclass
class CensusProtectionPlan:
    pk: int
    started: date
    ended: date | None
    initial_category: str
    latest_category: str
    previous_plans: int
    reviews: list[date]


@dataclass
class CensusEpisode:
    case_pk: int
    reference: str
    referral: date
    source: str
    need: str
    closed: date | None
    reason: str
    no_further_action: bool
    assessments: list[CensusAssessment] = field(default_factory=list)
    plans: list[CensusPlan] = field(default_factory=list)
    enquiries: list[CensusEnquiry] = field(default_factory=list)
    protection_plans: list[CensusProtectionPlan] = field(default_factory=list)
    # An initial conference with no enquiry on record before it (brought in from elsewhere).
    conference: date | None = None


@dataclass
class CensusChild:
    person_pk: int
    la_child_id: str
    upn: str
    former_upn: str
    upn_unknown: str
    birth: date | None
    expected_birth: date | None
    sex: str
    death: date | None
    ethnicity: str
    disabilities: list[str]
    episodes: list[CensusEpisode] = field(default_factory=list)


def la_child_id(person_pk: int, census_ids: dict[int, str]) -> str:
    """The child's ID in the returns: the one earlier returns used if they came from another
    system (the DfE links years by it), otherwise their Kith person number."""
    return census_ids.get(person_pk) or f"P{person_pk:07d}"


def read(person_ids: Sequence[int]) -> list[CensusChild]:
    """Every census fact about these people, in a fixed number of queries."""
    ids = list(person_ids)
    with for_the_returns():  # every child, restricted or not: the return names none of them
        people = {
            p.pk: p
            for p in Person.objects.filter(pk__in=ids, merged_into__isnull=True).order_by("pk")
        }
    extra: dict[str, dict[int, str]] = {"former": {}, "census": {}}
    for person_id, kind, value in Identifier.objects.filter(
        person_id__in=ids, kind__in=[IdentifierKind.FORMER_UPN, IdentifierKind.CENSUS_CHILD_ID]
    ).values_list("person_id", "kind", "value"):
        extra["former" if kind == IdentifierKind.FORMER_UPN else "census"][person_id] = value
    cases = list(Case.objects.filter(child_id__in=people).order_by("referral_date", "pk"))
    case_ids = [c.pk for c in cases]
    assessments: dict[int, list[CensusAssessment]] = defaultdict(list)
    for a in Assessment.objects.filter(case_id__in=case_ids, started_on__isnull=False).order_by(
        "started_on", "pk"
    ):
        assessments[a.case_id].append(
            CensusAssessment(a.pk, a.started_on, a.completed_on, list(a.factors))
        )
    plans: dict[int, list[CensusPlan]] = defaultdict(list)
    for p in ChildInNeedPlan.objects.filter(
        case_id__in=case_ids, starts_on__isnull=False, status=Status.FINAL
    ).order_by("starts_on", "pk"):
        assert p.starts_on is not None
        plans[p.case_id].append(CensusPlan(p.pk, p.starts_on, p.ends_on))
    initial: dict[int, list[tuple[date, int | None]]] = defaultdict(list)
    reviews: dict[int, list[date]] = defaultdict(list)
    for decided in ConferenceChild.objects.filter(case_id__in=case_ids).select_related(
        "conference"
    ):
        held = decided.conference.held_on
        if decided.conference.kind == ConferenceKind.INITIAL:
            initial[decided.case_id].append((held, decided.enquiry_id))
        elif decided.plan_id is not None:
            reviews[decided.plan_id].append(held)
    enquiries: dict[int, list[CensusEnquiry]] = defaultdict(list)
    for e in Enquiry.objects.filter(case_id__in=case_ids).order_by("started_on", "pk"):
        answered = conference_for(e.pk, e.started_on, e.outcome, initial[e.case_id])
        enquiries[e.case_id].append(
            CensusEnquiry(
                e.pk,
                e.started_on,
                e.conference_due,
                answered,
                e.outcome in (EnquiryOutcome.NO_FURTHER_ACTION, EnquiryOutcome.CHILD_IN_NEED),
                e.outcome_on,
            )
        )
    child_of = {c.pk: c.child_id for c in cases}
    all_plans = list(ProtectionPlan.objects.filter(case_id__in=case_ids).order_by("started_on"))
    starts: dict[int, list[date]] = defaultdict(list)
    for plan in all_plans:
        starts[child_of[plan.case_id]].append(plan.started_on)
    protection: dict[int, list[CensusProtectionPlan]] = defaultdict(list)
    for plan in all_plans:
        protection[plan.case_id].append(
            CensusProtectionPlan(
                plan.pk,
                plan.started_on,
                plan.ended_on,
                plan.initial_category,
                plan.latest_category,
                sum(1 for s in starts[child_of[plan.case_id]] if s < plan.started_on),
                sorted(reviews[plan.pk]),
            )
        )
    children: dict[int, CensusChild] = {}
    for pk, person in people.items():
        children[pk] = CensusChild(
            person_pk=pk,
            la_child_id=la_child_id(pk, extra["census"]),
            upn=person.upn,
            former_upn=extra["former"].get(pk, ""),
            upn_unknown="" if person.upn else person.upn_unknown,
            birth=person.date_of_birth,
            expected_birth=person.expected_date_of_birth,
            sex=person.sex,
            death=person.date_of_death,
            ethnicity=person.ethnicity,
            disabilities=list(person.disabilities),
        )
    for case in cases:
        answering = {e.conference for e in enquiries[case.pk] if e.conference is not None}
        children[case.child_id].episodes.append(
            CensusEpisode(
                case_pk=case.pk,
                reference=case.reference,
                referral=case.referral_date,
                source=case.referral_source,
                need=case.primary_need,
                closed=case.closed_on,
                reason=case.closure_reason,
                no_further_action=case.no_further_action,
                assessments=assessments[case.pk],
                plans=plans[case.pk],
                enquiries=enquiries[case.pk],
                protection_plans=protection[case.pk],
                conference=min(
                    (d for d, e in initial[case.pk] if e is None and d not in answering),
                    default=None,
                ),
            )
        )
    return list(children.values())


def children_in(year: CollectionYear) -> Iterator[list[int]]:
    """The people with an episode in the year, in batches (a query per batch)."""
    in_year = Q(referral_date__lte=year.end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gte=year.start)
    )
    nfa_too_early = Q(no_further_action=True, referral_date__lt=year.start)
    people = (
        Case.objects.filter(in_year, child__merged_into__isnull=True)
        .exclude(nfa_too_early)
        .values_list("child_id", flat=True)
        .distinct()
        .order_by("child_id")
    )
    last = 0
    while True:
        batch = list(people.filter(child_id__gt=last)[:BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1]


def count_in(year: CollectionYear) -> int:
    return sum(len(batch) for batch in children_in(year))


def in_year(child: CensusChild, year: CollectionYear) -> CensusChild | None:
    """The child as the census for `year` sees them: only episodes open in the year, and in
    each only what was done in the year or still open at its end (as it stood on 31 March)."""
    episodes = [e for e in (_episode(e, year) for e in child.episodes) if e is not None]
    if not episodes:
        return None
    found = replace(child, episodes=episodes, death=child.death if _by(child.death, year) else None)
    if child.birth is not None and child.birth > year.end:
        # Not yet born on 31 March: the census knew them as an unborn child (rule 8750).
        found = replace(found, birth=None, expected_birth=child.expected_birth or child.birth)
    if found.birth is None and found.expected_birth is not None:
        found = replace(found, sex="U", disabilities=[])
    return found


def _by(day: date | None, year: CollectionYear) -> bool:
    return day is not None and day <= year.end


def _episode(e: CensusEpisode, year: CollectionYear) -> CensusEpisode | None:
    if e.referral > year.end or (e.closed is not None and e.closed < year.start):
        return None
    if e.no_further_action and e.referral < year.start:
        return None
    closed = e.closed if _by(e.closed, year) else None
    assessments = []
    for a in e.assessments:
        if a.started is None or a.started > year.end:
            continue
        done = a.authorised if _by(a.authorised, year) else None
        if done is not None and done < year.start:
            continue
        assessments.append(replace(a, authorised=done, factors=a.factors if done else []))
    plans = [
        replace(p, ended=p.ended if _by(p.ended, year) else None)
        for p in e.plans
        if p.started <= year.end and not (p.ended is not None and p.ended < year.start)
    ]
    enquiries = []
    for s in e.enquiries:
        if s.started > year.end:
            continue
        held = s.conference if _by(s.conference, year) else None
        # An enquiry that ruled a conference out (on a date, or undated in an imported return).
        ruled_out = s.not_required and (s.decided is None or _by(s.decided, year)) and not held
        if held is not None and held < year.start:
            continue
        if ruled_out and (s.decided or s.started) < year.start:
            continue  # ruled out before the year (or, undated, started before it)
        enquiries.append(replace(s, conference=held, not_required=ruled_out))
    protection = [
        replace(
            p,
            ended=p.ended if _by(p.ended, year) else None,
            reviews=[r for r in p.reviews if r <= year.end],
        )
        for p in e.protection_plans
        if p.started <= year.end and not (p.ended is not None and p.ended < year.start)
    ]
    return replace(
        e,
        closed=closed,
        reason=e.reason if closed else "",
        assessments=assessments,
        plans=plans,
        enquiries=enquiries,
        protection_plans=protection,
        conference=e.conference if year.holds(e.conference) else None,
    )


def for_year(year: CollectionYear) -> Iterator[CensusChild]:
    """Every child in the year's return, as the census sees them, a batch at a time."""
    for batch in children_in(year):
        for child in read(batch):
            found = in_year(child, year)
            if found is not None:
                yield found
