"""Whether a young person is a care leaver, and which kind, from their care history alone
(Children Act 1989 sections 19B, 23A and 23C; the Care Leavers (England) Regulations 2010):

- eligible: 16 or 17, looked after now, and looked after for at least 13 weeks in all since
  their 14th birthday, some of it after their 16th;
- relevant: the same history, 16 or 17, no longer looked after;
- former relevant: 18 to 21 after being eligible or relevant (to 25 if they ask for support);
- qualifying: no longer looked after, having been looked after at some time after 16, but for
  less than 13 weeks since 14, or left care under a special guardianship order, or settled at
  home with their parents for 6 months before 18.

Adopted young people are not care leavers.

Short breaks (the 903's V3 and V4) do not count. Never typed: the same history always gives the
same answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from kith.care.codes import ADOPTED, SHORT_BREAKS, SPECIAL_GUARDIANSHIP
from kith.leaving_care.codes import LeaverStatus
from kith.lib.working_days import add_months

THIRTEEN_WEEKS = timedelta(weeks=13)
RETURNED_HOME = frozenset({"E4A", "E4B"})


@dataclass(frozen=True)
class Spell:
    """A period of care, as far as the status needs it."""

    started_on: date
    ended_on: date | None
    short_break: bool = False
    end_reason: str = ""


def nth(age: int) -> str:
    """17th, 18th, 19th, 20th, 21st: a birthday as it is said."""
    if age % 100 in (11, 12, 13):
        return f"{age}th"
    return f"{age}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(age % 10, 'th') }"


def birthday(born: date, age: int) -> date:
    return add_months(born, 12 * age)


def spells_of(periods: Iterable[object]) -> list[Spell]:
    """Spells from periods of care with their legal statuses prefetched."""
    found = []
    for period in periods:
        statuses = list(period.statuses.all())  # type: ignore[attr-defined]
        found.append(
            Spell(
                period.started_on,  # type: ignore[attr-defined]
                period.ended_on,  # type: ignore[attr-defined]
                bool(statuses) and statuses[0].status in SHORT_BREAKS,
                period.end_reason,  # type: ignore[attr-defined]
            )
        )
    return found


def status(
    born: date | None, spells: list[Spell], on: date, to_25: bool = False
) -> LeaverStatus | None:
    if born is None:
        return None
    at_14, at_16, at_18 = birthday(born, 14), birthday(born, 16), birthday(born, 18)
    care = sorted(
        (s for s in spells if not s.short_break and s.started_on <= on),
        key=lambda s: s.started_on,
    )
    if not care or on < at_16:
        return None
    looked_after_since_14 = timedelta()
    after_16 = False
    for spell in care:
        end = min(spell.ended_on or on, on, at_18)
        start = max(spell.started_on, at_14)
        if end > start:
            looked_after_since_14 += end - start
        if (spell.ended_on is None or spell.ended_on > at_16) and spell.started_on < at_18:
            after_16 = True
    if not after_16:
        return None
    enough = looked_after_since_14 >= THIRTEEN_WEEKS
    last = care[-1]
    if on < at_18 and (last.ended_on is None or last.ended_on > on):
        # Looked after now: eligible with the 13 weeks, else not yet anything (qualifying is
        # for those no longer looked after).
        return LeaverStatus.ELIGIBLE if enough else None
    if last.end_reason in ADOPTED:
        return None  # adopted: the adopters' child, not the authority's care leaver
    home = last.end_reason in RETURNED_HOME and last.ended_on is not None
    settled = home and add_months(last.ended_on, 6) <= min(on, at_18)  # type: ignore[arg-type]
    if enough and not settled and last.end_reason not in SPECIAL_GUARDIANSHIP:
        if on < at_18:
            return LeaverStatus.RELEVANT
        until = birthday(born, 25 if to_25 else 21)
        return LeaverStatus.FORMER_RELEVANT if on < until else None
    # Looked after after 16 but not (or no longer) owed a pathway plan: under a special
    # guardianship order made from care, settled at home 6 months before 18 (Care Leavers
    # (England) Regulations 2010, reg 3), or for less than 13 weeks.
    return LeaverStatus.QUALIFYING if on < birthday(born, 21) else None


def became_eligible_on(born: date | None, spells: list[Spell]) -> date | None:
    """The day a looked-after young person became eligible (the needs assessment's deadline
    runs from it): the first day from 16, in care, by which the 13 weeks since 14 are made up."""
    if born is None:
        return None
    at_14, at_16, at_18 = birthday(born, 14), birthday(born, 16), birthday(born, 18)
    total = timedelta()
    for spell in sorted((s for s in spells if not s.short_break), key=lambda s: s.started_on):
        start, end = max(spell.started_on, at_14), min(spell.ended_on or at_18, at_18)
        if end <= start:
            continue
        reached = start + max(THIRTEEN_WEEKS - total, timedelta())
        total += end - start
        day = max(reached, at_16)
        if total >= THIRTEEN_WEEKS and day < end:
            return day
    return None
