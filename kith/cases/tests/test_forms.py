"""cases/forms.py: each form's checks, at their edges."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.forms import AllocationForm, ContactForm
from kith.test import make_case, make_person, make_team, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(persona):
    return make_case(make_person(first_name="Ellie"), worker=persona[Role.SOCIAL_WORKER])


def contact(**extra):
    now = timezone.localtime()
    return {
        "received_on_day": str(now.day),
        "received_on_month": str(now.month),
        "received_on_year": str(now.year),
        "received_time": "00:00",
        "referrer_name": "Ms Patel",
        "source": "2A",
        "worries": "A bruise",
        "child_name": "Ellie",
        **extra,
    }


class ContactFormTests:
    def test_a_contact_without_a_decision_is_fine(self):
        assert ContactForm(contact()).is_valid()

    def test_a_time_later_today_is_refused_and_this_minute_is_fine(self, monkeypatch):
        ten = timezone.make_aware(datetime.combine(timezone.localdate(), time(10, 0)))
        monkeypatch.setattr("kith.cases.forms.timezone.now", lambda: ten)
        form = ContactForm(contact(received_time="10:01"))
        assert "Time received must be now or in the past" in form.errors["received_time"][0]
        assert ContactForm(contact(received_time="10:00")).is_valid()

    def test_an_unnamed_child_needs_a_name_or_not_known(self):
        form = ContactForm(contact(child_name=""))
        assert "Enter the child's name" in form.errors["child_name"][0]

    def test_a_decision_needs_reasons(self):
        form = ContactForm(contact(outcome="nfa"))
        assert "Enter the reasons for the decision" in form.errors["decision_reasons"][0]

    def test_a_referral_needs_a_team_and_a_main_need_but_not_yet_a_known_child(self):
        # The child is found after the contact is saved, with the decision kept meanwhile
        # (cases/views/refer_before_found.py): the form does not refuse a referral for a child
        # not found yet.
        form = ContactForm(contact(outcome="referral", decision_reasons="Bruise"))
        assert {"team", "primary_need"} == set(form.errors)
        unknown = ContactForm(
            contact(
                outcome="referral",
                decision_reasons="Bruise",
                team=str(make_team().pk),
                primary_need="N1",
            )
        )
        assert unknown.is_valid(), unknown.errors
        known = ContactForm(
            contact(
                outcome="referral",
                decision_reasons="Bruise",
                team=str(make_team().pk),
                primary_need="N1",
            ),
            child=make_person(),
        )
        assert known.is_valid(), known.errors


class AllocationFormTests:
    def test_the_worker_must_be_in_the_team(self):
        team = make_team()
        form = AllocationForm({"version": "1", "team": str(team.pk), "worker": str(make_user().pk)})
        assert "is not in" in form.errors["worker"][0]


class PageTests:
    def test_only_case_holders_are_offered_as_the_worker(self, case, persona):
        form = AllocationForm()
        offered = set(form.fields["worker"].queryset)
        assert persona[Role.SOCIAL_WORKER] in offered
        assert persona[Role.DATA_OFFICER] not in offered
