from datetime import date

import pytest

from kith.lib.working_days import add_working_days, is_working_day, working_days_between


class WorkingDayTests:
    def test_weekdays_are_working_days_and_weekends_are_not(self):
        assert is_working_day(date(2026, 11, 20))  # Friday
        assert not is_working_day(date(2026, 11, 21))  # Saturday
        assert not is_working_day(date(2026, 11, 22))  # Sunday

    def test_bank_holidays_in_england_are_not_working_days(self):
        assert not is_working_day(date(2026, 12, 25), "ENG")
        assert not is_working_day(date(2026, 12, 28), "ENG")  # Boxing Day substitute
        assert not is_working_day(date(2026, 8, 31), "ENG")  # summer bank holiday

    def test_wales_and_england_share_the_same_list_scotland_is_not_used(self):
        # St Andrew's Day is a Scottish holiday only.
        assert is_working_day(date(2026, 11, 30), "ENG")
        assert is_working_day(date(2026, 11, 30), "WLS")


class AddWorkingDaysTests:
    def test_one_working_day_after_a_friday_is_monday(self):
        assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)

    def test_a_contact_received_on_saturday_is_due_on_monday(self):
        assert add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 23)

    def test_christmas_is_skipped(self):
        # Thursday 24 Dec 2026: Fri 25 and Mon 28 are bank holidays.
        assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)

    def test_forty_five_working_days_from_a_referral(self):
        # Tuesday 1 Sep 2026 + 45 working days: exactly 9 weeks, no holidays in between.
        assert add_working_days(date(2026, 9, 1), 45) == date(2026, 11, 3)

    def test_forty_five_working_days_over_christmas_add_the_three_holidays(self):
        # 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan fall inside: 9 weeks plus 3 days.
        assert add_working_days(date(2026, 11, 2), 45) == date(2027, 1, 7)

    def test_zero_days_is_the_day_itself_or_the_next_working_day(self):
        assert add_working_days(date(2026, 11, 20), 0) == date(2026, 11, 20)
        assert add_working_days(date(2026, 11, 21), 0) == date(2026, 11, 23)

    @pytest.mark.parametrize("days", [1, 5, 10, 15, 45])
    def test_counting_back_gives_the_same_number(self, days):
        start = date(2026, 12, 18)
        assert working_days_between(start, add_working_days(start, days)) == days

    def test_between_is_negative_when_the_end_is_earlier(self):
        assert working_days_between(date(2026, 11, 23), date(2026, 11, 20)) == -1
        assert working_days_between(date(2026, 11, 20), date(2026, 11, 20)) == 0
