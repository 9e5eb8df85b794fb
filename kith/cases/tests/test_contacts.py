"""Contacts at the front door, through their pages: a contact recorded and its decision made
on one page, or matched to its child and decided later; what the referrer is told; and the
edges a review found (a refused decision saves nothing, a referred contact keeps its child)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.cases import actions as case_actions
from kith.cases.models import Case, Contact
from kith.test import date_fields as _date
from kith.test import make_case, make_person, page_text, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(persona):
    return make_case(make_person(first_name="Ellie"), worker=persona[Role.SOCIAL_WORKER])


class ContactTests:
    def test_front_door_records_a_contact_and_refers_it_on_one_page(self, persona):
        child = make_person()
        team = persona[Role.SOCIAL_WORKER].team
        client = signed_in_client(persona[Role.FRONT_DOOR])
        today = timezone.localdate()
        response = client.post(
            reverse("cases:new_contact") + f"?child={child.pk}",
            {
                **_date("received_on", today),
                "received_time": "00:01",
                "referrer_name": "Ms Patel",
                "referrer_organisation": "Mill Road Primary",
                "source": "2A",
                "worries": "Ellie came to school with a bruise on her arm.",
                "consent": "given",
                "outcome": "referral",
                "decision_reasons": "Unexplained injury: needs an assessment.",
                "team": str(team.pk),
                "primary_need": "N1",
            },
        )
        contact = Contact.objects.get()
        assert response.status_code == 302, response.content.decode()[:3000]
        assert contact.child == child and contact.outcome == "referral"
        case = Case.objects.get(child=child)
        assert case.referral_date == today and case.team == team and case.referral_source == "2A"
        assert case.primary_need == "N1"  # the census needs it from the referral (rule 8610)
        assert contact.case == case
        assert AuditEvent.objects.filter(verb="case_opened", person=child).exists()

    def test_a_referral_needs_the_main_need_as_far_as_it_is_known(self, persona):
        child = make_person()
        client = signed_in_client(persona[Role.FRONT_DOOR])
        response = client.post(
            reverse("cases:new_contact") + f"?child={child.pk}",
            {
                **_date("received_on", timezone.localdate()),
                "received_time": "00:01",
                "referrer_name": "Ms Patel",
                "source": "2A",
                "worries": "Kept words",
                "outcome": "referral",
                "decision_reasons": "Needs an assessment",
                "team": str(persona[Role.SOCIAL_WORKER].team.pk),
            },
        )
        page = response.content.decode()
        assert "Choose the child&#x27;s main need, as far as you can tell" in page
        assert "Kept words" in page and not Contact.objects.exists()

    def test_an_unmatched_contact_waits_then_is_matched_and_decided(self, persona):
        client = signed_in_client(persona[Role.FRONT_DOOR])
        response = client.post(
            reverse("cases:new_contact"),
            {
                **_date("received_on", timezone.localdate()),
                "received_time": "00:01",
                "referrer_name": "A neighbour",
                "source": "1B",
                "child_name": "Sam Rivers",
                "worries": "Shouting every night.",
            },
        )
        assert response.status_code == 302
        contact = Contact.objects.get()
        assert contact.child is None and not contact.is_decided
        page = client.get(reverse("cases:contacts"))
        assert "Sam Rivers" in page.content.decode()
        # Referring needs the child: the decision is kept while the child is found.
        team = persona[Role.SOCIAL_WORKER].team
        kept = client.post(
            reverse("cases:decide", args=[contact.pk]),
            {
                "version": contact.version,
                "outcome": "referral",
                "decision_reasons": "Worrying",
                "team": team.pk,
                "primary_need": "N1",
            },
        )
        assert kept["Location"] == reverse("cases:match", args=[contact.pk])
        # Add the child from the contact: the decision is waiting, as typed.
        added = client.post(
            reverse("cases:match", args=[contact.pk]),
            {"version": contact.version, "first_name": "Sam", "family_name": "Rivers"},
        )
        assert added["Location"] == reverse("cases:decide", args=[contact.pk])
        contact.refresh_from_db()
        assert contact.child is not None and contact.child.family_name == "Rivers"
        page = client.get(added["Location"]).content.decode()
        assert "Worrying" in page and "Now record the referral you chose" in page
        client.post(
            reverse("cases:decide", args=[contact.pk]),
            {
                "version": contact.version,
                "outcome": "nfa",
                "decision_reasons": "Parents separated; no concerns for the children.",
            },
        )
        contact.refresh_from_db()
        assert contact.outcome == "nfa" and contact.case is None

    def test_the_letter_to_the_referrer_says_what_was_decided(self, persona):
        contact = Contact.objects.create(
            received_at=timezone.now(),
            referrer_name="Ms Patel",
            source="2A",
            worries="x",
            outcome="advice",
            decision_reasons="Advice given",
            feedback="We gave the family advice about parenting support.",
            recorded_by=persona[Role.FRONT_DOOR],
        )
        page = signed_in_client(persona[Role.FRONT_DOOR]).get(
            reverse("cases:letter", args=[contact.pk])
        )
        text = page.content.decode()
        assert "Dear Ms Patel" in text and "advice and information given" in text
        assert "parenting support" in text


class ContactEdgeTests:
    def test_a_refused_decision_does_not_save_the_contact(self, case, persona):
        now = timezone.localtime()
        response = signed_in_client(persona[Role.FRONT_DOOR]).post(
            reverse("cases:new_contact") + f"?child={case.child.pk}",
            {
                "received_on_day": now.day,
                "received_on_month": now.month,
                "received_on_year": now.year,
                "received_time": "00:00",
                "referrer_name": "x",
                "source": "2A",
                "worries": "Kept worry",
                "outcome": "referral",
                "decision_reasons": "Bruise",
                "team": str(case.team.pk),
                "primary_need": "N1",
            },
        )
        page = page_text(response)
        assert "already has an open case" in page and "Kept worry" in page
        assert not Contact.objects.exists()

    def test_a_referred_contact_keeps_its_child(self, case, persona):
        contact = Contact.objects.create(
            received_at=timezone.now(),
            child=case.child,
            case=case,
            referrer_name="x",
            source="2A",
            worries="y",
            outcome="referral",
            recorded_by=persona[Role.FRONT_DOOR],
        )
        other = make_person(first_name="Other")
        signed_in_client(persona[Role.FRONT_DOOR]).post(
            reverse("cases:match", args=[contact.pk]),
            {"person": other.pk, "version": contact.version},
        )
        contact.refresh_from_db()
        assert contact.child == case.child
        with pytest.raises(ValidationError):
            case_actions.match_contact(
                contact, child=other, by=persona[Role.FRONT_DOOR], version=None
            )

    def test_matching_needs_the_page_s_version(self, persona):
        contact = Contact.objects.create(
            received_at=timezone.now(),
            referrer_name="x",
            source="2A",
            worries="y",
            recorded_by=persona[Role.FRONT_DOOR],
        )
        with pytest.raises(ValidationError, match="out of date"):
            case_actions.match_contact(
                contact, child=make_person(), by=persona[Role.FRONT_DOOR], version=None
            )

    def test_feedback_waits_for_the_decision_and_is_not_wiped_by_it(self, persona):
        front_door = persona[Role.FRONT_DOOR]
        contact = Contact.objects.create(
            received_at=timezone.now(),
            referrer_name="x",
            source="2A",
            worries="y",
            recorded_by=front_door,
        )
        assert (
            signed_in_client(front_door)
            .get(reverse("cases:feedback", args=[contact.pk]))
            .status_code
            == 302
        )
        with pytest.raises(ValidationError):
            case_actions.record_feedback(
                contact, by=front_door, version=None, feedback="x", feedback_given_on=None
            )
        case_actions.decide_contact(
            contact,
            by=front_door,
            version=None,
            outcome="advice",
            decision_reasons="Advice",
            feedback="We told them",
            feedback_given_on=timezone.localdate(),
        )
        contact.refresh_from_db()
        assert contact.feedback == "We told them"


class OddInputTests:
    @pytest.mark.parametrize(
        "url", ["/cases/contacts/new/?child=²", "/cases/contacts/new/?child=٣"]
    )
    def test_odd_digits_in_an_address_are_no_crash(self, persona, url):
        assert signed_in_client(persona[Role.FRONT_DOOR]).get(url).status_code in (200, 404)
