"""A subject access bundle's leaving care section: the support, the personal adviser, contact,
birthday checks and staying put, with what the young person said, the notes and the former
carers' names flagged for redaction review; nothing of anyone else's; a fixed number of
queries."""

from __future__ import annotations

from datetime import date

import pytest

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.leaving_care.models import AdviserContact, BirthdayCheck, CareLeaver, LivingArrangement
from kith.leaving_care.subject_access import sections
from kith.people.models import Person
from kith.test import make_case, make_person, make_user

pytestmark = pytest.mark.django_db


def supported(worker: User, young: Person | None = None, **fields: object) -> CareLeaver:
    young = young or make_person(first_name="Jade", date_of_birth=date(2005, 2, 1))
    case = make_case(young, worker=worker, referral_date=date(2022, 1, 4))
    fields.setdefault("started_on", date(2023, 2, 1))
    return CareLeaver.objects.create(child=young, case=case, recorded_by=worker, **fields)


def what_happened(leaver: CareLeaver, worker: User) -> None:
    AdviserContact.objects.create(
        leaver=leaver,
        contacted_on=date(2023, 6, 5),
        method="met",
        note="Loves college; her boyfriend Dan is a worry",
        recorded_by=worker,
    )
    AdviserContact.objects.create(
        leaver=leaver, contacted_on=date(2023, 3, 1), method="tried", recorded_by=worker
    )
    BirthdayCheck.objects.create(
        leaver=leaver,
        age=18,
        checked_on=date(2023, 2, 10),
        in_touch="YES",
        activity="F2",
        accommodation="Z",
        suitable=True,
        recorded_by=worker,
    )
    BirthdayCheck.objects.create(
        leaver=leaver,
        age=21,
        checked_on=date(2026, 1, 20),
        in_touch="NO",
        note="Moved away, her aunt says",
        recorded_by=worker,
    )
    LivingArrangement.objects.create(
        leaver=leaver,
        kind="staying_put",
        started_on=date(2023, 2, 1),
        ended_on=date(2024, 8, 31),
        with_whom="Mr and Mrs Okafor",
        recorded_by=worker,
    )


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


def test_the_support_is_in_the_bundle_with_others_flagged(worker):
    adviser = make_user(Role.PERSONAL_ADVISER, first_name="Sam", last_name="Reid")
    leaver = supported(
        worker,
        adviser=adviser,
        adviser_since=date(2023, 2, 1),
        to_25_asked_on=date(2026, 1, 5),
        ended_on=date(2026, 2, 1),
        end_reason="not_wanted",
    )
    what_happened(leaver, worker)
    [section] = sections(leaver.child)
    assert section.title == "Leaving care"
    assert [(e.text, e.names_others) for e in section.entries] == [
        (
            "Leaving care support from 1 February 2023 to 1 February 2026 (no longer wants "
            "support)",
            False,
        ),
        ("Personal adviser: Sam Reid, from 1 February 2023", False),
        ("Asked for support to 25 on 5 January 2026", False),
        ("Tried, but could not reach them, 1 March 2023", False),
        ("Met in person, 5 June 2023", False),
        ("How they were, in their words: Loves college; her boyfriend Dan is a worry", True),
        (
            "Check around the 18th birthday, 10 February 2023: in touch; main activity: "
            "full-time education other than higher education; living: with their former "
            "foster carers (staying put), suitable",
            False,
        ),
        ("Check around the 21st birthday, 20 January 2026: not in touch", False),
        ("Notes: Moved away, her aunt says", True),
        (
            "Staying put (with their former foster carers after 18) from 1 February 2023 to "
            "31 August 2024, with Mr and Mrs Okafor",
            True,
        ),
    ]
    assert section.flagged == 3


def test_a_young_person_with_no_support_has_no_section(worker):
    assert sections(make_person(date_of_birth=date(2005, 2, 1))) == []


def test_another_young_person_s_support_is_not_in_the_bundle(worker):
    what_happened(supported(worker), worker)
    assert sections(make_person(first_name="Ellie")) == []


def test_the_section_is_read_in_a_fixed_number_of_queries(worker, django_assert_num_queries):
    first = supported(worker, ended_on=date(2023, 12, 1), end_reason="not_wanted")
    what_happened(first, worker)
    again = CareLeaver.objects.create(
        child=first.child, case=first.case, started_on=date(2024, 3, 1), recorded_by=worker
    )
    what_happened(again, worker)
    # The support (with the adviser), then its contacts, checks and arrangements.
    with django_assert_num_queries(4):
        [section] = sections(first.child)
    assert len(section.entries) == 16
