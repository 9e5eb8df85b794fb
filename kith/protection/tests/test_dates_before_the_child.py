"""A child protection record cannot be dated before the child it is about: not before their
birth (for work before a birth, not more than 40 weeks before it), and not before the case's
referral. A record covering several children must fit each child it decides about."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kith.cases.models import Case
from kith.people.models import Person
from kith.protection import rules
from kith.protection.forms import (
    ConferenceChildForm,
    ConferenceForm,
    CoreGroupForm,
    EnquiryForm,
    StrategyChildForm,
    StrategyForm,
)

BORN = date(2015, 3, 14)
EXPECTED = date(2026, 6, 1)
EARLIEST_BEFORE_BIRTH = date(2025, 8, 25)  # 40 weeks before 1 June 2026


def too_early(day, *, born=BORN, expected=None, referral=None):
    return rules.too_early_for_child(
        day, what="The discussion", name="Ellie", born=born, expected=expected, referral=referral
    )


class RuleTests:
    def test_a_record_on_the_day_the_child_was_born_is_right(self):
        assert too_early(BORN) is None

    def test_a_record_the_day_before_the_child_was_born_is_refused_naming_the_child(self):
        assert too_early(BORN - timedelta(days=1)) == (
            "The discussion must be on or after Ellie's date of birth, 14 March 2015"
        )

    def test_a_discussion_in_1900_for_a_child_born_in_2013_is_refused(self):
        problem = too_early(date(1900, 1, 1), born=date(2013, 5, 2), referral=date(2024, 1, 8))
        assert problem == "The discussion must be on or after Ellie's date of birth, 2 May 2013"

    def test_for_an_unborn_child_40_weeks_before_the_expected_birth_is_the_earliest(self):
        assert EXPECTED - rules.BEFORE_BIRTH == EARLIEST_BEFORE_BIRTH
        assert too_early(EARLIEST_BEFORE_BIRTH, born=None, expected=EXPECTED) is None
        assert too_early(
            EARLIEST_BEFORE_BIRTH - timedelta(days=1), born=None, expected=EXPECTED
        ) == (
            "The discussion must be on or after 25 August 2025, 40 weeks before Ellie's "
            "expected date of birth (1 June 2026)"
        )

    def test_a_case_referred_before_the_birth_keeps_its_records_from_before_it(self):
        born = EXPECTED
        referral = date(2026, 1, 5)
        assert too_early(referral, born=born, referral=referral) is None
        assert "40 weeks before Ellie's date of birth (1 June 2026)" in too_early(
            EARLIEST_BEFORE_BIRTH - timedelta(days=1), born=born, referral=EARLIEST_BEFORE_BIRTH
        )

    def test_a_record_before_the_referral_is_refused_on_or_after_it_is_not(self):
        referral = date(2024, 5, 3)
        assert too_early(referral, referral=referral) is None
        assert too_early(referral - timedelta(days=1), referral=referral) == (
            "The discussion must be on or after Ellie's referral, 3 May 2024"
        )

    def test_an_unborn_child_s_record_before_the_referral_is_refused(self):
        referral = date(2026, 1, 5)
        assert too_early(
            referral - timedelta(days=1), born=None, expected=EXPECTED, referral=referral
        ) == ("The discussion must be on or after Ellie's referral, 5 January 2026")

    def test_with_nothing_known_or_no_date_nothing_is_said(self):
        assert too_early(date(1900, 1, 1), born=None) is None
        assert too_early(None, referral=date(2024, 5, 3)) is None


def case(first_name, born=None, expected=None, referral=date(2025, 1, 6), pk=1):
    child = Person(
        first_name=first_name,
        family_name="Jones",
        date_of_birth=born,
        expected_date_of_birth=expected,
    )
    return Case(pk=pk, child=child, referral_date=referral)


def boxes(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def family():
    return {
        "ellie": case("Ellie", born=date(2013, 5, 2), referral=date(2024, 6, 3), pk=1),
        "sam": case("Sam", born=date(2024, 11, 20), referral=date(2024, 11, 20), pk=2),
        "baby": case("", expected=EXPECTED, referral=date(2025, 11, 3), pk=3),
    }


def strategy(day, decisions, family):
    data = {
        **boxes("held_on", day),
        "held_time": "10:00",
        "information_shared": "Police and health shared what they knew",
        "safety_plan": "Father to stay away",
    }
    per_child = []
    for name, decision in decisions.items():
        child = family[name]
        data[f"child-{child.pk}-decision"] = decision
        data[f"child-{child.pk}-reason"] = "Bruising seen" if decision else ""
        per_child.append(StrategyChildForm(data, prefix=f"child-{child.pk}", case=child))
    return StrategyForm(data, per_child=per_child), per_child


class StrategyTests:
    def test_the_date_must_fit_every_child_it_decides_about(self, family):
        form, _ = strategy(date(2024, 11, 19), {"ellie": "s47", "sam": "s47"}, family)
        assert form.errors["held_on"] == [
            "The discussion must be on or after Sam's date of birth, 20 November 2024",
        ]

    def test_a_date_before_two_children_names_each(self, family):
        form, _ = strategy(date(1900, 1, 1), {"ellie": "s47", "sam": "s47"}, family)
        assert form.errors["held_on"] == [
            "The discussion must be on or after Ellie's date of birth, 2 May 2013",
            "The discussion must be on or after Sam's date of birth, 20 November 2024",
        ]

    def test_a_child_left_out_of_the_discussion_does_not_count(self, family):
        form, _ = strategy(date(2024, 11, 19), {"ellie": "s47", "sam": ""}, family)
        assert "held_on" not in form.errors
        assert form.is_valid(), form.errors

    def test_the_referral_counts_too(self, family):
        form, _ = strategy(date(2024, 6, 2), {"ellie": "s47"}, family)
        assert form.errors["held_on"] == [
            "The discussion must be on or after Ellie's referral, 3 June 2024"
        ]

    def test_an_unborn_child_is_named_as_the_page_names_them(self, family):
        form, per_child = strategy(date(2025, 11, 3), {"baby": "s47"}, family)
        assert form.is_valid(), form.errors
        assert per_child[0].child_name == "Unborn baby Jones"
        family["baby"].referral_date = date(2025, 6, 2)
        form, _ = strategy(date(2025, 6, 2), {"baby": "s47"}, family)
        assert form.errors["held_on"] == [
            "The discussion must be on or after 25 August 2025, 40 weeks before Unborn baby "
            "Jones's expected date of birth (1 June 2026)"
        ]

    def test_without_the_children_the_form_checks_what_it_did_before(self):
        form = StrategyForm(
            {
                **boxes("held_on", date(1900, 1, 1)),
                "held_time": "10:00",
                "information_shared": "i",
                "safety_plan": "s",
            }
        )
        assert form.is_valid()


class ConferenceTests:
    def conference(self, day, decisions, family):
        data = {
            **boxes("held_on", day),
            "attendance": "a",
            "quorate": "yes",
            "social_worker_report": "r",
            "views": "v",
        }
        per_child = []
        for name, decision in decisions.items():
            child = family[name]
            data[f"child-{child.pk}-decision"] = decision
            per_child.append(ConferenceChildForm(data, prefix=f"child-{child.pk}", case=child))
        return ConferenceForm(data, per_child=per_child)

    def test_the_date_must_fit_every_child_it_decides_about(self, family):
        form = self.conference(date(2024, 11, 19), {"ellie": "no_plan", "sam": "no_plan"}, family)
        assert form.errors["held_on"] == [
            "The conference must be on or after Sam's date of birth, 20 November 2024"
        ]

    def test_a_child_not_part_of_it_does_not_count(self, family):
        form = self.conference(date(2024, 11, 19), {"ellie": "no_plan", "sam": ""}, family)
        assert "held_on" not in form.errors


class OneChildTests:
    def test_a_core_group_before_the_child_was_born_is_refused(self, family):
        data = {"attendance": "a", "progress": "p", "decisions": "d"}
        form = CoreGroupForm({**data, **boxes("held_on", date(2024, 11, 19))}, case=family["sam"])
        assert form.errors["held_on"] == [
            "The meeting must be on or after Sam's date of birth, 20 November 2024"
        ]
        form = CoreGroupForm({**data, **boxes("held_on", date(2024, 11, 20))}, case=family["sam"])
        assert "held_on" not in form.errors

    def test_an_enquiry_outcome_before_the_referral_is_refused(self, family):
        data = {"version": "1", "outcome": "cin", "no_conference_reason": "r"}
        form = EnquiryForm({**data, **boxes("outcome_on", date(2024, 6, 2))}, case=family["ellie"])
        assert form.errors["outcome_on"] == [
            "The outcome must be on or after Ellie's referral, 3 June 2024"
        ]
        form = EnquiryForm({**data, **boxes("outcome_on", date(2024, 6, 3))}, case=family["ellie"])
        assert form.is_valid(), form.errors
