"""The SSDA903's episodes, derived from a period of care's legal statuses and placements: a new
episode starts whenever either changes, and its reason (RNE) says which changed. Workers record
a move or a new order once; the return's model comes from it, never typed twice.

Also what is computed, never typed, about a child's stability: moves in the last 12 months and
how long the current placement has lasted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import TypeVar

from kith.care.codes import TEMPORARY, NewEpisodeReason
from kith.care.models import CarePeriod, LegalStatusChange, Placement

Dated = TypeVar("Dated", LegalStatusChange, Placement)
X1 = "X1"  # an episode ended and another began the same day: still looked after


@dataclass(frozen=True)
class Episode:
    started_on: date
    ended_on: date | None
    reason_new: str  # RNE
    legal_status: str  # LS
    placement: Placement
    end_reason: str  # REC: X1 within a period, the period's reason at its end, "" while open
    change_reason: str  # REASON_PLACE_CHANGE, on an episode ended by a move


def in_force(rows: Sequence[Dated], day: date) -> Dated | None:
    found = None
    for row in rows:
        if row.started_on <= day:
            found = row
    return found


def episodes(
    period: CarePeriod,
    statuses: Sequence[LegalStatusChange],
    placements: Sequence[Placement],
) -> list[Episode]:
    """The period's episodes, oldest first. `statuses` and `placements` are the period's, in
    date order (read once by the caller, so a return reads every child's in a few queries).
    Changes on or after the day care ended do not count."""
    end = period.ended_on
    starts = {s.started_on for s in statuses} | {p.started_on for p in placements}
    days = sorted(starts | {period.started_on})
    days = [d for d in days if d >= period.started_on and (end is None or d < end)]
    found: list[Episode] = []
    for i, day in enumerate(days):
        status = in_force(statuses, day)
        placement = in_force(placements, day)
        if status is None or placement is None:
            continue  # nothing to say until both are known (never, for a period Kith began)
        if not found:
            reason = period.began_earlier_as or NewEpisodeReason.STARTED
        else:
            moved = placement.started_on == day
            ordered = status.started_on == day
            same = placement.same_carer
            if moved and ordered:
                reason = NewEpisodeReason.BOTH_SAME_CARER if same else NewEpisodeReason.BOTH
            elif moved:
                reason = (
                    NewEpisodeReason.PLACEMENT_SAME_CARER if same else NewEpisodeReason.PLACEMENT
                )
            else:
                reason = NewEpisodeReason.LEGAL_STATUS
        following = days[i + 1] if i + 1 < len(days) else None
        next_placement = in_force(placements, following) if following else None
        change = ""
        # No reason for a move into or out of a temporary placement (the 903's rule 226).
        if (
            next_placement is not None
            and next_placement.started_on == following
            and TEMPORARY.isdisjoint({placement.kind, next_placement.kind})
        ):
            change = placement.change_reason
        found.append(
            Episode(
                started_on=day,
                ended_on=following or end,
                reason_new=reason,
                legal_status=status.status,
                placement=placement,
                end_reason=X1 if following else (period.end_reason if end else ""),
                change_reason=change,
            )
        )
    return found


@dataclass(frozen=True)
class Stability:
    moves_in_year: int  # placement moves in the last 12 months
    current_days: int | None  # how long the current placement has lasted


def stability(placements: Sequence[Placement], today: date, ended_on: date | None) -> Stability:
    """Moves in the 12 months to today (a child's first placement is not a move; a short
    temporary stay and the return from it are not either, nor a change with the same carers)
    and the current placement's length."""
    year_ago = today - timedelta(days=365)
    moves = 0
    for before, after in pairwise(placements):
        if year_ago < after.started_on <= today:
            if after.kind in TEMPORARY or before.kind in TEMPORARY or after.same_carer:
                continue  # a short stay away, or the same carers (a new address, say)
            moves += 1
    current = in_force(placements, today) if ended_on is None else None
    return Stability(moves, (today - current.started_on).days if current else None)
