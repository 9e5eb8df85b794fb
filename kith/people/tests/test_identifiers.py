import random

import pytest

from kith.people.identifiers import (
    demo_nhs_number,
    demo_upn,
    format_nhs_number,
    is_valid_nhs_number,
    is_valid_upn,
)


class NhsNumberTests:
    def test_a_known_good_number_passes_its_check_digit(self):
        assert is_valid_nhs_number("9434765919")

    def test_one_wrong_digit_fails(self):
        assert not is_valid_nhs_number("9434765918")

    def test_it_is_printed_in_three_groups(self):
        assert format_nhs_number("9434765919") == "943 476 5919"
        assert format_nhs_number("") == ""

    def test_demo_numbers_are_valid_and_from_the_never_issued_999_range(self):
        rng = random.Random(1)
        numbers = [demo_nhs_number(rng) for _ in range(2000)]
        assert all(n.startswith("999") and len(n) == 10 for n in numbers)
        assert all(is_valid_nhs_number(n) for n in numbers)


class UpnTests:
    def test_a_known_good_upn_passes_its_check_letter(self):
        assert is_valid_upn("B801200005001")

    def test_a_wrong_check_letter_fails(self):
        assert not is_valid_upn("A801200005001")

    @pytest.mark.parametrize("la", ["938", "201", "800"])
    def test_demo_upns_are_valid_for_the_authority_and_from_a_never_issued_school_range(self, la):
        rng = random.Random(2)
        upns = [demo_upn(rng, la) for _ in range(2000)]
        assert all(is_valid_upn(u) for u in upns)
        assert all(u[1:4] == la for u in upns)
        assert all(u[4] == "0" for u in upns)  # school numbers below 1000 are never issued
