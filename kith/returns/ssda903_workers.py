"""The SSDA903's social worker episodes (from 2023 to 2024), from the child's cases' allocation
history (cases/models.py Allocation): who the child's social worker was while they were looked
after in the year.

- An episode is a worker's time holding the child's case; a reallocation to the same worker
  (a new team, say) carries it on. Time with no worker allocated is no episode.
- It is counted from the day the child started to be looked after, if the worker held the case
  before (the community validator's rule SW12 refuses an episode starting before care began).
  One still going on 31 March, or when the child's care ended in the year, has no end date: the
  903 follows the child's social worker while looked after (and rule SW17 wants the child's last
  episode open). One starting after care ended is not the 903's.
- SW_ID: Kith does not record a worker's Social Work England registration number, which the
  DfE asks for, so the ID is "XX" and Kith's own staff number, the same in every year.
- SW_REASON: Kith records why a case was reallocated only in words, so the reason is the one
  the allocation history itself shows: FCONTA for the first worker on a case (a referral),
  TSPROC when the case moved to another team with them, and OTHERS otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kith.returns.census import CollectionYear

FIRST_CONTACT = "FCONTA"
TRANSFER = "TSPROC"
OTHER = "OTHERS"


@dataclass(frozen=True)
class Allocated:
    case_id: int
    team_id: int
    worker_id: int | None
    started: date
    ended: date | None


@dataclass
class _Held:
    worker_id: int
    started: date
    ended: date | None
    reason: str


def worker_id(pk: int) -> str:
    return f"XX{pk:06d}"


def _held(allocations: Sequence[Allocated]) -> list[_Held]:
    """Each worker's unbroken time with the case, oldest first, with why it began."""
    found: list[_Held] = []
    before: dict[int, Allocated] = {}  # the case's previous allocation
    for allocation in sorted(allocations, key=lambda a: a.started):
        previous = before.get(allocation.case_id)
        before[allocation.case_id] = allocation
        if allocation.worker_id is None:
            continue
        if previous is None:
            reason = FIRST_CONTACT
        elif previous.team_id != allocation.team_id:
            reason = TRANSFER
        else:
            reason = OTHER
        last = found[-1] if found else None
        carries_on = last is not None and last.worker_id == allocation.worker_id
        if last is not None and carries_on and (last.ended or date.max) >= allocation.started:
            last.ended = allocation.ended  # the same worker carries on
            continue
        found.append(_Held(allocation.worker_id, allocation.started, allocation.ended, reason))
    return found


def social_worker_rows(
    allocations: Sequence[Allocated], since: date, care_ended: date | None, year: CollectionYear
) -> list[tuple[str, date, date | None, str]]:
    """(SW_ID, SW_DECOM, SW_DEC, SW_REASON) for a child looked after from `since` (the start of
    their first period of care in the year) until `care_ended` (None if still on 31 March)."""
    until = care_ended or year.end
    rows = []
    for held in _held(allocations):
        if held.started > until:
            continue  # began after care ended (or after 31 March)
        if held.ended is not None and held.ended <= max(since, year.start):
            continue  # over before the child was looked after in the year
        ended = held.ended if held.ended is not None and held.ended <= until else None
        rows.append((worker_id(held.worker_id), max(held.started, since), ended, held.reason))
    return rows
