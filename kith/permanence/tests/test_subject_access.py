"""A subject access bundle's permanence section: the meetings, the plan for adoption and a
long-term fostering match, with the adopters' details, the carers' names and what was decided
flagged for redaction review; nothing of anyone else's; a fixed number of queries."""

from __future__ import annotations

from datetime import date

import pytest

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care.models import CarePeriod
from kith.people.models import Person
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting
from kith.permanence.subject_access import sections
from kith.test import make_case, make_person

pytestmark = pytest.mark.django_db


def in_care(worker: User, child: Person | None = None) -> CarePeriod:
    case = make_case(child or make_person(), worker=worker, referral_date=date(2024, 1, 2))
    return CarePeriod.objects.create(
        case=case, child=case.child, started_on=date(2024, 1, 10), need="N1", recorded_by=worker
    )


def road_to_permanence(period: CarePeriod, worker: User) -> None:
    PermanenceMeeting.objects.create(
        period=period,
        held_on=date(2024, 3, 1),
        option="adoption",
        decided="Her mother Kerry cannot care for her safely",
        recorded_by=worker,
    )
    AdoptionPlan.objects.create(
        period=period,
        decided_on=date(2024, 4, 2),
        decision_maker="Ms Patel",
        matched_on=date(2024, 9, 3),
        adopters_number=2,
        adopters_sex="FF",
        adopters_legal_status="L12",
        ended_on=date(2025, 1, 6),
        end_reason="RD1",
        note="Grandmother came forward",
        recorded_by=worker,
    )
    LongTermMatch.objects.create(
        period=period,
        matched_on=date(2025, 3, 4),
        carers="Mr and Mrs Okafor",
        note="Agreed at the fostering panel",
        recorded_by=worker,
    )


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


def test_the_road_to_permanence_is_in_the_bundle_with_others_flagged(worker):
    period = in_care(worker)
    road_to_permanence(period, worker)
    [section] = sections(period.child)
    assert section.title == "Permanence and adoption"
    assert [(e.text, e.names_others) for e in section.entries] == [
        ("Permanence planning meeting, 1 March 2024: adoption", False),
        ("What was decided, and why: Her mother Kerry cannot care for her safely", True),
        (
            "Decision that the child should be adopted, 2 April 2024, by the agency decision "
            "maker Ms Patel",
            False,
        ),
        (
            "Matched with adopters, 3 September 2024: A female couple, married couple of the "
            "same sex",
            True,
        ),
        (
            "Decision that the child should no longer be adopted, 6 January 2025: the child's "
            "needs changed after the decision",
            False,
        ),
        ("Notes: Grandmother came forward", True),
        ("Long-term fostering match, 4 March 2025, with Mr and Mrs Okafor", True),
        ("How it was agreed: Agreed at the fostering panel", True),
    ]
    assert section.flagged == 5


def test_a_child_in_care_with_no_permanence_records_has_no_section(worker):
    assert sections(in_care(worker).child) == []


def test_another_child_s_road_is_not_in_the_bundle(worker):
    road_to_permanence(in_care(worker), worker)
    assert sections(make_person(first_name="Jade")) == []


def test_the_section_is_read_in_a_fixed_number_of_queries(worker, django_assert_num_queries):
    child = make_person()
    first = in_care(worker, child)
    road_to_permanence(first, worker)
    CarePeriod.objects.filter(pk=first.pk).update(ended_on=date(2025, 6, 1), end_reason="E4A")
    second = CarePeriod.objects.create(
        case=first.case, child=child, started_on=date(2025, 9, 1), need="N1", recorded_by=worker
    )
    road_to_permanence(second, worker)
    # The periods, then their meetings, matches and plans.
    with django_assert_num_queries(4):
        [section] = sections(child)
    assert len(section.entries) == 16
