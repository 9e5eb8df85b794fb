"""Bad input on the looked-after pages: each gets a clear message at the field, and what was
typed is shown again (nothing lost): a move before the current placement began, a legal status
that cannot follow the one before, a review before the child came into care, a missing episode
that never ends, care ending before its last change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.care.models import CarePeriod, CareReview, MissingEpisode, Placement
from kith.care.tests.builders import coming_into_care, move
from kith.test import date_fields, page_text, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def looked_after(family, persona):
    ellie_case, _ = family
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    start = timezone.localdate() - timedelta(days=30)
    worker.post(
        reverse("care:come_into_care", args=[ellie_case.pk]),
        coming_into_care(start, legal_status="E1"),
    )
    return worker, CarePeriod.objects.get(), start


def _error_at(page: str, field: str, message: str) -> bool:
    """The message is in the field's own error, not only in the summary at the top."""
    at = page.find(f'id="id_{field}-error"')
    return at >= 0 and message in page[at : at + 400]


def test_a_move_before_the_current_placement_began(looked_after):
    worker, period, start = looked_after
    response = worker.post(
        reverse("care:move", args=[period.pk]),
        move(start - timedelta(days=1), period.version, carer="The Hendersons"),
    )
    page = page_text(response)
    assert response.status_code == 200
    assert _error_at(page, "started_on", "cannot be before the child came into care")
    assert 'value="The Hendersons"' in page  # what was typed is still there
    assert Placement.objects.count() == 1


def test_a_legal_status_that_cannot_follow(looked_after):
    worker, period, start = looked_after
    response = worker.post(
        reverse("care:legal_status", args=[period.pk]),
        {
            "version": period.version,
            "status": "C1",
            **date_fields("started_on", start + timedelta(1)),
        },
    )
    page = page_text(response)
    assert _error_at(
        page, "status", "A placement order cannot be followed by an interim care order"
    )
    assert period.statuses.count() == 1


def test_a_review_before_the_child_came_into_care(looked_after, persona):
    worker, period, start = looked_after
    response = worker.post(
        reverse("care:new_review", args=[period.pk]),
        {
            **date_fields("held_on", start - timedelta(days=3)),
            "chair": persona[Role.CHAIR].pk,
            "participation": "PN1",
            "discussion": "Words the reviewing officer typed",
            "recommendations-TOTAL_FORMS": "0",
            "recommendations-INITIAL_FORMS": "0",
        },
    )
    page = page_text(response)
    assert _error_at(page, "held_on", "A review cannot be before the child came into care")
    assert "Words the reviewing officer typed" in page
    assert not CareReview.objects.exists()


def test_a_missing_episode_that_never_ends(looked_after):
    worker, period, start = looked_after
    response = worker.post(
        reverse("care:new_missing", args=[period.pk]),
        {"kind": "M", **date_fields("started_on", start + timedelta(days=2)), "note": "Ran off"},
    )
    page = page_text(response)
    assert _error_at(page, "ended_on", "Enter the date the child came back, or say they are still")
    assert "Ran off" in page
    assert not MissingEpisode.objects.exists()


def test_a_missing_episode_that_ends_before_it_starts(looked_after):
    worker, period, start = looked_after
    response = worker.post(
        reverse("care:new_missing", args=[period.pk]),
        {
            "kind": "A",
            **date_fields("started_on", start + timedelta(days=5)),
            **date_fields("ended_on", start + timedelta(days=4)),
        },
    )
    assert _error_at(page_text(response), "ended_on", "cannot come back before they went missing")


def test_care_ending_before_its_last_change(looked_after):
    worker, period, start = looked_after
    response = worker.post(
        reverse("care:end", args=[period.pk]),
        {
            "version": period.version,
            **date_fields("ended_on", start),
            "end_reason": "E4A",
            "end_note": "Home to mum",
        },
    )
    page = page_text(response)
    assert _error_at(page, "ended_on", "Care cannot end on or before the last change in it")
    assert "Home to mum" in page
    period.refresh_from_db()
    assert period.is_open


def test_a_page_opened_before_someone_else_s_change_is_not_saved_over_it(looked_after):
    worker, period, start = looked_after
    stale = period.version
    worker.post(
        reverse("care:legal_status", args=[period.pk]),
        {"version": stale, "status": "C2", **date_fields("started_on", start + timedelta(1))},
    )
    response = worker.post(
        reverse("care:move", args=[period.pk]), move(start + timedelta(days=5), stale)
    )
    assert "Someone else changed this child's care record" in page_text(response)
    assert Placement.objects.count() == 1


def test_a_placement_typed_wrong_is_corrected_with_why_and_what_it_said_kept(looked_after):
    from kith.audit.models import AuditEvent

    worker, period, start = looked_after
    worker.post(
        reverse("care:move", args=[period.pk]), move(start + timedelta(days=10), period.version)
    )
    first, second = Placement.objects.order_by("started_on")
    url = reverse("care:correct_placement", args=[second.pk])
    form = {
        "version": second.version,
        **date_fields("started_on", start + timedelta(days=12)),
        "kind": "U4",
        "provider": "PR4",
        "carer": "Ms Ahmed and Mr Ahmed",
        "urn": "1234567",
        "postcode": "WH2 4EF",
        "why": "The move was on the Thursday, not the Tuesday",
    }
    # Not before the placement before it.
    bad = worker.post(url, {**form, **date_fields("started_on", start)})
    assert _error_at(page_text(bad), "started_on", "must begin after the placement before it")
    response = worker.post(url, form)
    assert response.status_code == 302, page_text(response)[:2000]
    second.refresh_from_db()
    assert second.started_on == start + timedelta(days=12)
    assert second.carer == "Ms Ahmed and Mr Ahmed"
    event = AuditEvent.objects.get(verb="placement_corrected")
    assert event.detail["why"] == "The move was on the Thursday, not the Tuesday"
    assert event.detail["before"]["carer"] == "Ms Ahmed"
    # The same page sent again, on the version it was opened on: refused, not written over.
    again = worker.post(url, {**form, "once": "x" * 8, "carer": "Someone else"})
    assert "Someone else changed" in page_text(again)
    # The first placement's date is the day care began.
    first_url = reverse("care:correct_placement", args=[first.pk])
    moved = worker.post(
        first_url,
        {
            **form,
            "version": first.version,
            "kind": "U6",
            "provider": "PR1",
            **date_fields("started_on", start + timedelta(days=1)),
            "change_reason": "CARPL",
        },
    )
    assert _error_at(page_text(moved), "started_on", "begins the day the child came into care")


def test_a_placement_the_return_would_flag_links_to_its_correction(family, persona):
    ellie_case, _ = family
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    start = timezone.localdate() - timedelta(days=10)
    worker.post(
        reverse("care:come_into_care", args=[ellie_case.pk]),
        coming_into_care(start, postcode="", home_postcode=""),
    )
    placement = Placement.objects.get()
    page = page_text(worker.get(reverse("care:period", args=[placement.period_id])))
    assert "has no home or placement postcode" in page
    assert reverse("care:correct_placement", args=[placement.pk]) in page
