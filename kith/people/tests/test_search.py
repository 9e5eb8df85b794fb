from datetime import date

import pytest

from kith.people.search import find_people, parse
from kith.test import make_person


class ParseTests:
    @pytest.mark.parametrize(
        "typed",
        ["14/03/2015", "14-03-2015", "14.03.2015", "2015-03-14", "14 March 2015", "14 Mar 2015"],
    )
    def test_it_reads_a_date_of_birth_in_common_formats(self, typed):
        assert parse(typed).date_of_birth == date(2015, 3, 14)

    def test_an_impossible_date_is_treated_as_words_not_an_error(self):
        terms = parse("31/02/2015")
        assert terms.date_of_birth is None

    def test_it_reads_an_nhs_number_with_or_without_spaces(self):
        assert parse("943 476 5919").nhs_number == "9434765919"
        assert parse("9434765919").nhs_number == "9434765919"

    def test_it_reads_a_upn_in_any_case(self):
        assert parse("b801200005001").upn == "B801200005001"

    def test_it_splits_names_and_a_date(self):
        terms = parse("Ellie Jones 14/03/2015")
        assert terms.names == ["Ellie", "Jones"]
        assert terms.date_of_birth == date(2015, 3, 14)

    def test_blank_is_empty(self):
        assert parse("   ").is_empty


class FindTests:
    @pytest.fixture
    def ellie(self, db):
        return make_person(first_name="Ellie", family_name="Jones", nhs_number="9434765919")

    def test_a_family_name_finds_the_person(self, ellie):
        assert list(find_people(parse("jones"))) == [ellie]

    def test_the_start_of_names_finds_them(self, ellie):
        assert list(find_people(parse("ell jon"))) == [ellie]

    def test_a_preferred_name_finds_them(self, ellie):
        ellie.preferred_name = "Nell"
        ellie.save()
        assert list(find_people(parse("nell"))) == [ellie]

    def test_name_and_date_of_birth_must_both_match(self, ellie):
        assert list(find_people(parse("jones 14/03/2015"))) == [ellie]
        assert list(find_people(parse("jones 15/03/2015"))) == []

    def test_an_nhs_number_finds_them(self, ellie):
        assert list(find_people(parse("943 476 5919"))) == [ellie]

    def test_nothing_typed_finds_nobody(self, ellie):
        assert list(find_people(parse(""))) == []
