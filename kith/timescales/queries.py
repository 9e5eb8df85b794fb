"""Timeliness over time: of the deadlines done in each month, how many were done on time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth

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


def timeliness(
    team_ids: Sequence[int], today: date, months: int = 12, seen: Q | None = None
) -> list[Month]:
    """The last `months` months, oldest first, this month included (one query). `seen`, a
    condition on Deadline, leaves out what the viewer may not see (a restricted child)."""
    found = [Month(_month_back(today, back)) for back in range(months - 1, -1, -1)]
    by_start = {m.starts: m for m in found}
    counted = (
        Deadline.objects.filter(
            seen or Q(),
            case__team_id__in=list(team_ids),
            done_on__gte=found[0].starts,
            done_on__lte=today,
            withdrawn_on__isnull=True,
        )
        .annotate(month=TruncMonth("done_on"))
        .values("month")
        .annotate(
            on_time=Count("pk", filter=Q(done_on__lte=F("due_on"))),
            late=Count("pk", filter=Q(done_on__gt=F("due_on"))),
        )
    )
    for row in counted:
        month = by_start[row["month"]]
        month.on_time, month.late = row["on_time"], row["late"]
    return found
