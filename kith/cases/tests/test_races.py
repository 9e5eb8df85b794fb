"""Races at the front door, run for real: decisions sent at the same moment on their own threads
and database connections against PostgreSQL (SQLite lets one writer in at a time, so it cannot
race). Exactly one case opens, and the other is refused in words that keep what was typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Case, Contact
from kith.test import make_person, make_user, post_at_once, signed_in_client

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_two_referrals_for_one_child_at_once_open_one_case_and_refuse_the_other_in_words():
    front_door = make_user(Role.FRONT_DOOR)
    other = make_user(Role.FRONT_DOOR, team=front_door.team)
    child = make_person(first_name="Tia", family_name="Moss")
    contacts = [
        Contact.objects.create(
            received_at=timezone.now() - timedelta(hours=1),
            child=child,
            referrer_name=who,
            source="6",
            worries="Police call-out",
            recorded_by=front_door,
        )
        for who in ("PC Holt", "Ms Patel")
    ]
    reasons = ["Police say the father is back", "School says she is frightened"]
    responses = post_at_once(
        [
            (
                signed_in_client(user),
                reverse("cases:decide", args=[contact.pk]),
                {
                    "version": str(contact.version),
                    "outcome": "referral",
                    "decision_reasons": reason,
                    "team": str(front_door.team_id),
                    "primary_need": "N1",
                },
            )
            for user, contact, reason in zip((front_door, other), contacts, reasons, strict=True)
        ]
    )
    assert Case.objects.filter(child=child, closed_on__isnull=True).count() == 1
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    page = refused.content.decode()
    # Whichever check caught it (the one before saving, or the database's rule), it says so.
    assert (
        "Someone else has just opened a case for Tia Moss" in page
        or "Tia Moss already has an open case" in page
    )
    typed = next(reason for reason in reasons if reason in page)
    assert typed  # the refused worker's words are still on the page
    assert Contact.objects.filter(outcome="").count() == 1  # theirs is not decided
