"""The deadlines a care leaver's record sets: the needs assessment within 3 months of becoming
eligible, the pathway plan reviewed at least every 6 months, the personal adviser in touch at
least every 8 weeks (a local timescale), and the check around each birthday from 17 to 21.
Read for many cases at once, a query per kind of record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from django.db.models import F
from django.utils import timezone

from kith.care.models import CarePeriod
from kith.cases.models import Case
from kith.leaving_care.models import CareLeaver, NeedsAssessment, PathwayPlan
from kith.leaving_care.rules import AGES, check_needed, window
from kith.leaving_care.status import Spell, became_eligible_on, nth, spells_of
from kith.lib import timescales
from kith.lib.timescales import RULES, Wanted
from kith.recording.models import RecordVersion, Status

DONE = (Status.FINAL, Status.AUTHORISED)


def leaving_care_deadlines(case_ids: Sequence[int]) -> Iterator[Wanted]:
    # Care leavers were looked after: no period of care in the family of cases, nothing to do.
    periods = list(
        CarePeriod.objects.filter(
            child_id__in=Case.objects.filter(pk__in=case_ids).values("child_id")
        ).prefetch_related("statuses")
    )
    if not periods:
        return
    # The date of birth only: a deadline never reads the person.
    cases = {
        pk: (child_id, born)
        for pk, child_id, born in Case.objects.filter(pk__in=case_ids)
        .annotate(born=F("child__date_of_birth"))
        .values_list("pk", "child_id", "born")
    }
    leavers = list(
        CareLeaver.objects.filter(case_id__in=case_ids).prefetch_related("contacts", "checks")
    )
    checks = {leaver.pk: {c.age: c.checked_on for c in leaver.checks.all()} for leaver in leavers}
    assessed: dict[int, list[date]] = defaultdict(list)
    for case_id, day in NeedsAssessment.objects.filter(
        case_id__in=case_ids, status__in=DONE, assessed_on__isnull=False
    ).values_list("case_id", "assessed_on"):
        if day is not None:
            assessed[case_id].append(day)
    # Every agreed version of the pathway plan is a review (a living record is updated in
    # place, so its versions hold the dates: a late review is never lost to a later one).
    plan_cases = dict(PathwayPlan.objects.filter(case_id__in=case_ids).values_list("pk", "case_id"))
    planned: dict[int, set[date]] = defaultdict(set)
    for record_id, values in RecordVersion.objects.filter(
        kind=PathwayPlan.kind, record_id__in=list(plan_cases), status__in=DONE
    ).values_list("record_id", "values"):
        agreed = (values or {}).get("agreed_on")
        if agreed:
            planned[plan_cases[record_id]].add(date.fromisoformat(agreed))
    by_child: dict[int, list[CarePeriod]] = defaultdict(list)
    for period in periods:
        by_child[period.child_id].append(period)
    open_support = {leaver.case_id for leaver in leavers if leaver.is_open}
    for case_id, (child_id, born) in cases.items():
        yield from _assessment(
            case_id, born, by_child[child_id], sorted(assessed[case_id]), case_id in open_support
        )
    for leaver in leavers:
        born = cases[leaver.case_id][1]
        yield from _plan_reviews(leaver, sorted(planned[leaver.case_id]))
        yield from _contacts(leaver)
        if born is not None:
            spells = spells_of(by_child[leaver.child_id])
            yield from _birthdays(leaver, born, checks[leaver.pk], spells)


def _assessment(
    case_id: int, born: date | None, periods: list[CarePeriod], done: list[date], supported: bool
) -> Iterator[Wanted]:
    spells: list[Spell] = spells_of(periods)
    eligible = became_eligible_on(born, spells)
    if eligible is None:
        return
    within = [p for p in periods if p.started_on <= eligible and p.case_id == case_id]
    if not within:
        return  # the young person became eligible in another case's care
    still = any(p.is_open for p in within) or supported
    if not done and not still:
        return
    rule = RULES["needs-assessment"]
    yield Wanted(
        case_id,
        rule.key,
        "eligible",
        rule.what,
        eligible,
        rule.due(eligible),
        done[0] if done else None,
    )


def _plan_reviews(leaver: CareLeaver, plans: list[date]) -> Iterator[Wanted]:
    rule = RULES["pathway-plan-review"]
    for i, agreed in enumerate(plans):
        done = plans[i + 1] if i + 1 < len(plans) else None
        if done is None and not leaver.is_open:
            break
        yield Wanted(
            leaver.case_id,
            rule.key,
            f"pathway plan {agreed:%Y-%m-%d}",
            rule.what,
            agreed,
            rule.due(agreed),
            done,
        )


def _contacts(leaver: CareLeaver) -> Iterator[Wanted]:
    rule = timescales.rule("adviser-contact")
    reached = sorted(
        {
            c.contacted_on
            for c in leaver.contacts.all()
            if c.reached and c.contacted_on >= leaver.started_on
        }
    )
    anchors = [leaver.started_on, *reached]
    for i, anchor in enumerate(anchors):
        done = anchors[i + 1] if i + 1 < len(anchors) else None
        if done is None and not leaver.is_open:
            break
        yield Wanted(
            leaver.case_id,
            rule.key,
            f"leaver {leaver.pk} after {anchor:%Y-%m-%d}",
            rule.what,
            anchor,
            rule.due(anchor),
            done,
        )


def _birthdays(
    leaver: CareLeaver, born: date, done: dict[int, date], spells: list[Spell]
) -> Iterator[Wanted]:
    """Each birthday's check from 3 months before it (the next appears when its window opens:
    the nightly refresh adds it)."""
    today = timezone.localdate()
    rule = RULES["in-touch"]
    for age in AGES:
        first, last = window(born, age)
        if age not in done and (
            last < leaver.started_on
            or first > today
            or not leaver.is_open
            or not check_needed(born, age, spells)
        ):
            continue
        yield Wanted(
            leaver.case_id,
            rule.key,
            f"birthday {age}",
            f"Find out how the young person is doing around their {nth(age)} birthday",
            first,
            last,
            done.get(age),
        )
