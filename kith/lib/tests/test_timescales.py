"""The timescale rules as data, tested at their edges: units, working days around bank
holidays, month ends, how a deadline stands, and which rules an authority may change."""

from __future__ import annotations

from datetime import date

import pytest

from kith.lib import timescales as rules
from kith.lib.timescales import RULES, Standing, Unit, add, standing
from kith.test import make_user
from kith.timescales.models import LocalRule


def test_each_unit_counts_as_the_guidance_says():
    friday = date(2026, 11, 20)
    assert add(friday, 1, Unit.WORKING_DAYS) == date(2026, 11, 23)  # over the weekend
    assert add(friday, 1, Unit.DAYS) == date(2026, 11, 21)
    assert add(friday, 2, Unit.WEEKS) == date(2026, 12, 4)
    assert add(date(2026, 1, 31), 1, Unit.MONTHS) == date(2026, 2, 28)  # month end
    assert add(date(2027, 11, 30), 3, Unit.MONTHS) == date(2028, 2, 29)  # leap year
    assert add(date(2026, 11, 30), 3, Unit.MONTHS) == date(2027, 2, 28)  # over the year end


def test_working_days_skip_christmas_and_new_year(settings):
    settings.KITH_BANK_HOLIDAYS = "ENG"
    # 24 Dec 2026 (Thursday): 25 Dec and 28 Dec (substitute Boxing Day) are bank holidays.
    assert RULES["contact-decision"].due(date(2026, 12, 24)) == date(2026, 12, 29)
    # 45 working days from 1 December 2026, counting 25, 28 Dec and 1 Jan 2027 out.
    assert RULES["assessment"].due(date(2026, 12, 1)) == date(2027, 2, 5)


def test_the_initial_conference_is_15_working_days_after_the_strategy_discussion():
    assert RULES["initial-conference"].due(date(2026, 3, 2)) == date(2026, 3, 23)


def test_reviews_are_3_then_6_months():
    assert RULES["first-review-conference"].due(date(2026, 5, 31)) == date(2026, 8, 31)
    assert RULES["review-conference"].due(date(2026, 8, 31)) == date(2027, 2, 28)


def test_the_timescale_reads_as_words():
    assert RULES["assessment"].timescale == "45 working days"
    assert RULES["contact-decision"].timescale == "1 working day"
    assert RULES["review-conference"].timescale == "6 months"
    assert RULES["core-group"].timescale == "6 weeks"


def test_only_local_rules_are_local():
    local = {key for key, rule in RULES.items() if rule.local}
    # How often a personal adviser is in touch is the authority's own (guidance says 8 weeks).
    assert local == {"first-core-group", "core-group", "protection-visit", "adviser-contact"}


@pytest.mark.parametrize(
    ("due", "done", "today", "expected"),
    [
        (date(2026, 11, 20), date(2026, 11, 20), date(2026, 12, 1), Standing.ON_TIME),  # on the day
        (date(2026, 11, 20), date(2026, 11, 23), date(2026, 12, 1), Standing.LATE),  # a day after
        (date(2026, 11, 20), None, date(2026, 11, 20), Standing.DUE_SOON),  # due today
        (date(2026, 11, 20), None, date(2026, 11, 21), Standing.OVERDUE),  # the day after
        (date(2026, 11, 27), None, date(2026, 11, 20), Standing.DUE_SOON),  # 5 working days
        (date(2026, 11, 30), None, date(2026, 11, 20), Standing.DUE),  # 6 working days
    ],
)
def test_how_a_deadline_stands(due, done, today, expected):
    assert standing(due, done, today) == expected


def test_a_deadline_no_longer_needed_is_neither_overdue_nor_late():
    assert standing(date(2026, 1, 1), None, date(2026, 6, 1), withdrawn=True) == Standing.NOT_NEEDED
    assert standing(date(2026, 1, 1), date(2026, 1, 2), date(2026, 6, 1)) == Standing.LATE
    # Done against a date since corrected: it no longer counts either way.
    assert standing(date(2026, 1, 1), date(2026, 1, 2), date(2026, 6, 1), True) == (
        Standing.NOT_NEEDED
    )


def test_a_reason_is_asked_for_only_when_a_timescale_is_missed():
    assert [s for s in Standing if rules.needs_reason(s)] == [Standing.OVERDUE, Standing.LATE]


@pytest.mark.parametrize(
    ("key", "offset", "problem"),
    [
        ("assessment", 30, "is a national timescale"),
        ("protection-visit", 0, "at least 1"),
        ("protection-visit", None, "at least 1"),
        ("protection-visit", 131, "at most 130 working days"),
        ("core-group", 27, "at most 26 weeks"),
    ],
)
def test_what_an_authority_may_not_set(key, offset, problem):
    assert problem in (rules.offset_problem(RULES[key], offset) or "")


@pytest.mark.parametrize(("key", "offset"), [("protection-visit", 130), ("core-group", 1)])
def test_what_an_authority_may_set(key, offset):
    assert rules.offset_problem(RULES[key], offset) is None


@pytest.mark.django_db
def test_the_latest_local_change_is_in_force_and_national_rules_never_change():
    admin = make_user()
    LocalRule.objects.create(rule="protection-visit", offset=15, reason="a", changed_by=admin)
    LocalRule.objects.create(rule="protection-visit", offset=20, reason="b", changed_by=admin)
    # A row for a national rule (written behind the page's back) is ignored.
    LocalRule.objects.create(rule="assessment", offset=10, reason="c", changed_by=admin)
    rules.forget()
    assert rules.rule("protection-visit").offset == 20
    assert rules.rule("assessment").offset == 45


@pytest.mark.django_db
def test_the_rules_are_read_once_until_forgotten(django_assert_num_queries):
    rules.forget()
    with django_assert_num_queries(1):
        rules.current()
        rules.current()
        rules.rule("core-group")


@pytest.mark.parametrize(
    ("key", "offset", "unit"),
    [
        ("permanence-meeting", 3, "months"),
        ("adoption-placed", 426, "days"),
        ("adoption-match", 121, "days"),
        ("needs-assessment", 3, "months"),
        ("pathway-plan-review", 6, "months"),
        ("adviser-contact", 8, "weeks"),
        ("in-touch", 1, "months"),
    ],
)
def test_the_permanence_and_leaving_care_rules(key, offset, unit):
    """The adoption scorecard's national thresholds (A1 426 days, A2 121) are cited as data."""
    found = RULES[key]
    assert (found.offset, found.unit) == (offset, unit)
    assert found.source
