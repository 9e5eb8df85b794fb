"""The corruption generator the search and scan tests and benchmarks share (bench/corruption.py):
each kind of error does what it says, and the same seed makes the same copies."""

import random
from datetime import date

import jellyfish
import pytest

from bench.corruption import (
    DESTRUCTIVE,
    KINDS,
    SLIPS,
    Record,
    applicable,
    corrupt,
    easy_set,
    hard_set,
    one_slip_in_the_names,
    slips_in_both_names,
    twins,
)
from kith.people.terms import digits

NOAH = Record(1, "Noah", "Bishop", date(2015, 3, 4), "M", "WH1 2AB")
ANWEN = Record(2, "Anwen", "Pryce-Jones", date(2012, 11, 23), "F", "CW9 9ZZ")
FAMILY_NAMES = ["Evans", "Jones", "Khan", "Lee"]


def made(kind, record=NOAH, seed=0):
    return corrupt(random.Random(seed), record, 1, kinds=[kind], family_names=FAMILY_NAMES)


@pytest.mark.parametrize("kind", SLIPS)
def test_a_slip_is_one_edit_to_one_name(kind):
    for seed in range(30):
        copy = made(kind, seed=seed).record
        changed = [
            (a.lower(), b.lower())
            for a, b in ((NOAH.first, copy.first), (NOAH.family, copy.family))
            if a.lower() != b.lower()
        ]
        assert len(changed) == 1
        was, now = changed[0]
        # A look-alike may be two letters for one ("rn" for "m"): still one slip of the eye.
        assert jellyfish.damerau_levenshtein_distance(was, now) <= 2
        assert copy.born == NOAH.born


def test_dates_keep_to_their_kind():
    assert made("day and month swapped").record.born == date(2015, 4, 3)
    assert made("date missing").record.born is None
    for seed in range(20):
        wrong = made("date digit wrong", seed=seed).record.born
        assert wrong and sum(a != b for a, b in zip(digits(wrong), "04032015", strict=True)) == 1


def test_two_digits_transposed_are_next_to_each_other_and_swapped():
    for seed in range(20):
        turned = made("date digits transposed", ANWEN, seed=seed).record.born
        was, now = digits(ANWEN.born), digits(turned)
        differ = [i for i in range(8) if was[i] != now[i]]
        assert len(differ) == 2 and differ[1] == differ[0] + 1
        assert (was[differ[0]], was[differ[1]]) == (now[differ[1]], now[differ[0]])


def test_a_date_with_no_transposition_in_the_past_does_not_get_one():
    # 22/02/2022: 22 reads the same turned round, 20 is no month, and 2202 is yet to come.
    assert not applicable("date digits transposed", Record(9, "A", "B", date(2022, 2, 22)))


def test_names_keep_to_their_kind():
    swapped = made("names swapped").record
    assert (swapped.first, swapped.family) == ("Bishop", "Noah")
    assert made("nickname", Record(3, "William", "Evans", None)).record.first in {
        "Will", "Bill", "Billy", "Liam", "Willie", "Wil"
    }  # fmt: skip
    assert made("family name changed").record.family in FAMILY_NAMES
    assert made("family name split or joined", ANWEN).record.family in {"PryceJones", "Pryce Jones"}
    missing = made("name missing").record
    assert "" in (missing.first, missing.family)


def test_a_kind_that_does_not_fit_is_not_made():
    assert made("family name split or joined").errors == ()  # Bishop has no hyphen
    assert made("day and month swapped", ANWEN).errors == ()  # 23 cannot be a month


def test_the_same_seed_makes_the_same_copies():
    records = [NOAH, ANWEN] * 10
    assert hard_set(random.Random(5), records, FAMILY_NAMES) == hard_set(
        random.Random(5), records, FAMILY_NAMES
    )
    assert easy_set(random.Random(5), records) != easy_set(random.Random(6), records)


def test_the_hard_set_has_two_or_three_errors_on_fields_of_their_own():
    for copy in hard_set(random.Random(1), [NOAH, ANWEN] * 50, FAMILY_NAMES):
        assert 2 <= len(copy.errors) <= 3
        assert len(set(copy.errors) & DESTRUCTIVE) <= 1
        r, original = copy.record, NOAH if copy.of == NOAH.pk else ANWEN
        changed = [f for f in ("first", "family", "born") if getattr(r, f) != getattr(original, f)]
        swapped = "names swapped" in copy.errors
        # Every error changed a field of its own (names swapped changes two).
        assert len(changed) == len(copy.errors) + swapped


def test_the_easy_set_has_one_error_and_the_slips_no_date():
    assert all(len(c.errors) == 1 for c in easy_set(random.Random(1), [NOAH, ANWEN] * 20))
    slips = one_slip_in_the_names(random.Random(1), [NOAH, ANWEN] * 20)
    assert all(c.record.born is None and c.errors[0] in KINDS for c in slips)


def test_a_twin_shares_family_birthday_and_home_not_the_first_name():
    twin = twins(random.Random(1), [NOAH], ["Noah", "Seren"])[0].record
    assert (twin.first, twin.family, twin.born, twin.postcode) == (
        "Seren", "Bishop", NOAH.born, NOAH.postcode
    )  # fmt: skip


def test_the_hard_names_set_has_two_errors_in_the_names_and_no_date():
    for copy in slips_in_both_names(random.Random(1), [NOAH, ANWEN] * 20):
        assert copy.record.born is None
        assert 1 <= len(copy.errors) <= 2  # names swapped leaves no name free for a second
        assert len(copy.errors) == 2 or copy.errors == ("names swapped",)
