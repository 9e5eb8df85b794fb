"""The SSDA903's adoption tables and earlier permanence, from the record: AD1 for a child
adopted in the year, PlacedAdoption for each decision standing in it, PREV_PERM with its date
and authority; what the record lacks written blank and said, never guessed."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from kith.returns.ssda903 import Missing
from kith.returns.tests.builders_903 import (
    adoption_plan,
    care,
    child,
    matched,
    of,
    tables,
)
from kith.test import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def by(db):
    return make_user()


def _adopted(by, ended: date, **plan):
    """In care from 2023, a placement order in June 2024, placed with their foster carers for
    adoption (A5) in June 2025, adopted (E11) on `ended`."""
    person = child(date(2022, 2, 1))
    period = care(
        by,
        person,
        date(2023, 5, 1),
        ended=ended,
        end_reason="E11",
        statuses={date(2024, 6, 1): "E1"},
        moves={date(2025, 6, 1): {"kind": "A5", "urn": "XXXXXXX"}},
    )
    matched(by, period, date(2024, 3, 1), date(2025, 5, 1), **plan)
    return person


def test_a_child_adopted_in_the_year_has_their_adoption_in_ad1(by):
    person = _adopted(by, date(2026, 1, 15), foster_carers_adopting=None)
    later = _adopted(by, date(2026, 4, 10))  # after 31 March: next year's
    missing: list[Missing] = []
    found = tables(2026, missing)
    assert of(found["ad1"], person) == [
        {
            "CHILD": f"P{person.pk:07d}",
            "DOB": "01/02/2022",
            "DATE_INT": "01/03/2024",
            "DATE_MATCH": "01/05/2025",
            "FOSTER_CARE": "1",  # not recorded: A5 is a placement with the foster carers
            "NB_ADOPTR": "2",
            "SEX_ADOPTR": "MF",
            "LS_ADOPTR": "L11",
        }
    ]
    assert of(found["ad1"], later) == []
    # The decision stands in the year for both (DATE_PLACED is the decision's date).
    for adopted in (person, later):
        [placed] = of(found["placed_for_adoption"], adopted)
        assert (placed["DATE_PLACED"], placed["DATE_PLACED_CEASED"]) == ("01/03/2024", "")
    assert missing == []
    assert of(tables(2027)["ad1"], later)[0]["FOSTER_CARE"] == "0"  # as recorded
    assert of(tables(2025)["ad1"], person) == []  # adopted in the year after


def test_a_decision_that_no_longer_stands_has_its_date_and_reason(by):
    person = child(date(2021, 7, 1))
    period = care(by, person, date(2023, 1, 10))
    adoption_plan(by, period, date(2024, 2, 1), ended_on=date(2025, 3, 20), end_reason="RD3")
    adoption_plan(by, period, date(2025, 5, 1), ended_on=date(2025, 11, 3), end_reason="RD1")
    adoption_plan(by, period, date(2026, 1, 5), ended_on=date(2026, 4, 2), end_reason="RD2")
    found = [
        (r["DATE_PLACED"], r["DATE_PLACED_CEASED"], r["REASON_PLACED_CEASED"])
        for r in of(tables(2026)["placed_for_adoption"], person)
    ]
    assert found == [
        # The first ended before the year (last year's return said so).
        ("01/05/2025", "03/11/2025", "RD1"),
        ("05/01/2026", "", ""),  # still standing on 31 March
    ]
    last_year = of(tables(2025)["placed_for_adoption"], person)
    assert [(r["DATE_PLACED"], r["REASON_PLACED_CEASED"]) for r in last_year] == [
        ("01/02/2024", "RD3")
    ]


def test_what_the_record_lacks_is_left_blank_and_said(by):
    order = child(date(2020, 1, 1))
    care(by, order, date(2024, 1, 1), statuses={date(2025, 6, 1): "E1"})
    went_home = child(date(2020, 1, 1))
    period = care(by, went_home, date(2024, 1, 1), ended=date(2025, 12, 1), end_reason="E13")
    adoption_plan(by, period, date(2025, 5, 1))
    unknown = _adopted(by, date(2026, 2, 1), matched_on=None, adopters_sex="", adopters_number=None)
    missing: list[Missing] = []
    found = tables(2026, missing)
    assert of(found["placed_for_adoption"], order) == []  # nothing to write: no decision
    [ad1] = of(found["ad1"], unknown)
    assert (ad1["DATE_INT"], ad1["DATE_MATCH"], ad1["NB_ADOPTR"], ad1["SEX_ADOPTR"]) == (
        "01/03/2024",
        "",
        "",
        "",
    )
    said = {(m.child, m.table): m.what for m in missing}
    assert said[(f"P{order.pk:07d}", "placed_for_adoption")].startswith(
        "a placement order (E1) from 01/06/2025, but no decision that they should be adopted"
    )
    assert "still standing" in said[(f"P{went_home.pk:07d}", "placed_for_adoption")]
    assert said[(f"P{unknown.pk:07d}", "ad1")] == (
        "adopted on 01/02/2026, but the record has no the date of the match, how many adopters, "
        "who the adopters are (SEX_ADOPTR): blank in AD1"
    )


def test_an_earlier_order_has_its_date_and_authority(by):
    # Special guardianship from Kith's own care in 2023, back in care in the year: the order's
    # date and this authority, though the worker recorded only that there was one.
    guarded = child(date(2015, 4, 1))
    care(by, guarded, date(2021, 1, 4), ended=date(2023, 8, 14), end_reason="E45")
    care(by, guarded, date(2025, 9, 1), previous_permanence="P2")
    # Adopted in Wales, as the worker found out: as recorded.
    adopted = child(date(2014, 4, 1))
    care(
        by,
        adopted,
        date(2025, 10, 1),
        previous_permanence="P1",
        previous_permanence_on=date(2016, 5, 3),
        previous_permanence_la="WAL",
    )
    not_known = child(date(2014, 4, 1))
    care(by, not_known, date(2025, 10, 1), previous_permanence="P4")
    none = child(date(2014, 4, 1))
    care(by, none, date(2025, 10, 1))
    missing: list[Missing] = []
    found = tables(2026, missing)

    def said(person):
        [row] = of(found["previous_permanence"], person)
        return row["PREV_PERM"], row["DATE_PERM"], row["LA_PERM"]

    assert said(guarded) == ("P2", "14/08/2023", settings.KITH_LA_CODE)
    assert said(adopted) == ("P1", "03/05/2016", "WAL")
    assert said(not_known) == ("P4", "", "")
    assert said(none) == ("Z1", "", "")
    assert [(m.child, m.what) for m in missing] == [
        (f"P{not_known.pk:07d}", "not known whether they had an earlier permanence order (P4)")
    ]
