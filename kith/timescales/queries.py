"""Timeliness over time: of the deadlines done in each month, how many were done on time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kith.timescales.models import Deadline


@dataclass
class Month:
    starts: date
    on_time: int = 0
    late: int = 0

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def percent_on_time(self) -> int | None:
        return round(100 * self.on_time / self.done) if self.done else None


def _month_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def timeliness(team_ids: Sequence[int], today: date, months: int = 12) -> list[Month]:
    """The last `months` months, oldest first, this month included (one query)."""
    found = [Month(_month_back(today, back)) for back in range(months - 1, -1, -1)]
    by_start = {m.starts: m for m in found}
    for done_on, due_on in Deadline.objects.filter(
        case__team_id__in=list(team_ids), done_on__gte=found[0].starts, done_on__lte=today
    ).values_list("done_on", "due_on"):
        if done_on is None:
            continue
        month = by_start[date(done_on.year, done_on.month, 1)]
        if done_on <= due_on:
            month.on_time += 1
        else:
            month.late += 1
    return found
