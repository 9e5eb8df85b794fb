"""Child protection timescales at their edges: weekends, bank holidays, the year's end, short
months; the counts and checks derived from the record; and the dates the forms refuse (an
outcome before its enquiry began, a discussion later today)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from kith.protection import rules
from kith.protection.codes import CategoryOfAbuse
from kith.protection.forms import EnquiryForm, StrategyForm
from kith.protection.models import Conference, ConferenceChild, CoreGroup, ProtectionPlan

TODAY = timezone.localdate


def plan(started: date, **fields) -> ProtectionPlan:
    return ProtectionPlan(
        pk=fields.pop("pk", 1),
        started_on=started,
        initial_category="NEG",
        latest_category="NEG",
        **fields,
    )


class AddMonthsTests:
    @pytest.mark.parametrize(
        ("day", "months", "expected"),
        [
            (date(2026, 1, 31), 1, date(2026, 2, 28)),
            (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year
            (date(2026, 11, 30), 3, date(2027, 2, 28)),  # across the year's end
            (date(2026, 8, 31), 6, date(2027, 2, 28)),
            (date(2026, 3, 15), 3, date(2026, 6, 15)),
            (date(2026, 12, 1), 1, date(2027, 1, 1)),
        ],
    )
    def test_months_keep_the_day_or_take_the_month_s_last(self, day, months, expected):
        assert rules.add_months(day, months) == expected


class ConferenceTimescaleTests:
    def test_fifteen_working_days_from_the_strategy_discussion(self):
        # Monday 2 Nov 2026: three weeks later, no holidays.
        assert rules.conference_timescale(date(2026, 11, 2), None, date(2026, 11, 2)).due == (
            date(2026, 11, 23)
        )

    def test_over_christmas_the_bank_holidays_push_it_back(self):
        # Fri 18 Dec 2026 + 15 working days skips 25 and 28 Dec and 1 Jan (and weekends).
        assert rules.conference_timescale(date(2026, 12, 18), None, date(2026, 12, 18)).due == (
            date(2027, 1, 13)
        )

    def test_a_strategy_discussion_on_a_saturday_counts_from_monday(self):
        assert rules.conference_timescale(date(2026, 11, 21), None, date(2026, 11, 21)).due == (
            date(2026, 12, 11)
        )

    def test_held_on_the_due_day_is_in_time_and_a_day_later_is_late(self):
        on_time = rules.conference_timescale(
            date(2026, 11, 2), date(2026, 11, 23), date(2026, 12, 1)
        )
        late = rules.conference_timescale(date(2026, 11, 2), date(2026, 11, 24), date(2026, 12, 1))
        assert on_time.state == "met" and late.state == "late"


class ReviewTimescaleTests:
    def test_the_first_review_within_three_months(self):
        p = plan(date(2026, 11, 30))
        assert rules.review_timescale(p, [], date(2026, 12, 1)).due == date(2027, 2, 28)

    def test_later_reviews_at_most_six_months_apart(self):
        p = plan(date(2026, 1, 10))
        review = ConferenceChild(
            conference=Conference(kind="review", held_on=date(2026, 4, 2)), needs_plan=True
        )
        assert rules.review_timescale(p, [review], date(2026, 5, 1)).due == date(2026, 10, 2)

    def test_a_conference_may_set_an_earlier_date_but_not_a_later_one(self):
        p = plan(date(2026, 1, 10))
        earlier = ConferenceChild(
            conference=Conference(kind="initial", held_on=date(2026, 1, 10)),
            needs_plan=True,
            next_review_on=date(2026, 3, 1),
        )
        assert rules.review_timescale(p, [earlier], date(2026, 1, 11)).due == date(2026, 3, 1)
        later = ConferenceChild(
            conference=Conference(kind="initial", held_on=date(2026, 1, 10)),
            needs_plan=True,
            next_review_on=date(2026, 6, 1),
        )
        assert rules.review_timescale(p, [later], date(2026, 1, 11)).due == date(2026, 4, 10)

    def test_an_ended_plan_has_no_review_due(self):
        assert (
            rules.review_timescale(
                plan(date(2026, 1, 1), ended_on=date(2026, 2, 1)), [], date(2026, 3, 1)
            )
            is None
        )


class CoreGroupAndVisitTests:
    def test_the_first_core_group_within_ten_working_days(self):
        # Thu 17 Dec 2026 + 10 working days: skips Christmas, Boxing Day (28th) and 1 Jan.
        assert rules.core_group_timescale(plan(date(2026, 12, 17)), [], date(2026, 12, 17)).due == (
            date(2027, 1, 5)
        )

    def test_later_core_groups_as_the_plan_sets(self):
        p = plan(date(2026, 9, 1), core_group_every_weeks=6)
        meeting = CoreGroup(held_on=date(2026, 9, 14))
        assert rules.core_group_timescale(p, [meeting], date(2026, 9, 15)).due == date(2026, 10, 26)

    def test_visits_counted_from_the_last_time_the_child_was_seen(self):
        p = plan(date(2026, 11, 2), visit_every_working_days=10)
        assert rules.visit_timescale(p, None, date(2026, 11, 2)).due == date(2026, 11, 16)
        assert rules.visit_timescale(p, date(2026, 11, 20), date(2026, 11, 20)).due == date(
            2026, 12, 4
        )

    def test_a_visit_before_the_plan_counts_from_the_plan(self):
        p = plan(date(2026, 11, 2), visit_every_working_days=10)
        assert rules.visit_timescale(p, date(2026, 10, 1), date(2026, 11, 2)).due == date(
            2026, 11, 16
        )


class DerivedTests:
    def test_previous_plans_are_counted_not_typed(self):
        first = plan(date(2020, 1, 1), pk=1, ended_on=date(2020, 6, 1))
        second = plan(date(2022, 1, 1), pk=2, ended_on=date(2022, 9, 1))
        now = plan(date(2026, 1, 1), pk=3)
        assert rules.previous_plans(now, [first, second, now]) == 2
        assert rules.previous_plans(first, [first, second, now]) == 0

    def test_a_conference_on_the_day_of_the_strategy_discussion_is_fine(self):
        assert rules.conference_date_problem(date(2026, 1, 5), date(2026, 1, 5)) is None
        assert rules.conference_date_problem(date(2026, 1, 4), date(2026, 1, 5)) is not None


class DateTests:
    def test_the_next_review_is_the_one_the_latest_conference_set(self):
        plan = ProtectionPlan(
            pk=1, started_on=date(2025, 1, 6), initial_category="NEG", latest_category="NEG"
        )
        first = ConferenceChild(
            conference=Conference(pk=1, kind="initial", held_on=date(2025, 1, 6)),
            next_review_on=date(2025, 4, 1),
            needs_plan=True,
        )
        brought_forward = ConferenceChild(
            conference=Conference(pk=2, kind="review", held_on=date(2025, 2, 14)),
            next_review_on=date(2025, 3, 14),
            needs_plan=True,
        )
        due = rules.review_timescale(plan, [first, brought_forward], date(2025, 2, 15)).due
        assert due == date(2025, 3, 14)

    def test_later_core_groups_are_counted_in_calendar_weeks(self):
        plan = ProtectionPlan(
            pk=1,
            started_on=date(2025, 12, 1),
            initial_category="NEG",
            latest_category="NEG",
            core_group_every_weeks=6,
        )
        due = rules.core_group_timescale(
            plan, [CoreGroup(held_on=date(2025, 12, 15))], date(2025, 12, 16)
        ).due
        assert due == date(2026, 1, 26)

    def test_an_enquiry_outcome_before_it_started_is_refused(self):
        form = EnquiryForm(
            {
                "version": "1",
                "outcome": "icpc",
                "outcome_on_day": "1",
                "outcome_on_month": "1",
                "outcome_on_year": "2020",
            },
            started_on=date(2026, 1, 5),
        )
        assert "cannot be before the enquiry started" in form.errors["outcome_on"][0]

    def test_a_strategy_discussion_later_today_is_refused(self, monkeypatch):
        ten = timezone.make_aware(datetime.combine(TODAY(), time(10, 0)))
        monkeypatch.setattr("kith.protection.forms.strategy_discussions.timezone.now", lambda: ten)
        day = TODAY()
        data = {
            "held_on_day": day.day,
            "held_on_month": day.month,
            "held_on_year": day.year,
            "information_shared": "i",
            "safety_plan": "s",
        }
        assert (
            "Time must be now or in the past"
            in StrategyForm({**data, "held_time": "10:01"}).errors["held_time"][0]
        )
        assert StrategyForm({**data, "held_time": "10:00"}).is_valid()

    def test_the_multiple_category_s_label_is_plain(self):
        assert CategoryOfAbuse.MULTIPLE.label == "Multiple categories"
