"""The contact form never invites a referral and then refuses it: a referral for a child not yet
found on record saves the contact, keeps the decision, and goes to find the child; and a
decision chosen by mistake can be cleared."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Case, Contact
from kith.test import make_person, signed_in_client

pytestmark = pytest.mark.django_db


def _contact(**extra):
    today = timezone.localdate()
    return {
        "received_on_day": today.day,
        "received_on_month": today.month,
        "received_on_year": today.year,
        "received_time": "00:01",
        "referrer_name": "PC Holt",
        "source": "6",
        "child_name": "Kieran Moss",
        "worries": "A call-out at 2am",
        **extra,
    }


def test_a_referral_for_a_child_not_found_yet_is_kept_while_they_are_found(persona):
    front_door = persona[Role.FRONT_DOOR]
    team = persona[Role.SOCIAL_WORKER].team
    client = signed_in_client(front_door)
    response = client.post(
        reverse("cases:new_contact"),
        _contact(
            outcome="referral",
            decision_reasons="Three call-outs this month",
            team=team.pk,
            primary_need="N1",
        ),
    )
    contact = Contact.objects.get()
    assert response["Location"] == reverse("cases:match", args=[contact.pk])
    assert not contact.is_decided and not Case.objects.exists()
    kieran = make_person(first_name="Kieran", family_name="Moss")
    found = client.post(
        reverse("cases:match", args=[contact.pk]),
        {"person": kieran.pk, "version": contact.version},
    )
    assert found["Location"] == reverse("cases:decide", args=[contact.pk])
    page = html.unescape(client.get(found["Location"]).content.decode())
    assert "Three call-outs this month" in page
    assert "Now record the referral you chose" in page


def test_a_decision_can_be_cleared_before_saving(persona):
    page = html.unescape(
        signed_in_client(persona[Role.FRONT_DOOR])
        .get(reverse("cases:new_contact"))
        .content.decode()
    )
    assert "Not decided yet" in page
