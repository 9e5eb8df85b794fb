"""Working days and timescales, fed dates and offsets nobody thought to write down (hypothesis):
what must hold for every one of them, whichever nation's bank holidays count."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kith.lib.timescales import Standing, Unit, add, needs_reason, standing
from kith.lib.working_days import (
    add_months,
    add_working_days,
    is_working_day,
    working_days_between,
)

DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
NATIONS = st.sampled_from(["ENG", "WLS"])


@given(DAYS, st.integers(1, 80), NATIONS)
def test_n_working_days_on_is_a_working_day_exactly_n_working_days_on(start, n, nation):
    end = add_working_days(start, n, nation)
    assert is_working_day(end, nation)
    assert working_days_between(start, end, nation) == n
    assert (end - start).days >= n
    assert add_working_days(start, n + 1, nation) > end
    # No working day is skipped on the way.
    between = [start + timedelta(days=d) for d in range(1, (end - start).days)]
    assert sum(is_working_day(d, nation) for d in between) == n - 1


@given(DAYS, NATIONS)
def test_no_working_days_on_is_the_day_itself_or_the_next_working_day(start, nation):
    end = add_working_days(start, 0, nation)
    assert is_working_day(end, nation) and end >= start
    assert end == start or not any(
        is_working_day(start + timedelta(days=d), nation) for d in range((end - start).days)
    )


@given(DAYS, DAYS, NATIONS)
def test_working_days_between_two_days_is_the_same_either_way_round(a, b, nation):
    assert working_days_between(a, b, nation) == -working_days_between(b, a, nation)


@given(DAYS, st.integers(-240, 240))
def test_months_on_is_the_same_day_or_the_month_s_last(start, months):
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day == start.day or (end.day < start.day and (end + timedelta(days=1)).day == 1)
    if start.day <= 28:
        assert add_months(end, -months) == start


@given(DAYS, st.integers(0, 400), st.sampled_from(list(Unit)))
def test_a_longer_timescale_is_never_due_earlier(start, offset, unit):
    due = add(start, offset, unit)
    assert due >= start
    assert add(start, offset + 1, unit) >= due
    if unit == Unit.WEEKS:
        assert due == add(start, offset * 7, Unit.DAYS)


@given(DAYS, st.one_of(st.none(), DAYS), DAYS, st.booleans())
def test_a_deadline_stands_one_way_only(due, done, today, withdrawn):
    state = standing(due, done, today, withdrawn)
    if withdrawn:
        assert state == Standing.NOT_NEEDED and not needs_reason(state)
    elif done is not None:
        assert state == (Standing.ON_TIME if done <= due else Standing.LATE)
    elif today > due:
        assert state == Standing.OVERDUE and needs_reason(state)
    else:
        assert state in (Standing.DUE, Standing.DUE_SOON) and not needs_reason(state)
