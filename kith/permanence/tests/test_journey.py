"""A child's road to adoption page by page: the permanence planning meeting, the decision, the
placement order, the match (refused before the decision, what was typed kept), the move to the
adopters, the adoption order (refused before the placement), and the scorecard and deadlines
that follow; a long-term fostering match; and a child who comes back into care after an
adoption, whose earlier order Kith already knows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.care import actions as care
from kith.care.models import CarePeriod
from kith.care.tests.builders import coming_into_care, problems_on
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting
from kith.permanence.tests.builders import into_care
from kith.test import date_fields, make_case, make_person, page_text, signed_in_client
from kith.timescales.models import Deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(persona):
    worker = persona[Role.SOCIAL_WORKER]
    today = timezone.localdate()
    case = make_case(
        make_person(first_name="Ruby", date_of_birth=today - timedelta(days=700)),
        worker=worker,
        referral_date=today - timedelta(days=420),
    )
    period = into_care(case, today - timedelta(days=400), worker)
    return signed_in_client(worker), period, today


def _error_at(page: str, field: str, message: str) -> bool:
    at = page.find(f'id="id_{field}-error"')
    return at >= 0 and message in page[at : at + 500]


def test_the_road_to_adoption(child):
    worker, period, _today = child
    start = period.started_on
    # The permanence planning meeting.
    response = worker.post(
        reverse("permanence:meeting", args=[period.pk]),
        {
            **date_fields("held_on", start + timedelta(days=90)),
            "option": "adoption",
            "decided": "Ruby cannot return home safely; adoption is her plan.",
        },
    )
    assert response.status_code == 302, problems_on(response)
    assert PermanenceMeeting.objects.get().option == "adoption"
    # The decision.
    decided = start + timedelta(days=120)
    response = worker.post(
        reverse("permanence:decide", args=[period.pk]),
        {**date_fields("decided_on", decided), "decision_maker": "Ms Patel, head of service"},
    )
    assert response.status_code == 302, problems_on(response)
    plan = AdoptionPlan.objects.get()
    # The placement order is a legal status.
    order = start + timedelta(days=200)
    response = worker.post(
        reverse("care:legal_status", args=[period.pk]),
        {
            "version": CarePeriod.objects.get().version,
            "status": "E1",
            **date_fields("started_on", order),
        },
    )
    assert response.status_code == 302, problems_on(response)
    # A match before the decision is refused at its field, what was typed kept.
    match_url = reverse("permanence:match", args=[plan.pk])
    typed = {
        "version": plan.version,
        **date_fields("matched_on", decided - timedelta(days=1)),
        "adopters_number": "2",
        "adopters_sex": "FF",
        "adopters_legal_status": "L12",
        "foster_carers_adopting": "no",
    }
    response = worker.post(match_url, typed)
    page = page_text(response)
    assert response.status_code == 200
    assert _error_at(page, "matched_on", "cannot be before the decision")
    assert 'value="FF" checked' in page  # what was typed is still there
    assert AdoptionPlan.objects.get().matched_on is None
    # The match.
    matched = order + timedelta(days=100)
    response = worker.post(match_url, {**typed, **date_fields("matched_on", matched)})
    assert response.status_code == 302, problems_on(response)
    # An adoption order before the placement is refused.
    end_url = reverse("care:end", args=[period.pk])
    response = worker.post(
        end_url,
        {
            "version": CarePeriod.objects.get().version,
            **date_fields("ended_on", matched + timedelta(days=5)),
            "end_reason": "E11",
        },
    )
    page = page_text(response)
    assert response.status_code == 200
    assert "comes after the child was placed for adoption" in page
    assert CarePeriod.objects.get().is_open
    # The move to the adopters.
    placed = matched + timedelta(days=10)
    response = worker.post(
        reverse("care:move", args=[period.pk]),
        {
            "version": CarePeriod.objects.get().version,
            **date_fields("started_on", placed),
            "change_reason": "CARPL",
            "kind": "A6",
            "provider": "PR1",
            "carer": "Prospective adopters",
        },
    )
    assert response.status_code == 302, problems_on(response)
    # The scorecard on the permanence page: coming into care to placed, and order to match.
    page = page_text(worker.get(reverse("permanence:period", args=[period.pk])))
    assert f"{(placed - start).days} days" in page
    assert f"{(matched - order).days} days" in page
    assert "national threshold 426" in page
    assert "national threshold 121" in page
    deadlines = {d.rule: d for d in Deadline.objects.filter(case=period.case)}
    assert deadlines["adoption-placed"].done_on == placed
    assert deadlines["adoption-match"].done_on == matched
    assert deadlines["permanence-meeting"].done_on == start + timedelta(days=90)
    # The adoption order: care ends, permanence achieved.
    response = worker.post(
        end_url,
        {
            "version": CarePeriod.objects.get().version,
            **date_fields("ended_on", placed + timedelta(days=60)),
            "end_reason": "E11",
        },
    )
    assert response.status_code == 302, problems_on(response)
    page = page_text(worker.get(reverse("permanence:period", args=[period.pk])))
    assert "Permanence achieved: Adoption" in page
    assert AuditEvent.objects.filter(verb="adoption_recorded").count() == 2


def test_no_longer_to_be_adopted(child):
    worker, period, today = child
    plan = AdoptionPlan.objects.create(
        period=period,
        decided_on=period.started_on + timedelta(days=30),
        decision_maker="ADM",
        recorded_by=period.recorded_by,
    )
    url = reverse("permanence:no_longer", args=[plan.pk])
    response = worker.post(
        url,
        {
            "version": plan.version,
            **date_fields("ended_on", plan.decided_on - timedelta(days=1)),
            "end_reason": "RD3",
        },
    )
    assert response.status_code == 200
    assert "cannot be before the decision that they should" in page_text(response)
    response = worker.post(
        url, {"version": plan.version, **date_fields("ended_on", today), "end_reason": "RD3"}
    )
    assert response.status_code == 302, problems_on(response)
    plan.refresh_from_db()
    assert (plan.ended_on, plan.end_reason) == (today, "RD3")
    # A new decision may follow.
    page = page_text(worker.get(reverse("permanence:period", args=[period.pk])))
    assert "no adopters could be found" in page
    assert "Record the decision that the child should be adopted" in page


def test_a_long_term_fostering_match_achieves_permanence(child):
    worker, period, today = child
    response = worker.post(
        reverse("permanence:long_term_match", args=[period.pk]),
        {**date_fields("matched_on", today), "carers": "Mr and Mrs Okafor"},
    )
    assert response.status_code == 302, problems_on(response)
    assert LongTermMatch.objects.get().carers == "Mr and Mrs Okafor"
    page = page_text(worker.get(reverse("permanence:period", args=[period.pk])))
    assert "Permanence achieved: Long-term fostering" in page


def test_a_meeting_before_care_is_refused_and_typed_words_kept(child):
    worker, period, _today = child
    response = worker.post(
        reverse("permanence:meeting", args=[period.pk]),
        {
            **date_fields("held_on", period.started_on - timedelta(days=1)),
            "option": "sgo",
            "decided": "Grandmother to apply for special guardianship.",
        },
    )
    page = page_text(response)
    assert response.status_code == 200
    assert _error_at(page, "held_on", "before the child came into care")
    assert "Grandmother to apply for special guardianship." in page


def test_coming_back_into_care_after_an_adoption_knows_the_earlier_order(child, persona):
    worker, period, today = child
    ended = today - timedelta(days=100)
    CarePeriod.objects.filter(pk=period.pk).update(ended_on=ended, end_reason="E11")
    response = worker.post(
        reverse("care:come_into_care", args=[period.case_id]),
        coming_into_care(today - timedelta(days=5), previous_permanence="Z1"),
    )
    assert response.status_code == 302, problems_on(response)
    again = CarePeriod.objects.get(ended_on__isnull=True)
    assert (again.previous_permanence, again.previous_permanence_on) == ("P1", ended)
    assert again.previous_permanence_la == "938"


def test_the_permanence_meeting_is_due_by_the_second_review(child):
    _worker, period, _today = child
    care.record_review(
        period,
        by=period.recorded_by,
        recommendations=[],
        held_on=period.started_on + timedelta(days=20),
        participation="PN0",
        discussion="x",
    )
    found = Deadline.objects.get(case=period.case, rule="permanence-meeting")
    assert found.due_on.month == (period.started_on + timedelta(days=20 + 92)).month
    assert found.done_on is None


def test_the_adoption_list_shows_a_team_its_children(child, persona):
    _worker, period, _today = child
    AdoptionPlan.objects.create(
        period=period,
        decided_on=period.started_on + timedelta(days=30),
        decision_maker="ADM",
        recorded_by=period.recorded_by,
    )
    manager = signed_in_client(persona[Role.TEAM_MANAGER])
    page = page_text(manager.get(reverse("permanence:adoption")))
    assert "Ruby Jones" in page
    assert "400 days so far" in page
    refused = signed_in_client(persona[Role.SOCIAL_WORKER]).get(reverse("permanence:adoption"))
    assert refused.status_code == 403


def test_nothing_more_is_recorded_once_care_has_ended(child):
    worker, period, today = child
    CarePeriod.objects.filter(pk=period.pk).update(
        ended_on=today - timedelta(days=1), end_reason="E45"
    )
    response = worker.post(
        reverse("permanence:decide", args=[period.pk]),
        {**date_fields("decided_on", today - timedelta(days=2)), "decision_maker": "ADM"},
    )
    assert response.status_code == 200
    assert "care has ended" in page_text(response)
    assert not AdoptionPlan.objects.exists()
