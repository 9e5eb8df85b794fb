"""Rules that hold between a looked-after child's records and the rest of Kith (found by a
second reading of the change): who records a review, a merge moving care with the cases, a
closure while looked after, a stale correction, a legal status that must suit the placement,
short breaks overnight, nothing of care after it ended, a care order at home."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.care.access import may_review
from kith.care.actions import (
    Coming,
    change_details,
    change_legal_status,
    come_into_care,
    record_missing,
    record_move,
    record_review,
)
from kith.care.deadlines import care_deadlines
from kith.care.models import CarePeriod, CheckRecord
from kith.care.rules import open_care_blocks_closure
from kith.people.merging import merge_people
from kith.recording.models import Status, Visit
from kith.test import date_fields, make_case, make_person, make_user, page_text, signed_in_client

pytestmark = pytest.mark.django_db
START = timezone.localdate() - timedelta(days=40)


def _into_care(case, worker, **more):  # type: ignore[no-untyped-def]
    placement = more.pop("placement", {"kind": "U6", "provider": "PR1", "carer": "Okafors"})
    coming = Coming(
        started_on=more.pop("started_on", START),
        legal_status=more.pop("legal_status", "C1"),
        need="N1",
        previous_permanence="Z1",
        placement=placement,
        **more,
    )
    return come_into_care([case], by=worker, coming=coming)[0]


def test_only_the_child_s_own_reviewing_officer_records_their_review(family, persona):
    ellie_case, _ = family
    worker, named = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    other_chair = make_user(Role.CHAIR)
    _into_care(ellie_case, worker, iro=named)
    assert may_review(named, ellie_case)
    assert not may_review(other_chair, ellie_case)  # not this child's reviewing officer
    response = signed_in_client(other_chair).get(
        reverse("care:new_review", args=[CarePeriod.objects.get().pk])
    )
    assert response.status_code in (302, 403)


def test_merging_two_records_moves_their_care_with_their_cases(persona):
    worker, officer = persona[Role.SOCIAL_WORKER], persona[Role.DATA_OFFICER]
    kept, copy = make_person(first_name="Ann"), make_person(first_name="Anne")
    case = make_case(copy, worker=worker, referral_date=START - timedelta(days=5))
    period = _into_care(case, worker)
    CheckRecord.objects.create(
        child=copy, case=case, kind="dental", done_on=START, recorded_by=worker
    )
    merge_people(kept, copy, by=officer, why="The same child")
    period.refresh_from_db()
    assert period.child_id == kept.pk
    assert CheckRecord.objects.get().child_id == kept.pk


def test_a_case_does_not_close_while_the_child_is_looked_after(family, persona):
    ellie_case, _ = family
    period = _into_care(ellie_case, persona[Role.SOCIAL_WORKER])
    assert open_care_blocks_closure(ellie_case) == [
        "The child is looked after: record the end of care before the case closes"
    ]
    CarePeriod.objects.filter(pk=period.pk).update(ended_on=START + timedelta(days=2))
    assert open_care_blocks_closure(ellie_case) == []


def test_a_correction_opened_before_a_move_is_not_saved_over_it(family, persona):
    ellie_case, _ = family
    worker = persona[Role.SOCIAL_WORKER]
    period = _into_care(ellie_case, worker)
    first = period.placements.get()
    opened_on = first.version
    record_move(
        period, by=worker, version=None, change_reason="ALLEG",
        started_on=START + timedelta(days=5), kind="U6", provider="PR1", carer="Ms Ahmed",
    )  # fmt: skip
    client = signed_in_client(worker)
    response = client.post(
        reverse("care:correct_placement", args=[first.pk]),
        {
            "version": opened_on,
            **date_fields("started_on", START),
            "kind": "U6",
            "provider": "PR1",
            "carer": "The Okafors",
            "why": "Their name",
        },
    )
    assert "Someone else changed" in page_text(response)
    first.refresh_from_db()
    assert first.change_reason == "ALLEG"


def test_a_new_legal_status_must_suit_the_placement_now(family, persona):
    ellie_case, _ = family
    worker = persona[Role.SOCIAL_WORKER]
    home = {"kind": "P1", "provider": "PR0", "carer": "Mother"}
    period = _into_care(ellie_case, worker, placement=home)
    with pytest.raises(ValidationError) as refused:
        change_legal_status(
            period, by=worker, version=None, status="V2", started_on=START + timedelta(days=3)
        )
    assert "cannot be placed with their parents" in str(refused.value)


def test_a_short_break_is_at_least_one_night(family, persona):
    ellie_case, _ = family
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    day = timezone.localdate() - timedelta(days=3)
    response = client.post(
        reverse("care:new_short_break", args=[ellie_case.pk]),
        {
            **date_fields("started_on", day),
            **date_fields("ended_on", day),
            "kind": "K2",
            "provider": "PR1",
            "carer": "Willow House",
            "need": "N2",
        },
    )
    assert "A short break ends at least the day after it began" in page_text(response)
    assert not CarePeriod.objects.exists()
    page = page_text(client.get(reverse("recording:case", args=[ellie_case.pk])))
    assert "Record a short break" in page


def test_nothing_of_care_is_recorded_after_it_ended(family, persona):
    ellie_case, _ = family
    worker = persona[Role.SOCIAL_WORKER]
    period = _into_care(ellie_case, worker)
    CarePeriod.objects.filter(pk=period.pk).update(
        ended_on=START + timedelta(days=10), end_reason="E4A"
    )
    period.refresh_from_db()
    with pytest.raises(ValidationError) as missing:
        record_missing(
            period, by=worker, kind="M", started_on=START + timedelta(days=12),
            ended_on=START + timedelta(days=13),
        )  # fmt: skip
    assert "on or before the day care ended" in str(missing.value)
    with pytest.raises(ValidationError) as review:
        record_review(
            period, by=worker, recommendations=[], held_on=START + timedelta(days=11),
            chair=persona[Role.CHAIR], participation="PN1", discussion="d",
        )  # fmt: skip
    assert "on or before the day care ended" in str(review.value)


def test_a_care_order_made_while_the_child_lives_at_home_brings_a_visit_within_a_week(
    family, persona
):
    ellie_case, _ = family
    worker = persona[Role.SOCIAL_WORKER]
    home = {"kind": "P1", "provider": "PR0", "carer": "Mother"}
    period = _into_care(ellie_case, worker, placement=home)
    ordered = START + timedelta(days=20)
    change_legal_status(period, by=worker, version=None, status="C2", started_on=ordered)
    [wanted] = [w for w in care_deadlines([ellie_case.pk]) if w.about.startswith("care order")]
    assert (wanted.due_on, wanted.done_on) == (ordered + timedelta(weeks=1), None)
    Visit.objects.create(
        case=ellie_case, author=worker, status=Status.FINAL,
        visited_on=ordered + timedelta(days=3), child_seen="yes",
    )  # fmt: skip
    [wanted] = [w for w in care_deadlines([ellie_case.pk]) if w.about.startswith("care order")]
    assert wanted.done_on == ordered + timedelta(days=3)


def test_short_breaks_set_no_looked_after_deadlines(family, persona):
    ellie_case, _ = family
    _into_care(ellie_case, persona[Role.SOCIAL_WORKER], legal_status="V4")
    assert list(care_deadlines([ellie_case.pk])) == []


def test_details_are_saved_for_the_period(family, persona):
    ellie_case, _ = family
    worker = persona[Role.SOCIAL_WORKER]
    period = _into_care(ellie_case, worker)
    change_details(period, by=worker, version=None, unaccompanied=True,
                   unaccompanied_until=date(2030, 1, 1))  # fmt: skip
    period.refresh_from_db()
    assert period.unaccompanied and period.unaccompanied_until == date(2030, 1, 1)
