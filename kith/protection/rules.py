"""Child protection timescales and checks, as pure functions (reference/timescales.md):

- the initial conference within 15 working days of the strategy discussion at which the
  section 47 enquiry started (the latest, if several) — Working Together 2023;
- the first core group within 10 working days of the initial conference — common local rule;
- the first review conference within 3 months of the initial one, later reviews at most 6 months
  apart — Working Together 2023;
- visits as often as the plan sets, counted in working days from the last time the child was
  seen — local.

Every timescale is shown and warned about; none stops anyone recording. What does stop it is a
date that cannot be right: a record about a child dated before the child (too_early_for_child).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from kith.cases.models import Case
from kith.lib.working_days import add_months, add_working_days
from kith.protection.codes import ConferenceKind
from kith.protection.models import ConferenceChild, CoreGroup, ProtectionPlan
from kith.recording.rules import Timescale

FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6


def latest_review(plan_started: date, last_review: date | None) -> date:
    """The latest date the next review conference may be held."""
    if last_review is None:
        return add_months(plan_started, FIRST_REVIEW_MONTHS)
    return add_months(last_review, LATER_REVIEW_MONTHS)


def review_timescale(
    plan: ProtectionPlan, reviews: Sequence[ConferenceChild], today: date
) -> Timescale | None:
    """When the next review conference is due: the date the most recent conference set, if
    no later than the statutory latest; otherwise the statutory latest."""
    if not plan.is_open:
        return None
    held = [r for r in reviews if r.conference.kind == ConferenceKind.REVIEW]
    last = max((r.conference.held_on for r in held), default=None)
    due = latest_review(plan.started_on, last)
    latest = max(reviews, key=lambda r: (r.conference.held_on, r.conference.pk or 0), default=None)
    if latest is not None and latest.next_review_on:
        due = min(latest.next_review_on, due)
    return Timescale("Review conference", due, None, today)


def core_group_timescale(
    plan: ProtectionPlan, core_groups: Sequence[CoreGroup], today: date
) -> Timescale | None:
    """The first core group within 10 working days of the plan starting; then every
    `core_group_every_weeks` calendar weeks as the plan sets."""
    if not plan.is_open:
        return None
    if not core_groups:
        return Timescale("First core group", plan.first_core_group_due, None, today)
    last = max(c.held_on for c in core_groups)
    due = last + timedelta(weeks=plan.core_group_every_weeks)
    return Timescale("Core group", due, None, today)


def visit_timescale(plan: ProtectionPlan, last_seen: date | None, today: date) -> Timescale | None:
    """The next visit, as often as the plan sets, from the last time the child was seen
    (or from the plan's start)."""
    if not plan.is_open:
        return None
    since = max(d for d in (last_seen, plan.started_on) if d is not None)
    return Timescale("Visit", add_working_days(since, plan.visit_every_working_days), None, today)


def conference_timescale(started_on: date, held_on: date | None, today: date) -> Timescale:
    return Timescale(
        "Initial child protection conference",
        add_working_days(started_on, 15),
        held_on,
        today,
    )


def previous_plans(plan: ProtectionPlan, the_child_s_plans: Sequence[ProtectionPlan]) -> int:
    """How many plans the child had before this one (CIN census NumberOfPreviousCPP), counted
    from the record, never typed."""
    return sum(
        1
        for other in the_child_s_plans
        if other.pk != plan.pk and other.started_on < plan.started_on
    )


# Work before a birth starts no earlier than 40 weeks (a whole pregnancy) before it: the CIN
# census's own limit for a referral (rule 8606).
BEFORE_BIRTH = timedelta(weeks=40)


def too_early_for_child(
    day: date | None,
    *,
    what: str,
    name: str,
    born: date | None,
    expected: date | None,
    referral: date | None,
) -> str | None:
    """Why a child protection record dated `day` cannot be about this child, or None. Not
    before the child was born; where the work began before the birth (an unborn child, or a
    case referred before the birth: pre-birth work, Working Together 2023), not more than 40
    weeks before the birth, expected or actual (CIN census rule 8606); and, as for every
    record in a case, not before the case's referral."""
    if day is None:
        return None
    before_birth = born is None or (referral is not None and referral < born)
    if born is not None and not before_birth and day < born:
        return f"{what} must be on or after {name}'s date of birth, {born:%-d %B %Y}"
    birth = born or expected
    if before_birth and birth is not None and day < birth - BEFORE_BIRTH:
        which = "date of birth" if born else "expected date of birth"
        return (
            f"{what} must be on or after {birth - BEFORE_BIRTH:%-d %B %Y}, 40 weeks before "
            f"{name}'s {which} ({birth:%-d %B %Y})"
        )
    if referral is not None and day < referral:
        return f"{what} must be on or after {name}'s referral, {referral:%-d %B %Y}"
    return None


def conference_date_problem(held_on: date | None, strategy_on: date | None) -> str | None:
    if held_on and strategy_on and held_on < strategy_on:
        return (
            "The conference cannot be before the strategy discussion that started the enquiry "
            f"({strategy_on:%-d %B %Y})"
        )
    return None


def open_plan_blocks_closure(case: Case) -> list[str]:
    """A case does not close while its child is on a plan: the plan ends first, at a review
    conference or for the reason it ended."""
    if ProtectionPlan.objects.filter(case=case, ended_on__isnull=True).exists():
        return [
            "The child is on a child protection plan: end the plan (at a review conference, "
            "or for the reason it ended) before the case closes"
        ]
    return []


def conference_for(
    enquiry_pk: int,
    started_on: date,
    outcome: str,
    initial: Sequence[tuple[date, int | None]],
) -> date | None:
    """The initial conference that answered an enquiry: the one recorded for it; otherwise, if
    the enquiry did not rule a conference out, the first one for the child on or after it
    started (one conference answers every enquiry awaiting it). `initial` is the child's
    initial conferences as (date held, the enquiry it was recorded for)."""
    own = [held for held, enquiry in initial if enquiry == enquiry_pk]
    if own:
        return min(own)
    if outcome in ("nfa", "cin"):
        return None
    return min((held for held, _ in initial if held >= started_on), default=None)
