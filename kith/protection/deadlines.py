"""The deadlines child protection records set (reference/timescales.md): the initial conference
after a section 47 enquiry starts, the first and later core groups, review conferences, and
visits as often as the plan says. Read for many cases at once, one query per kind of record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from kith.lib.timescales import RULES, Wanted
from kith.lib.working_days import add_working_days
from kith.protection.codes import ConferenceKind, EnquiryOutcome
from kith.protection.models import ConferenceChild, CoreGroup, Enquiry, ProtectionPlan
from kith.protection.rules import conference_for
from kith.recording.codes import YesNo
from kith.recording.models import Status, Visit


def conference_deadlines(case_ids: Sequence[int]) -> Iterator[Wanted]:
    """15 working days from the strategy discussion to the initial conference, for each enquiry
    that has not ruled a conference out. One conference answers every enquiry before it."""
    initial: dict[int, list[tuple[date, int | None]]] = defaultdict(list)
    for case_id, held_on, enquiry_id in ConferenceChild.objects.filter(
        case_id__in=case_ids, conference__kind=ConferenceKind.INITIAL
    ).values_list("case_id", "conference__held_on", "enquiry_id"):
        initial[case_id].append((held_on, enquiry_id))
    rule = RULES["initial-conference"]
    for enquiry in Enquiry.objects.filter(case_id__in=case_ids).select_related("case"):
        done = conference_for(
            enquiry.pk, enquiry.started_on, enquiry.outcome, initial[enquiry.case_id]
        )
        if done is None and (
            enquiry.outcome not in ("", EnquiryOutcome.CONFERENCE) or not enquiry.case.is_open
        ):
            continue
        yield Wanted(
            enquiry.case_id,
            rule.key,
            f"enquiry {enquiry.pk}",
            rule.what,
            enquiry.started_on,
            rule.due(enquiry.started_on),
            done,
        )


def plan_deadlines(case_ids: Sequence[int]) -> Iterator[Wanted]:
    plans = list(ProtectionPlan.objects.filter(case_id__in=case_ids))
    ids = [p.pk for p in plans]
    meetings: dict[int, list[date]] = defaultdict(list)
    for plan_id, held_on in CoreGroup.objects.filter(plan_id__in=ids).values_list(
        "plan_id", "held_on"
    ):
        meetings[plan_id].append(held_on)
    conferences: dict[int, list[ConferenceChild]] = defaultdict(list)
    for decided in ConferenceChild.objects.filter(plan_id__in=ids).select_related("conference"):
        conferences[decided.plan_id].append(decided)  # type: ignore[index]
    seen: dict[int, list[date]] = defaultdict(list)
    for case_id, visited_on in Visit.objects.filter(
        case_id__in=case_ids,
        status=Status.FINAL,
        child_seen=YesNo.YES,
        visited_on__isnull=False,
    ).values_list("case_id", "visited_on"):
        if visited_on is not None:
            seen[case_id].append(visited_on)
    for plan in plans:
        yield from _core_groups(plan, sorted(meetings[plan.pk]))
        yield from _reviews(plan, sorted(conferences[plan.pk], key=_held))
        yield from _visits(plan, sorted(set(seen[plan.case_id])))


def _held(decided: ConferenceChild) -> tuple[date, int]:
    return decided.conference.held_on, decided.conference_id


def _core_groups(plan: ProtectionPlan, held: list[date]) -> Iterator[Wanted]:
    """The first within the plan's own local timescale; each later one the plan's interval
    after the last."""
    first = RULES["first-core-group"]
    if held or plan.is_open:
        yield Wanted(
            plan.case_id,
            first.key,
            f"plan {plan.pk}",
            first.what,
            plan.started_on,
            plan.first_core_group_due,
            held[0] if held else None,
        )
    later = RULES["core-group"]
    for i, meeting in enumerate(held):
        done = held[i + 1] if i + 1 < len(held) else None
        if done is None and not plan.is_open:
            break
        yield Wanted(
            plan.case_id,
            later.key,
            f"plan {plan.pk} after core group {meeting:%Y-%m-%d}",
            "Hold the next core group meeting",
            meeting,
            meeting + timedelta(weeks=plan.core_group_every_weeks),
            done,
        )


def _reviews(plan: ProtectionPlan, decided: list[ConferenceChild]) -> Iterator[Wanted]:
    """After each conference, the next review: by the date it set, and never later than 3 months
    after the initial conference or 6 months after a review."""
    starts_with_initial = bool(decided) and decided[0].conference.kind == ConferenceKind.INITIAL
    if not starts_with_initial:
        # No initial conference on record (a plan brought in from elsewhere): the first
        # review is counted from the plan's start, and met by the first conference there is.
        rule = RULES["first-review-conference"]
        done = decided[0].conference.held_on if decided else None
        if done is not None or plan.is_open:
            yield Wanted(
                plan.case_id,
                rule.key,
                f"plan {plan.pk} from its start",
                rule.what,
                plan.started_on,
                rule.due(plan.started_on),
                done,
            )
    for i, conference in enumerate(decided):
        if not conference.needs_plan:
            break  # the plan ended here
        initial = conference.conference.kind == ConferenceKind.INITIAL
        rule = RULES["first-review-conference" if initial else "review-conference"]
        held_on = conference.conference.held_on
        latest = rule.due(held_on)
        due = min(conference.next_review_on or latest, latest)
        done = decided[i + 1].conference.held_on if i + 1 < len(decided) else None
        if done is None and not plan.is_open:
            break
        yield Wanted(
            plan.case_id,
            rule.key,
            f"plan {plan.pk} after conference {conference.conference_id}",
            rule.what,
            held_on,
            due,
            done,
        )


def _visits(plan: ProtectionPlan, seen: list[date]) -> Iterator[Wanted]:
    """From the plan's start, and again from each time the child is seen: the next visit as
    often as the plan says."""
    rule = RULES["protection-visit"]
    since = plan.started_on
    for day in seen:
        if day <= since or (plan.ended_on is not None and day > plan.ended_on):
            continue
        yield _visit(plan, rule.key, since, day)
        since = day
    if plan.is_open:
        yield _visit(plan, rule.key, since, None)


def _visit(plan: ProtectionPlan, key: str, since: date, done: date | None) -> Wanted:
    return Wanted(
        plan.case_id,
        key,
        f"plan {plan.pk} visit after {since:%Y-%m-%d}",
        "Visit the child",
        since,
        add_working_days(since, plan.visit_every_working_days),
        done,
    )
