"""Rules about people, each at its edges: relationship words, postcodes, what is missing. The
duplicate scan's rules are in test_duplicates.py."""

from datetime import date

import pytest

from kith.people.models import Person
from kith.people.postcodes import normalise_postcode
from kith.people.relationships import RelationshipKind, word_for_first, word_for_second
from kith.people.rules import missing_details

TODAY = date(2026, 11, 21)


class RelationshipWordTests:
    @pytest.mark.parametrize(
        ("kind", "first_sex", "second_sex", "first_word", "second_word"),
        [
            (RelationshipKind.MOTHER, "F", "F", "Mother", "Daughter"),
            (RelationshipKind.MOTHER, "F", "M", "Mother", "Son"),
            (RelationshipKind.FATHER, "M", "U", "Father", "Child"),
            (RelationshipKind.PARENT, "U", "F", "Parent", "Daughter"),
            (RelationshipKind.SIBLING, "M", "F", "Brother", "Sister"),
            (RelationshipKind.HALF_SIBLING, "F", "U", "Half-sister", "Half-sibling"),
            (RelationshipKind.GRANDPARENT, "F", "M", "Grandmother", "Grandson"),
            (RelationshipKind.STEP_PARENT, "M", "F", "Stepfather", "Stepdaughter"),
            (RelationshipKind.AUNT_UNCLE, "M", "F", "Uncle", "Niece"),
            (RelationshipKind.PARTNER, "F", "M", "Partner", "Partner"),
        ],
    )
    def test_each_side_gets_its_own_word(
        self, kind, first_sex, second_sex, first_word, second_word
    ):
        assert word_for_first(kind, first_sex) == first_word
        assert word_for_second(kind, second_sex) == second_word


class PostcodeTests:
    @pytest.mark.parametrize(
        ("typed", "normal"),
        [
            ("wh12ab", "WH1 2AB"),
            (" SW1A 1AA ", "SW1A 1AA"),
            ("m1 1ae", "M1 1AE"),
            ("CR26XH", "CR2 6XH"),
            ("DN55 1PT", "DN55 1PT"),
            ("W1A 0AX", "W1A 0AX"),
            ("GIR 0AA", "GIR 0AA"),
        ],
    )
    def test_real_formats_are_normalised(self, typed, normal):
        assert normalise_postcode(typed) == normal

    @pytest.mark.parametrize(
        "typed", ["", "WH1", "12345", "WH1 2A", "QH1 2AB", "WH1 2CI", "WH1 2AB X"]
    )
    def test_anything_else_is_not_a_postcode(self, typed):
        assert normalise_postcode(typed) is None


class MissingDetailsTests:
    def gaps(self, person, current=("home",)):
        return [g.message for g in missing_details(person, TODAY, list(current))]

    def child(self, **fields):
        base = {
            "first_name": "Ellie",
            "family_name": "Jones",
            "date_of_birth": date(2015, 3, 14),
            "sex": "F",
            "nhs_number": "9434765919",
            "upn": "B801200005001",
            "ethnicity": "WBRI",
            "disabilities": ["NONE"],
            "first_language": "English",
        }
        return Person(**{**base, **fields})

    def test_a_complete_child_has_no_gaps(self):
        assert self.gaps(self.child()) == []

    def test_a_child_with_no_nhs_number(self):
        assert "No NHS number for a child" in self.gaps(self.child(nhs_number=""))

    def test_an_adult_with_no_nhs_number_is_not_a_gap(self):
        assert self.gaps(self.child(date_of_birth=date(1990, 1, 1), nhs_number="", upn="")) == []

    def test_a_upn_is_needed_from_age_5_not_before(self):
        four = self.child(date_of_birth=date(2021, 11, 22), upn="")
        five = self.child(date_of_birth=date(2021, 11, 21), upn="")
        assert "No UPN for a child of school age" not in self.gaps(four)
        assert "No UPN for a child of school age" in self.gaps(five)

    def test_ethnicity_not_obtained_sex_unknown_and_disability_unrecorded(self):
        gaps = self.gaps(self.child(ethnicity="NOBT", sex="U", disabilities=[]))
        assert "Ethnicity not yet obtained" in gaps
        assert "Sex not recorded" in gaps
        assert "Disability not recorded (choose 'No disability' if none)" in gaps

    def test_no_current_address(self):
        assert "No current address" in self.gaps(self.child(), current=())

    def test_an_unborn_child_needs_no_nhs_number_sex_or_disability_yet(self):
        unborn = Person(
            family_name="Jones",
            expected_date_of_birth=date(2027, 2, 1),
            sex="U",
            first_language="English",
            ethnicity="WBRI",
        )
        assert self.gaps(unborn) == []

    def test_no_date_of_birth(self):
        assert "No date of birth" in self.gaps(self.child(date_of_birth=None))
