"""Working days: Monday to Friday, except the bank holidays of England (or Wales, by the
authority's setting KITH_BANK_HOLIDAYS). Statutory timescales are counted in them.

"Within N working days of D" means the due date is the Nth working day after D
(reference/timescales.md), so a referral received on a Friday has its decision due on Monday.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import cache

import holidays
from django.conf import settings


@cache
def _bank_holidays(region: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=region, years=year))


def bank_holidays_around(today: date, region: str | None = None) -> list[date]:
    """The bank holidays of last year, this year and next: enough for a page to warn, as a
    date is typed, that it is not a working day."""
    region = region or settings.KITH_BANK_HOLIDAYS
    return sorted(
        d for y in (today.year - 1, today.year, today.year + 1) for d in _bank_holidays(region, y)
    )


def is_working_day(day: date, region: str | None = None) -> bool:
    region = region or settings.KITH_BANK_HOLIDAYS
    return day.weekday() < 5 and day not in _bank_holidays(region, day.year)


def add_working_days(start: date, days: int, region: str | None = None) -> date:
    """The `days`-th working day after `start` (start itself does not count). 0 days: the
    start if it is a working day, otherwise the next one."""
    day = start
    if days == 0:
        while not is_working_day(day, region):
            day += timedelta(days=1)
        return day
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, region):
            counted += 1
    return day


def working_days_between(start: date, end: date, region: str | None = None) -> int:
    """How many working days after `start` `end` is (negative if `end` is earlier):
    add_working_days(start, n) == end for a working day `end`."""
    if end < start:
        return -working_days_between(end, start, region)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(days=offset), region)
    )


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it has no such day
    (31 January + 1 month = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
