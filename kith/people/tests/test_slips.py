"""Finding the right child when the details typed are wrong: a slip in a name with no date of
birth, a date with a digit wrong, and every kind of error the corruption generator makes."""

import random
from datetime import date

import pytest

from bench.corruption import KINDS, NAME_KINDS, Record, corrupt
from kith.people import vocabulary
from kith.people.actions import index_names
from kith.people.models import NameVariant, OtherName
from kith.people.search import parse, search
from kith.people.terms import DAY_AND_MONTH, ONE_DIGIT, TRANSPOSED, near_dates
from kith.test import make_person

# A small authority: enough people sharing names that a search must rank, not just find.
FIRST = ["Noah", "Jacob", "Ellie", "Amelia", "Oliver", "Isla", "Rhys", "Seren", "Harry", "Ava"]
FAMILY = ["Bishop", "Bradshaw", "Jones", "Evans", "Smith-Jones", "Pritchard", "Khan", "Lee"]


@pytest.fixture
def authority(db):
    rng = random.Random(7)
    people = []
    for i, first in enumerate(FIRST):
        for j, family in enumerate(FAMILY):
            born = date(2008 + (i + j) % 10, 1 + (i * 3 + j) % 12, 1 + (i * 7 + j * 3) % 28)
            people.append(make_person(first_name=first, family_name=family, date_of_birth=born))
    rng.shuffle(people)
    return people


def top(text, n=5):
    return [m.person for m in search(parse(text), limit=n)]


class OneSlipWithoutADateTests:
    def test_a_slip_in_a_short_first_name(self, authority):
        noah = next(p for p in authority if p.full_name == "Noah Bishop")
        assert top("noag bishop", 1) == [noah]

    def test_the_last_letter_left_off_a_family_name(self, authority):
        jacob = next(p for p in authority if p.full_name == "Jacob Bradshaw")
        assert top("jacob bradsha", 1) == [jacob]

    def test_the_reason_says_which_name_it_is_spelt_like(self, authority):
        reasons = search(parse("noag bishop"))[0].reasons
        assert "First name Noah is spelt like Noag" in reasons

    def test_a_word_of_up_to_five_letters_allows_one_slip_not_two(self, db):
        vocabulary.learn(["megan"])
        assert vocabulary.near(["megn", "mgen"]) == {"megn": {"megan"}, "mgen": set()}

    def test_a_word_of_six_letters_or_more_allows_two_slips_not_three(self, db):
        vocabulary.learn(["okonkwo"])
        found = vocabulary.near(["okokwoo", "kknkwoo"])
        assert found == {"okokwoo": {"okonkwo"}, "kknkwoo": set()}

    def test_a_name_too_far_from_any_is_not_given_as_a_reason(self, db):
        make_person(first_name="Ifeoma", family_name="Okonkwo")
        match = search(parse("ifeoma kknkwoo"))[0]
        assert match.reasons == ["First name matches"]


class MistypedDateTests:
    def test_one_wrong_digit_still_ranks_the_right_child_first(self, db):
        ellie = make_person(
            first_name="Ellie", family_name="Jones", date_of_birth=date(2015, 3, 14)
        )
        make_person(first_name="Ellie", family_name="Jones", date_of_birth=date(2012, 1, 2))
        match = search(parse("ellie jones 14/03/2016"))[0]
        assert match.person == ellie
        assert "Date of birth is one digit different" in match.reasons

    def test_two_digits_the_wrong_way_round(self, db):
        ellie = make_person(
            first_name="Ellie", family_name="Jones", date_of_birth=date(2015, 12, 21)
        )
        make_person(first_name="Ellie", family_name="Jones", date_of_birth=date(2012, 1, 2))
        match = search(parse("ellie jones 12/12/2015"))[0]
        assert match.person == ellie
        assert "Date of birth has two digits the wrong way round" in match.reasons

    def test_one_name_and_a_wrong_digit_find_the_child_among_many_of_that_name(self, db):
        for n in range(40):
            make_person(first_name="Jacob", family_name=f"Other{n}", date_of_birth=date(2010, 5, 1))
        wanted = make_person(
            first_name="Jacob", family_name="Bradshaw", date_of_birth=date(2015, 3, 14)
        )
        assert top("jacob 14/03/2016", 1) == [wanted]

    def test_a_date_nowhere_near_adds_nothing(self, db):
        make_person(first_name="Ellie", family_name="Jones", date_of_birth=date(2015, 3, 14))
        match = search(parse("ellie jones 01/07/2009"))[0]
        assert not any("Date of birth" in r for r in match.reasons)


