"""Each leaving care rule at its edges: support only for a care leaver, the birthday check's
window (3 months before to 1 month after), and its answers agreeing with each other (the 903's
rules 133, 344, 345 and 347)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kith.leaving_care import rules
from kith.leaving_care.codes import LeaverStatus
from kith.lib.working_days import add_months

BORN = date(2006, 5, 31)
AT_18 = date(2024, 5, 31)


def test_support_is_refused_for_someone_never_looked_after():
    assert "is not a care leaver" in rules.support_problem(None, "Dan Smith")


def test_support_for_a_qualifying_young_person_is_refused_in_words():
    assert "qualifying" in rules.support_problem(LeaverStatus.QUALIFYING, "Dan Smith")


@pytest.mark.parametrize(
    "status", [LeaverStatus.ELIGIBLE, LeaverStatus.RELEVANT, LeaverStatus.FORMER_RELEVANT]
)
def test_support_for_a_care_leaver(status):
    assert rules.support_problem(status, "Dan Smith") is None


def test_the_window_runs_3_months_before_to_1_month_after():
    assert rules.window(BORN, 18) == (add_months(AT_18, -3), add_months(AT_18, 1))
    assert rules.window(BORN, 18) == (date(2024, 2, 29), date(2024, 6, 30))


@pytest.mark.parametrize(
    ("day", "allowed"),
    [
        (date(2024, 2, 28), False),
        (date(2024, 2, 29), True),
        (AT_18, True),
        (date(2024, 6, 30), True),
        (date(2024, 7, 1), False),
    ],
)
def test_the_check_date_at_the_window_edges(day, allowed):
    found = rules.check_problems(BORN, 18, day, "YES", "F2", "U", True)
    assert ("checked_on" not in found) is allowed


def test_in_touch_needs_an_activity_and_where_they_live():
    found = rules.check_problems(BORN, 18, AT_18, "YES", "", "", None)
    assert set(found) == {"activity", "accommodation"}


@pytest.mark.parametrize("answer", ["DIED", "RHOM"])
def test_died_or_returned_home_have_no_activity_or_accommodation(answer):
    found = rules.check_problems(BORN, 19, date(2025, 5, 31), answer, "F2", "U", True)
    assert set(found) == {"activity", "accommodation"}
    assert rules.check_problems(BORN, 19, date(2025, 5, 31), answer, "", "", None) == {}


@pytest.mark.parametrize("answer", ["NO", "REFU", "NREQ"])
def test_not_in_touch_may_leave_them_blank(answer):
    assert rules.check_problems(BORN, 19, date(2025, 5, 31), answer, "", "", None) == {}


def test_accommodation_needs_suitable_or_not():
    found = rules.check_problems(BORN, 18, AT_18, "YES", "F2", "U", None)
    assert "suitable" in found


@pytest.mark.parametrize("letter", ["S", "X"])
def test_homeless_or_custody_is_never_suitable(letter):
    assert "suitable" in rules.check_problems(BORN, 18, AT_18, "YES", "G5", letter, True)
    assert rules.check_problems(BORN, 18, AT_18, "YES", "G5", letter, False) == {}


def test_a_foyer_is_from_18():
    at_17 = date(2023, 5, 31)
    assert "accommodation" in rules.check_problems(BORN, 17, at_17, "YES", "F2", "T", True)
    assert rules.check_problems(BORN, 18, AT_18, "YES", "F2", "T", True) == {}


def test_staying_put_is_not_at_17():
    at_17 = date(2023, 5, 31)
    assert "accommodation" in rules.check_problems(BORN, 17, at_17, "YES", "F2", "Z", True)
    assert rules.check_problems(BORN, 18, AT_18, "YES", "F2", "Z", True) == {}


def test_the_ages_are_17_to_21():
    assert list(rules.AGES) == [17, 18, 19, 20, 21]
    assert timedelta(0) < AT_18 - BORN


def test_the_18th_birthday_check_is_asked_only_of_those_who_left_care_before_it():
    """Rules 1007 and 1016: leaving care on the birthday itself (as most do at 18) is leaving
    it on or after the birthday, and the 903 does not ask about that birthday."""
    from kith.leaving_care.status import Spell

    assert not rules.check_needed(BORN, 18, [Spell(date(2021, 1, 1), AT_18)])
    assert rules.check_needed(BORN, 18, [Spell(date(2021, 1, 1), AT_18 - timedelta(days=1))])
    assert not rules.check_needed(BORN, 17, [Spell(date(2021, 1, 1), None)])
    assert rules.check_needed(BORN, 19, [Spell(date(2021, 1, 1), None)])
