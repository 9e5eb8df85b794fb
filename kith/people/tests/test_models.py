from datetime import date

from kith.people.models import Person


def test_age_turns_over_on_the_birthday_not_before():
    ellie = Person(date_of_birth=date(2015, 3, 14))
    assert ellie.age_on(date(2025, 3, 13)) == 9
    assert ellie.age_on(date(2025, 3, 14)) == 10


def test_a_leap_day_birthday_turns_over_on_1_march_in_other_years():
    leap = Person(date_of_birth=date(2012, 2, 29))
    assert leap.age_on(date(2025, 2, 28)) == 12
    assert leap.age_on(date(2025, 3, 1)) == 13


def test_no_date_of_birth_no_age():
    assert Person().age_on(date(2025, 1, 1)) is None
    assert Person().is_child is False


def test_the_nhs_number_is_shown_in_groups():
    assert Person(nhs_number="9434765919").nhs_number_display == "943 476 5919"
