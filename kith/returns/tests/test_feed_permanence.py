"""The DfE data feed's `adoption` and `care_leavers` blocks: in the social care episode of the
case the care or the support is in, still meeting the DfE's schema, purged once when nothing
derives them any more, and read in the same number of queries however many children."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care.models import CarePeriod, LegalStatusChange, Placement
from kith.cases.models import Case
from kith.leaving_care.models import BirthdayCheck, CareLeaver
from kith.permanence.models import AdoptionPlan
from kith.returns import feed
from kith.test import make_case, make_person

pytestmark = pytest.mark.django_db


def everything() -> list[dict]:
    found = []
    for batch in feed.build():
        found += batch.children
        feed.remember(batch)
    return found


def _episode(payload: dict, case_pk: int) -> dict:
    reference = Case.objects.get(pk=case_pk).reference
    return next(
        e for e in payload["social_care_episodes"] if e["social_care_episode_id"] == reference
    )


def in_care(worker: User, born: date, started_on: date) -> CarePeriod:
    """A child under a care order in foster care from `started_on`."""
    child = make_person(date_of_birth=born, upn="", upn_unknown="UN1", disabilities=["NONE"])
    case = make_case(child, worker=worker, referral_date=started_on, primary_need="N1")
    period = CarePeriod.objects.create(
        case=case, child=child, started_on=started_on, need="N1", recorded_by=worker
    )
    LegalStatusChange.objects.create(
        period=period, status="C2", started_on=started_on, recorded_by=worker
    )
    Placement.objects.create(
        period=period,
        started_on=started_on,
        kind="U4",
        provider="PR1",
        carer="Mr and Mrs Okafor",
        postcode="WH1 3DE",
        recorded_by=worker,
    )
    return period


def to_be_adopted(worker: User) -> tuple[CarePeriod, AdoptionPlan]:
    """A child the agency decided should be adopted, under a placement order, matched with
    adopters and living with them."""
    period = in_care(worker, date(2021, 4, 2), date(2024, 1, 10))
    LegalStatusChange.objects.create(
        period=period, status="E1", started_on=date(2024, 9, 1), recorded_by=worker
    )
    plan = AdoptionPlan.objects.create(
        period=period,
        decided_on=date(2024, 6, 3),
        decision_maker="Ms Patel",
        matched_on=date(2025, 1, 10),
        adopters_number=2,
        adopters_sex="FF",
        adopters_legal_status="L12",
        recorded_by=worker,
    )
    Placement.objects.create(
        period=period,
        started_on=date(2025, 2, 3),
        kind="A4",
        provider="PR1",
        carer="Prospective adopters",
        recorded_by=worker,
    )
    return period, plan


def leaving_care(worker: User) -> tuple[CareLeaver, BirthdayCheck]:
    """A young person who left care at 18 (and their case closed), with support in a case of
    its own since, and the checks around their 17th and 18th birthdays."""
    period = in_care(worker, date(2007, 5, 20), date(2022, 3, 1))
    CarePeriod.objects.filter(pk=period.pk).update(ended_on=date(2025, 5, 20), end_reason="E17")
    Case.objects.filter(pk=period.case_id).update(closed_on=date(2025, 5, 20), closure_reason="RC7")
    case = make_case(period.child, worker=worker, referral_date=date(2025, 5, 20))
    leaver = CareLeaver.objects.create(
        child=period.child, case=case, started_on=date(2025, 5, 20), recorded_by=worker
    )
    BirthdayCheck.objects.create(
        leaver=leaver,
        age=17,
        checked_on=date(2024, 5, 1),
        in_touch="YES",
        activity="F2",
        accommodation="C",
        suitable=True,
        recorded_by=worker,
    )
    latest = BirthdayCheck.objects.create(
        leaver=leaver,
        age=18,
        checked_on=date(2025, 6, 2),
        in_touch="YES",
        activity="P5",
        accommodation="Z",
        suitable=True,
        recorded_by=worker,
    )
    return leaver, latest


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


def test_a_child_s_adoption_is_in_the_episode_of_their_care_and_meets_the_schema(worker):
    period, _ = to_be_adopted(worker)
    [payload] = everything()
    assert feed.problems([payload]) == []
    assert _episode(payload, period.case_id)["adoption"] == {
        "initial_decision_date": "2024-06-03",
        "matched_date": "2025-01-10",
        # The placement order and the move are the care record's (E1, and the A4 placement).
        "placed_date": "2025-02-03",
    }


def test_an_adoption_not_yet_matched_sends_only_the_decision(worker):
    period = in_care(worker, date(2021, 4, 2), date(2024, 1, 10))
    AdoptionPlan.objects.create(
        period=period, decided_on=date(2024, 6, 3), decision_maker="Ms Patel", recorded_by=worker
    )
    [payload] = everything()
    assert feed.problems([payload]) == []
    assert _episode(payload, period.case_id)["adoption"] == {"initial_decision_date": "2024-06-03"}


def test_an_adoption_plan_that_ended_is_purged_once(worker):
    period, plan = to_be_adopted(worker)
    everything()
    AdoptionPlan.objects.filter(pk=plan.pk).update(ended_on=date(2025, 3, 1), end_reason="RD1")
    [changed] = everything()
    assert _episode(changed, period.case_id)["adoption"] == {"purge": True}
    assert feed.problems([changed]) == []
    assert everything() == []  # purged once, then forgotten


def test_a_new_plan_for_adoption_replaces_the_one_that_ended(worker):
    period, plan = to_be_adopted(worker)
    everything()
    AdoptionPlan.objects.filter(pk=plan.pk).update(ended_on=date(2025, 3, 1), end_reason="RD1")
    AdoptionPlan.objects.create(
        period=period, decided_on=date(2025, 4, 1), decision_maker="Ms Patel", recorded_by=worker
    )
    [changed] = everything()
    # One object in an episode: the new plan's is sent in its place, with no purge.
    assert _episode(changed, period.case_id)["adoption"] == {"initial_decision_date": "2025-04-01"}


def test_a_care_leaver_s_latest_check_is_in_the_episode_of_their_support(worker):
    leaver, _ = leaving_care(worker)
    [payload] = everything()
    assert feed.problems([payload]) == []
    assert _episode(payload, leaver.case_id)["care_leavers"] == {
        "contact_date": "2025-06-02",
        "activity": "P5",
        "accommodation": "Z",  # the letter alone: the 903's digit says whether it is suitable
    }
    # Not in the episode the care itself was in.
    with_block = [e for e in payload["social_care_episodes"] if "care_leavers" in e]
    assert [e["social_care_episode_id"] for e in with_block] == [leaver.case.reference]


def test_a_check_that_says_nothing_of_activity_or_home_sends_only_its_date(worker):
    leaver, latest = leaving_care(worker)
    BirthdayCheck.objects.filter(pk=latest.pk).update(
        in_touch="RHOM", activity="", accommodation="", suitable=None
    )
    [payload] = everything()
    assert feed.problems([payload]) == []
    assert _episode(payload, leaver.case_id)["care_leavers"] == {"contact_date": "2025-06-02"}


def test_a_leaver_with_no_check_left_is_purged_once(worker):
    leaver, _ = leaving_care(worker)
    everything()
    BirthdayCheck.objects.filter(leaver=leaver).delete()  # recorded against the wrong person
    [changed] = everything()
    assert _episode(changed, leaver.case_id)["care_leavers"] == {"purge": True}
    assert feed.problems([changed]) == []
    assert everything() == []


def _queries(worker: User, more: int) -> tuple[int, int]:
    """Queries to read the whole feed once `more` children of each kind are added, and how
    many children it held."""
    for _ in range(more):
        to_be_adopted(worker)
        leaving_care(worker)
    with CaptureQueriesContext(connection) as read:
        batches = list(feed.build(everyone=True))
    return len(read.captured_queries), sum(len(b.children) for b in batches)


def test_the_blocks_are_read_in_the_same_number_of_queries_however_many_children(worker):
    few, two = _queries(worker, 1)
    many, ten = _queries(worker, 4)
    assert (two, ten) == (2, 10)
    assert many == few
