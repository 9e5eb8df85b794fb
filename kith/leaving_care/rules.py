"""What a care leaver's record cannot say, each rule a function returning the message a worker
sees at the field (or None), tested directly at its edges (tests/test_rules.py)."""

from __future__ import annotations

from datetime import date

from kith.cases.models import Case
from kith.leaving_care.codes import NEVER_SUITABLE, NOTHING_TO_SAY, OWED_SUPPORT, LeaverStatus
from kith.leaving_care.models import CareLeaver
from kith.leaving_care.status import Spell, birthday, nth
from kith.lib.working_days import add_months

# The 903's OC3: how a young person is doing around each birthday from 17 to 21, found out
# from 3 months before the birthday to 1 month after it.
AGES = range(17, 22)
BEFORE_MONTHS, AFTER_MONTHS = 3, 1


def _on(day: date) -> str:
    return f"{day:%-d %B %Y}"


def window(born: date, age: int) -> tuple[date, date]:
    day = birthday(born, age)
    return add_months(day, -BEFORE_MONTHS), add_months(day, AFTER_MONTHS)


def check_needed(born: date, age: int, spells: list[Spell]) -> bool:
    """Whether the birthday's check is asked for: from 19 always; at 17 and 18 only if the
    young person had left care before the day (the 903's rules 1007 and 1016: care that ends on
    the birthday itself, as it mostly does at 18, does not ask for it)."""
    if age > 18:
        return True
    day = birthday(born, age)
    return not any(
        s.started_on <= day and (s.ended_on is None or s.ended_on >= day)
        for s in spells
        if not s.short_break
    )


def support_problem(status: LeaverStatus | None, name: str) -> str | None:
    """Leaving care support is for a young person whose care history makes them a care leaver
    (never typed: a young person never looked after is not one)."""
    if status is None:
        return (
            f"{name} is not a care leaver: leaving care support is for young people looked "
            "after for 13 weeks or more since they were 14, some of it after 16"
        )
    if status not in OWED_SUPPORT:
        return (
            f"{name} was looked after after 16 for less than 13 weeks (qualifying): give advice "
            "and help as a case, not a personal adviser and pathway plan"
        )
    return None


def check_problems(
    born: date | None,
    age: int | None,
    checked_on: date | None,
    in_touch: str,
    activity: str,
    accommodation: str,
    suitable: bool | None,
) -> dict[str, str]:
    """The birthday check is made in its window, and its answers agree with each other (the
    903's rules 133, 344, 345 and 347)."""
    found: dict[str, str] = {}
    if born is not None and age is not None and checked_on is not None:
        first, last = window(born, age)
        if not first <= checked_on <= last:
            found["checked_on"] = (
                f"The check for their {nth(age)} birthday is made between {_on(first)} and "
                f"{_on(last)} (3 months before to 1 month after it)"
            )
    if in_touch in NOTHING_TO_SAY:
        if activity:
            found["activity"] = "Leave the main activity blank for this answer"
        if accommodation:
            found["accommodation"] = "Leave where they live blank for this answer"
        return found
    if in_touch == "YES":
        if not activity:
            found["activity"] = "Select their main activity"
        if not accommodation:
            found["accommodation"] = "Select where they live"
    if accommodation and suitable is None:
        found["suitable"] = "Say whether where they live is suitable"
    if accommodation in NEVER_SUITABLE and suitable:
        found["suitable"] = "Homelessness and custody are never suitable accommodation"
    if accommodation == "T" and age is not None and age < 18:
        found["accommodation"] = "A foyer is for young people of 18 or over"
    if accommodation == "Z" and age == 17:
        found["accommodation"] = "Staying put is after 18: at 17 they still live with the carers"
    return found


def open_support_blocks_closure(case: Case) -> list[str]:
    """A care leaver's case stays open while they are supported: their pathway plan and
    contacts are recorded in it."""
    if CareLeaver.objects.filter(case=case, ended_on__isnull=True).exists():
        return ["The young person has leaving care support: record its end before the case closes"]
    return []
