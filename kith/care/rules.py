"""What a looked-after child's record cannot say, each rule a function returning the message a
worker sees at the field (or None): the 903's rules about what a worker records, caught where it
is typed. Every rule is tested directly (tests/test_rules.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from kith.care.codes import (
    ADOPTION,
    FOSTER_CARE,
    NO_PROVIDER,
    LegalStatus,
    PlacementType,
    Provider,
    may_follow,
)
from kith.care.models import CarePeriod, LegalStatusChange, MissingEpisode, Placement
from kith.cases.models import Case

# Where a provider inspected by another inspectorate writes XXXXXXX (the 903's rule 242).
XXXXXXX_ALLOWED = ADOPTION | FOSTER_CARE


def _on(day: date) -> str:
    return f"{day:%-d %B %Y}"


def not_before_care(day: date | None, period: CarePeriod, what: str) -> str | None:
    if day is not None and day < period.started_on:
        return f"{what} cannot be before the child came into care ({_on(period.started_on)})"
    return None


def not_after_care(day: date | None, period: CarePeriod, what: str) -> str | None:
    if day is not None and period.ended_on is not None and day >= period.ended_on:
        return f"{what} must be before care ended ({_on(period.ended_on)})"
    return None


def move_problem(
    day: date | None, period: CarePeriod, placements: Sequence[Placement]
) -> str | None:
    """A new placement starts after the current one did: two placements are never at once."""
    problem = not_before_care(day, period, "A move") or not_after_care(day, period, "A move")
    if problem or day is None:
        return problem
    latest = placements[-1] if placements else None
    if latest is not None and day <= latest.started_on:
        return (
            f"The child moved into their current placement on {_on(latest.started_on)}: "
            "a new placement starts after that"
        )
    return None


def status_problem(
    day: date | None, status: str, period: CarePeriod, statuses: Sequence[LegalStatusChange]
) -> str | None:
    """The date of a new legal status (its own rule, may_follow, is checked at the choice)."""
    problem = not_before_care(day, period, "A new legal status") or not_after_care(
        day, period, "A new legal status"
    )
    if problem or day is None:
        return problem
    latest = statuses[-1] if statuses else None
    if latest is not None and day <= latest.started_on:
        return (
            f"The current legal status began on {_on(latest.started_on)}: "
            "a new one begins after that"
        )
    return None


def following_problem(status: str, statuses: Sequence[LegalStatusChange]) -> str | None:
    latest = statuses[-1] if statuses else None
    return may_follow(latest.status, status) if latest is not None else None


# The youngest a child may be for these placements (the 903's rules 371 to 374), on the day
# they move in.
YOUNGEST: dict[str, tuple[int, str]] = {
    PlacementType.SUPPORTED_ACCOMMODATION: (16, "Supported accommodation is for 16 and over"),
    PlacementType.YOUNG_OFFENDER: (10, "A young offender institution is for 10 and over"),
    PlacementType.RESIDENTIAL_SCHOOL: (4, "A residential school is for children of 4 and over"),
    PlacementType.RESIDENTIAL_EMPLOYMENT: (14, "Residential employment is for 14 and over"),
}


def placement_problems(
    kind: str, provider: str, urn: str, legal_status: str, age: int | None
) -> dict[str, str]:
    """The 903's rules about a placement's own answers, by field. `age` is the child's on the
    day they move in."""
    found: dict[str, str] = {}
    if kind == PlacementType.PARENTS and provider != Provider.PARENTS:
        found["provider"] = "A child placed with parents has their parents as the provider"
    elif kind in NO_PROVIDER and provider:
        found["provider"] = "Leave the provider blank for a temporary move or another placement"
    elif kind and kind not in NO_PROVIDER and not provider:
        found["provider"] = "Select who provides the placement"
    if kind == PlacementType.PARENTS and legal_status == LegalStatus.SECTION_20:
        found["kind"] = (
            "A child accommodated by agreement (section 20) cannot be placed with their parents"
        )
    if kind in ("A5", "A6") and legal_status not in ("E1", ""):
        found["kind"] = "A child placed for adoption under a placement order needs that order"
    if kind in YOUNGEST and age is not None and age < YOUNGEST[kind][0]:
        found["kind"] = YOUNGEST[kind][1]
    if urn == "XXXXXXX" and kind not in XXXXXXX_ALLOWED:
        found["urn"] = (
            "XXXXXXX is only for foster care and adoption placements an inspectorate other than "
            "Ofsted inspects"
        )
    elif urn and urn != "XXXXXXX" and not (urn.isdigit() and len(urn) in (6, 7)):
        found["urn"] = "An Ofsted URN is 6 or 7 digits"
    return found


def end_problem(
    day: date | None,
    period: CarePeriod,
    statuses: Sequence[LegalStatusChange],
    placements: Sequence[Placement],
) -> str | None:
    """Care ends after every change within it."""
    if day is None:
        return None
    starts = [s.started_on for s in statuses] + [p.started_on for p in placements]
    latest = max(starts, default=period.started_on)
    if day <= latest:
        return f"Care cannot end on or before the last change in it ({_on(latest)})"
    return None


def missing_problems(
    started_on: date | None,
    ended_on: date | None,
    still_missing: bool,
    period: CarePeriod,
    others: Sequence[MissingEpisode],
) -> dict[str, str]:
    found: dict[str, str] = {}
    problem = not_before_care(started_on, period, "A missing episode") or on_or_before_end(
        started_on, period, "A missing episode"
    )
    if problem:
        found["started_on"] = problem
    if started_on and ended_on and ended_on < started_on:
        found["ended_on"] = (
            f"The child cannot come back before they went missing ({_on(started_on)})"
        )
    if ended_on is None and not still_missing:
        found["ended_on"] = "Enter the date the child came back, or say they are still missing"
    if ended_on is not None and still_missing:
        found["still_missing"] = "A child who has come back is not still missing"
    if started_on and "started_on" not in found and "ended_on" not in found:
        last = ended_on or date.max
        for other in others:
            other_end = other.ended_on or date.max
            if started_on <= other_end and other.started_on <= last:
                found["started_on"] = (
                    f"This overlaps the episode from {_on(other.started_on)}: "
                    "change that one instead"
                )
                break
    return found


def correction_problem(
    day: date | None, placement: Placement, placements: Sequence[Placement], period: CarePeriod
) -> str | None:
    """A corrected start stays between the placements either side: the first placement starts
    the day care began (correct that by ending the period and starting it again)."""
    if day is None:
        return None
    at = [p.pk for p in placements].index(placement.pk)
    if at == 0:
        return (
            None
            if day == period.started_on
            else (
                "The first placement begins the day the child came into care "
                f"({_on(period.started_on)})"
            )
        )
    before = placements[at - 1]
    after = placements[at + 1] if at + 1 < len(placements) else None
    if day <= before.started_on:
        return f"It must begin after the placement before it ({_on(before.started_on)})"
    if after is not None and day >= after.started_on:
        return f"It must begin before the placement after it ({_on(after.started_on)})"
    return not_after_care(day, period, "A placement")


# What an app above this one asks of how care ends (permanence: an adoption order only after
# the child was placed with the adopters and matched): each returns messages by field.
ENDING_CHECKS: list[Callable[[CarePeriod, date, str], dict[str, str]]] = []


def ending_problems(period: CarePeriod, ended_on: date, end_reason: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for check in ENDING_CHECKS:
        for name, message in check(period, ended_on, end_reason).items():
            found.setdefault(name, message)
    return found


def open_care_blocks_closure(case: Case) -> list[str]:
    """A case does not close while its child is looked after: care ends first."""
    if CarePeriod.objects.filter(case=case, ended_on__isnull=True).exists():
        return ["The child is looked after: record the end of care before the case closes"]
    return []


def on_or_before_end(day: date | None, period: CarePeriod, what: str) -> str | None:
    """Something of the child's care (a review, going missing) happened while they were in it."""
    if day is not None and period.ended_on is not None and day > period.ended_on:
        return f"{what} must be on or before the day care ended ({_on(period.ended_on)})"
    return None


def status_suits_placement(
    status: str, placements: Sequence[Placement], day: date | None
) -> str | None:
    """A new legal status is checked against the placement the child is in on its day, as a
    move is checked against the legal status (the 903's rules 378 and 408)."""
    if day is None:
        return None
    now = [p for p in placements if p.started_on <= day]
    if not now:
        return None
    placement = now[-1]
    found = placement_problems(placement.kind, placement.provider, "", status, None)
    return found.get("kind")
