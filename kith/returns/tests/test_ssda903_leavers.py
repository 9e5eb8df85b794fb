"""The SSDA903's OC3 table, from the record: the care leavers with a birthday from their 17th to
their 21st in the year, each with the check made around it (a blank row, said in words, when
none was); who is not asked about; the fixed number of queries, however many children."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.management import call_command

from kith.returns.ssda903 import Missing
from kith.returns.tests.builders_903 import (
    birthday_check,
    care,
    child,
    leaver,
    matched,
    of,
    tables,
)
from kith.test import make_user

pytestmark = pytest.mark.django_db

# 17 on 10 September 2025: looked after from 14 to 16 and a half, home in March 2025.
BORN = date(2008, 9, 10)


@pytest.fixture
def by(db):
    return make_user()


def _left_care(by, born=BORN, started=date(2023, 1, 1), ended=date(2025, 3, 1), **fields):
    person = child(born, **fields)
    care(by, person, started, ended=ended, end_reason="E4A")
    return person


def _answers(found, person):
    return [(r["IN_TOUCH"], r["ACTIV"], r["ACCOM"]) for r in of(found["oc3"], person)]


def test_a_care_leaver_is_asked_about_the_birthday_in_the_year(by):
    person = _left_care(by)
    support = leaver(by, person, date(2025, 3, 1))
    birthday_check(by, support, 17, date(2025, 9, 1))
    found = tables(2026)
    assert of(found["oc3"], person) == [
        {
            "CHILD": f"P{person.pk:07d}",
            "DOB": "10/09/2008",
            "IN_TOUCH": "YES",
            "ACTIV": "F2",
            "ACCOM": "D1",
        }
    ]
    # Not looked after in the year: a header (no MOTHER: rule 628) and OC3, nothing else.
    [header] = of(found["header"], person)
    assert (header["MOTHER"], header["MC_DOB"]) == ("", "")
    assert [t for t, rows in found.items() if of(rows, person)] == ["header", "oc3"]
    assert of(tables(2025)["oc3"], person) == []  # their 16th: not a care leaver's birthday


def test_a_birthday_with_no_check_is_a_blank_row_and_said(by):
    person = _left_care(by)
    missing: list[Missing] = []
    found = tables(2027, missing)  # their 18th, 10 September 2026
    assert _answers(found, person) == [("", "", "")]
    assert missing == [
        Missing(
            f"P{person.pk:07d}",
            "oc3",
            "no check recorded around their 18th birthday (10/09/2026): IN_TOUCH, ACTIV and "
            "ACCOM are blank; no leaving care support is recorded for them",
        )
    ]


def test_died_or_returned_home_is_0_and_0_and_the_digit_says_suitable(by):
    died, home, unsuitable, lost = (_left_care(by) for _ in range(4))
    for person, in_touch, fields in [
        (died, "DIED", {"activity": "F2", "accommodation": "D", "suitable": True}),
        (home, "RHOM", {}),
        (unsuitable, "YES", {"activity": "G5", "accommodation": "U", "suitable": False}),
        (lost, "NO", {}),
    ]:
        support = leaver(by, person, date(2025, 3, 1))
        birthday_check(by, support, 17, date(2025, 8, 20), in_touch, **fields)
    found = tables(2026)
    assert _answers(found, died) == [("DIED", "0", "0")]  # whatever else was said (rule 344)
    assert _answers(found, home) == [("RHOM", "0", "0")]
    assert _answers(found, unsuitable) == [("YES", "G5", "U2")]
    assert _answers(found, lost) == [("NO", "0", "0")]  # not in touch: nothing known


def test_a_death_stays_reported_in_the_years_after(by):
    person = _left_care(by, born=date(2006, 6, 1), started=date(2021, 1, 1), ended=date(2024, 6, 1))
    support = leaver(by, person, date(2024, 6, 1))
    birthday_check(by, support, 19, date(2025, 6, 1), "DIED")
    assert _answers(tables(2026), person) == [("DIED", "0", "0")]
    assert _answers(tables(2027), person) == [("DIED", "0", "0")]  # their 20th (rule 348)


def test_who_is_not_asked_about(by):
    still = child(BORN)  # looked after on their 17th birthday (rule 1007)
    care(by, still, date(2023, 1, 1))
    on_the_day = _left_care(by, ended=BORN.replace(year=2025))  # left on it (rule 1016)
    too_short = _left_care(by, started=date(2024, 12, 1))  # under 13 weeks since 14
    before_16 = _left_care(by, started=date(2023, 1, 1), ended=date(2024, 9, 1))  # none after 16
    adopted = child(BORN)  # adopted at 16 (rule 1001)
    period = care(by, adopted, date(2022, 1, 1), ended=date(2025, 1, 10), end_reason="E11")
    matched(by, period, date(2023, 1, 1), date(2024, 6, 1))
    found = tables(2026)
    for person in (still, on_the_day, too_short, before_16, adopted):
        assert of(found["oc3"], person) == [], person
    # The one still looked after is in the return as a looked-after child.
    assert len(of(found["episodes"], still)) == 1
    # Past 21 on the collection year's start: no birthday of the care leavers' in it.
    assert of(tables(2031)["oc3"], too_short) == of(tables(2031)["header"], too_short) == []


def test_recorded_support_counts_where_kith_holds_no_care_history(by):
    """A young person imported from an earlier return with only their OC3 row: their support
    is what Kith holds, and they are asked about their 20th birthday."""
    person = child(date(2005, 11, 2))
    care(by, person, date(2024, 1, 1), ended=date(2024, 1, 2), end_reason="E4A")  # a case
    support = leaver(by, person, date(2023, 11, 2))
    birthday_check(by, support, 20, date(2025, 11, 1), "NREQ")
    assert _answers(tables(2026), person) == [("NREQ", "0", "0")]


def test_the_return_is_read_in_a_fixed_number_of_queries(by, django_assert_max_num_queries):
    def authority(n):
        for i in range(n):
            person = _left_care(by, born=date(2008, 5, 1 + i))
            birthday_check(by, leaver(by, person, date(2025, 3, 1)), 17, date(2025, 5, 1))
            adopted = child(date(2021, 1, 1 + i))
            period = care(
                by,
                adopted,
                date(2023, 1, 1),
                ended=date(2026, 1, 1 + i),
                end_reason="E12",
                moves={date(2025, 6, 1): {"kind": "A6", "urn": "XXXXXXX"}},
            )
            matched(by, period, date(2024, 1, 1), date(2025, 5, 1))
            care(by, child(date(2014, 1, 1)), date(2025, 6, 1 + i))

    authority(3)
    with django_assert_max_num_queries(17) as few:
        small = tables(2026)
    authority(9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        found = tables(2026)
    assert (len(small["oc3"]), len(small["ad1"])) == (3, 3)
    assert (len(found["oc3"]), len(found["ad1"]), len(found["header"])) == (12, 12, 36)


def test_the_export_says_what_the_record_lacks(by, tmp_path):
    person = _left_care(by)
    out = io.StringIO()
    call_command("export_ssda903", "--year", "2027", "--output", str(tmp_path / "903"), stdout=out)
    printed = out.getvalue()
    assert re.search(r"oc3\.csv +1 row\n", printed), printed
    assert "What the record lacks for 1 child (blank in the files until it is recorded):" in printed
    assert f"P{person.pk:07d} oc3.csv: no check recorded around their 18th birthday" in printed
    assert "Not written" not in printed  # every table is
