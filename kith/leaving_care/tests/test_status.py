"""Who is a care leaver, from care history alone, at the edges: 13 weeks since 14 (a day short
is not), some of it after 16, short breaks not counting, 18, 21 and 25 (if asked)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kith.leaving_care.codes import LeaverStatus
from kith.leaving_care.status import Spell, became_eligible_on, birthday, status

BORN = date(2008, 6, 15)
AT_14, AT_16, AT_18 = birthday(BORN, 14), birthday(BORN, 16), birthday(BORN, 18)


def test_never_looked_after_is_not_a_care_leaver():
    assert status(BORN, [], AT_16 + timedelta(days=30)) is None


def test_under_16_is_not_yet_a_care_leaver():
    spells = [Spell(AT_14, None)]
    assert status(BORN, spells, AT_16 - timedelta(days=1)) is None
    assert status(BORN, spells, AT_16) == LeaverStatus.ELIGIBLE


def test_thirteen_weeks_since_14_with_some_after_16_is_eligible_in_care():
    spells = [Spell(AT_16 - timedelta(weeks=12), None)]
    on = AT_16 - timedelta(weeks=12) + timedelta(weeks=13)
    assert status(BORN, spells, on) == LeaverStatus.ELIGIBLE
    # Looked after now, a day short: not yet anything (qualifying is for those who have left).
    assert status(BORN, spells, on - timedelta(days=1)) is None


def test_a_day_short_of_13_weeks_is_qualifying_not_relevant():
    spells = [Spell(AT_16, AT_16 + timedelta(weeks=13) - timedelta(days=1))]
    assert status(BORN, spells, AT_16 + timedelta(weeks=20)) == LeaverStatus.QUALIFYING


def test_exactly_13_weeks_then_leaving_care_at_16_is_relevant():
    spells = [Spell(AT_16, AT_16 + timedelta(weeks=13))]
    assert status(BORN, spells, AT_16 + timedelta(weeks=20)) == LeaverStatus.RELEVANT


def test_care_that_ended_before_16_makes_no_care_leaver():
    spells = [Spell(AT_14, AT_16 - timedelta(days=1))]
    assert status(BORN, spells, AT_16 + timedelta(days=10)) is None


def test_care_ending_on_the_16th_birthday_is_not_after_16():
    spells = [Spell(AT_14, AT_16)]
    assert status(BORN, spells, AT_16 + timedelta(days=10)) is None


def test_short_breaks_do_not_count():
    spells = [Spell(AT_14, None, short_break=True)]
    assert status(BORN, spells, AT_16 + timedelta(days=10)) is None


def test_care_before_14_does_not_count_towards_the_13_weeks():
    spells = [
        Spell(AT_14 - timedelta(weeks=52), AT_14 + timedelta(weeks=1)),
        Spell(AT_16, AT_16 + timedelta(weeks=4)),
    ]
    assert status(BORN, spells, AT_16 + timedelta(weeks=10)) == LeaverStatus.QUALIFYING


def test_from_18_to_21_is_former_relevant_then_nothing_unless_asked():
    spells = [Spell(AT_14, AT_18)]
    assert status(BORN, spells, AT_18) == LeaverStatus.FORMER_RELEVANT
    at_21 = birthday(BORN, 21)
    assert status(BORN, spells, at_21 - timedelta(days=1)) == LeaverStatus.FORMER_RELEVANT
    assert status(BORN, spells, at_21) is None
    assert status(BORN, spells, at_21, to_25=True) == LeaverStatus.FORMER_RELEVANT
    assert status(BORN, spells, birthday(BORN, 25), to_25=True) is None


def test_no_date_of_birth_no_status():
    assert status(None, [Spell(AT_14, None)], AT_18) is None


@pytest.mark.parametrize(
    ("spells", "expected"),
    [
        ([Spell(AT_14, None)], AT_16),
        ([Spell(AT_16, None)], AT_16 + timedelta(weeks=13)),
        ([Spell(AT_16 - timedelta(weeks=5), None)], AT_16 + timedelta(weeks=8)),
        ([Spell(AT_14, AT_16 - timedelta(days=1))], None),
    ],
)
def test_the_day_a_young_person_became_eligible(spells, expected):
    assert became_eligible_on(BORN, spells) == expected


def test_adopted_after_16_is_not_a_care_leaver():
    spells = [Spell(AT_14, AT_16 + timedelta(weeks=30), end_reason="E11")]
    assert status(BORN, spells, AT_16 + timedelta(weeks=40)) is None
    assert status(BORN, spells, AT_18 + timedelta(days=10)) is None


@pytest.mark.parametrize("reason", ["E45", "E46", "E47", "E48"])
def test_a_special_guardianship_order_from_care_is_qualifying(reason):
    spells = [Spell(AT_14, AT_16 + timedelta(weeks=30), end_reason=reason)]
    assert status(BORN, spells, AT_16 + timedelta(weeks=40)) == LeaverStatus.QUALIFYING
    assert status(BORN, spells, birthday(BORN, 21)) is None


def test_home_with_parents_is_relevant_for_6_months_then_qualifying():
    left = AT_16 + timedelta(weeks=20)
    spells = [Spell(AT_14, left, end_reason="E4A")]
    six_months = date(left.year + (left.month + 5) // 12, (left.month + 5) % 12 + 1, left.day)
    assert status(BORN, spells, six_months - timedelta(days=1)) == LeaverStatus.RELEVANT
    assert status(BORN, spells, six_months) == LeaverStatus.QUALIFYING
    assert status(BORN, spells, AT_18 + timedelta(days=5)) == LeaverStatus.QUALIFYING


def test_home_at_17_and_a_half_is_former_relevant_at_18():
    """Six months at home not reached before 18: they were relevant at 18."""
    spells = [Spell(AT_14, AT_18 - timedelta(days=60), end_reason="E4B")]
    assert status(BORN, spells, AT_18 + timedelta(days=200)) == LeaverStatus.FORMER_RELEVANT
