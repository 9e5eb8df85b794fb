"""Identifiers, names and what is typed into "Find a person", fed what nobody thought to write
down (hypothesis): the checks catch every slip they promise to, and nothing typed breaks them."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.gb import nhs

from kith.people import names
from kith.people.identifiers import (
    demo_upn,
    format_nhs_number,
    is_valid_nhs_number,
    is_valid_upn,
)
from kith.people.terms import near_dates, parse
from kith.people.vocabulary import SHORTEST, variant_keys

NINE_DIGITS = st.text("0123456789", min_size=9, max_size=9)
WORDS = st.text("abcdefghijklmnopqrstuvwxyz", min_size=SHORTEST, max_size=12)


def check_digit(body: str) -> str:
    """The digit that makes `body` a valid NHS number, or "10" when there is none (such
    numbers are never issued)."""
    return next((d for d in "0123456789" if nhs.checksum(body + d) == 0), "10")


def nhs_number(body: str) -> str:
    return body + check_digit(body)


@given(NINE_DIGITS)
def test_an_nhs_number_survives_being_printed_and_typed_back(body):
    assume(check_digit(body) != "10")  # such a number is never issued
    number = nhs_number(body)
    assert is_valid_nhs_number(number)
    assert is_valid_nhs_number(format_nhs_number(number).replace(" ", ""))


@given(NINE_DIGITS, st.integers(0, 9), st.integers(1, 9))
def test_one_digit_typed_wrong_in_an_nhs_number_is_always_caught(body, where, change):
    assume(check_digit(body) != "10")
    number = nhs_number(body)
    wrong = number[:where] + str((int(number[where]) + change) % 10) + number[where + 1 :]
    assert not is_valid_nhs_number(wrong)


@given(NINE_DIGITS, st.integers(0, 8))
def test_two_digits_the_wrong_way_round_in_an_nhs_number_are_always_caught(body, where):
    assume(check_digit(body) != "10")
    number = nhs_number(body)
    assume(number[where] != number[where + 1])
    swapped = number[:where] + number[where + 1] + number[where] + number[where + 2 :]
    assert not is_valid_nhs_number(swapped)


@given(st.integers(0, 2**32), st.integers(1, 12), st.sampled_from("0123456789"))
def test_one_digit_typed_wrong_in_a_upn_is_always_caught(seed, where, other):
    # (Mod 23 over a 33-character alphabet cannot catch every letter for a digit: "0" and
    # "A" weigh the same. A UPN's twelve after the check letter are digits when typed.)
    upn = demo_upn(random.Random(seed), "938")
    assert is_valid_upn(upn)
    assume(upn[where] != other)
    assert not is_valid_upn(upn[:where] + other + upn[where + 1 :])


@given(st.text(max_size=300))
def test_nothing_typed_into_find_a_person_breaks_the_reading_of_it(text):
    terms = parse(text)
    assert len(terms.names) <= 5 and all(len(n) >= 2 for n in terms.names)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), WORDS)
def test_a_date_typed_with_a_name_is_read_as_the_date_of_birth(day, name):
    assert parse(f"{name} {day:%d/%m/%Y}").date_of_birth == day


@given(st.dates(min_value=date(1990, 1, 1), max_value=date.today()))
def test_a_date_near_another_is_near_it_both_ways(day):
    # Among dates a child may have been born on: from 1900 to today.
    for other in near_dates(day):
        assert day in near_dates(other)


@given(WORDS, st.data())
def test_a_name_one_slip_away_always_shares_a_key_with_it(name, data):
    kind = data.draw(st.sampled_from(["leave out", "add", "change", "swap"]))
    i = data.draw(st.integers(0, len(name) - 2))
    letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    slipped = {
        "leave out": name[:i] + name[i + 1 :],
        "add": name[:i] + letter + name[i:],
        "change": name[:i] + letter + name[i + 1 :],
        "swap": name[:i] + name[i + 1] + name[i] + name[i + 2 :],
    }[kind]
    assume(len(slipped) >= SHORTEST)
    assert names.typo_distance(name, slipped) <= 1
    assert variant_keys(name, 1) & variant_keys(slipped, 1)


@given(WORDS, WORDS)
def test_the_distance_between_two_names_is_the_same_both_ways(a, b):
    assert names.typo_distance(a, b) == names.typo_distance(b, a)
    assert (names.typo_distance(a, b) == 0) == (a == b)