class NearDatesTests:
    def test_each_kind_of_slip_in_a_date(self):
        near = near_dates(date(2015, 3, 4))
        assert near[date(2015, 4, 3)] == DAY_AND_MONTH
        assert near[date(2016, 3, 4)] == ONE_DIGIT
        assert near[date(2015, 3, 14)] == ONE_DIGIT
        assert date(2015, 3, 4) not in near

    def test_digits_are_transposed_within_the_day_month_or_year_only(self):
        near = near_dates(date(2015, 12, 21))
        assert near[date(2015, 12, 12)] == TRANSPOSED
        assert date(2051, 12, 21) not in near  # not born yet
        # 21/01/2001 with the day's 1 and the month's 0 swapped reads 20/11/2001: not a slip
        # within one part of the date, so not near.
        assert date(2001, 11, 20) not in near_dates(date(2001, 1, 21))
        assert all(1900 <= d.year <= date.today().year for d in near)

    def test_impossible_dates_are_left_out(self):
        near = near_dates(date(2016, 2, 20))
        assert (2, 30) not in {(d.month, d.day) for d in near}  # 30 February
        assert date(2016, 2, 10) in near


class VocabularyTests:
    def test_the_keys_of_a_name_leave_out_one_letter_or_two(self):
        keys = vocabulary.variant_keys("noah", 1)
        assert keys == {"noah", "oah", "nah", "noh", "noa"}
        assert "bdshaw" in vocabulary.variant_keys("bradshaw", 2)

    def test_a_name_is_learnt_once(self, db):
        assert vocabulary.learn(["noah"]) == 1
        assert vocabulary.learn(["noah"]) == 0
        assert NameVariant.objects.filter(name="noah").count() == 5

    def test_short_names_are_kept_whole(self, db):
        vocabulary.learn(["jo"])
        assert list(NameVariant.objects.filter(name="jo").values_list("key", flat=True)) == ["jo"]

    def test_near_finds_names_within_the_slips_allowed(self, db):
        vocabulary.learn(["noah", "nora", "bradshaw"])
        found = vocabulary.near(["noag", "bradsah", "brdsah"])
        assert found["noag"] == {"noah"}  # nora is two slips away
        assert found["bradsah"] == {"bradshaw"}
        assert found["brdsah"] == set()  # three slips


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_of_error_still_finds_the_child_with_names_and_date(authority, kind):
    """One error of each kind the generator makes, on each of several children, typed with
    the date of birth: the child is in the top five."""
    rng = random.Random(kind)
    family_names = sorted({p.family_name for p in authority})
    tried = 0
    for person in authority:
        if tried == 12:
            break
        record = Record(person.pk, person.first_name, person.family_name, person.date_of_birth)
        copy = corrupt(rng, record, 1, kinds=[kind], family_names=family_names)
        if not copy.errors:
            continue  # not possible on this record (no hyphen to split, say)
        tried += 1
        r = copy.record
        text = " ".join(w for w in (r.first, r.family) if w)
        text += f" {r.born:%d/%m/%Y}" if r.born else ""
        assert copy.errors == (kind,)
        assert person in top(text), f"{kind}: {text!r} did not find {person}"
    assert tried == 12 or (kind == "family name split or joined" and tried == len(FIRST))


@pytest.mark.parametrize("kind", NAME_KINDS)
def test_every_kind_of_slip_finds_the_child_without_a_date(authority, kind):
    rng = random.Random(kind)
    for person in authority[:12]:
        record = Record(person.pk, person.first_name, person.family_name, None)
        r = corrupt(rng, record, 1, kinds=[kind]).record
        assert person in top(f"{r.first} {r.family}"), f"{kind}: {r.first} {r.family}"


def test_a_double_barrelled_name_is_found_written_as_one_word(authority):
    wanted = next(p for p in authority if p.full_name == "Isla Smith-Jones")
    assert top("isla smithjones", 1) == [wanted]


class RankingTests:
    def test_a_name_someone_is_known_by_now_ranks_above_a_former_or_middle_one(self, db):
        now = make_person(first_name="Lisa", family_name="Matthews")
        once = make_person(first_name="Lisa", family_name="Davison")
        OtherName.objects.create(person=once, kind="previous_family_name", family_name="Matthews")
        index_names(once)
        middle = make_person(first_name="Karl", middle_names="Lisa", family_name="Matthews")
        found = top("lisa mattghews")
        assert found[0] == now
        assert set(found[1:3]) == {once, middle}

    def test_names_in_the_order_typed_rank_above_the_same_names_swapped(self, db):
        swapped = make_person(first_name="George", family_name="Thomas")
        thomas = make_person(first_name="Thomas", family_name="George")
        assert top("thomas georye")[:2] == [thomas, swapped]
        assert top("george thomas")[:2] == [swapped, thomas]


def test_a_year_before_1000_is_read_without_failing(db):
    make_person(first_name="Ellie", family_name="Jones")
    assert search(parse("ellie 01/01/0999")) is not None
    assert near_dates(date(999, 1, 1)) == {date(1999, 1, 1): ONE_DIGIT}
