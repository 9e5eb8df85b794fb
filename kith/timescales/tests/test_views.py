"""The timescales pages: anyone on the staff reads the rules, administrators change the local
ones (audited, with a reason, refusing a stale change), and a worker says why a deadline was
missed from the case page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.lib import timescales as rules
from kith.test import make_case, make_person, page_text, signed_in_client
from kith.timescales.models import Deadline, LocalRule

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_every_rule_is_listed_with_its_source(persona):
    page = page_text(signed_in_client(persona[Role.SOCIAL_WORKER]).get(reverse("timescales:rules")))
    for rule in rules.RULES.values():
        assert rule.what in page
    assert "45 working days" in page
    assert "Working Together to Safeguard Children 2023" in page
    assert "an administrator can change them" in page
    assert reverse("timescales:change", args=["protection-visit"]) not in page


def test_an_administrator_changes_a_local_timescale_with_a_reason(persona):
    admin = persona[Role.ADMINISTRATOR]
    client = signed_in_client(admin)
    url = reverse("timescales:change", args=["protection-visit"])
    assert url in page_text(client.get(reverse("timescales:rules")))
    response = client.post(url, {"offset": "15", "was": "10", "reason": "New procedures"})
    assert response.status_code == 302
    assert rules.rule("protection-visit").offset == 15
    change = LocalRule.objects.get()
    assert (change.offset, change.reason, change.changed_by) == (15, "New procedures", admin)
    event = AuditEvent.objects.get(verb=Verb.TIMESCALE_CHANGED)
    assert event.detail == {
        "rule": "protection-visit",
        "from": 10,
        "to": 15,
        "unit": "working_days",
    }
    assert event.why == "New procedures"
    page = page_text(client.get(reverse("timescales:rules")))
    assert "15 working days" in page and "New procedures" in page


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ({"offset": "", "reason": "x"}, "Enter the new timescale, as a whole number"),
        ({"offset": "ten", "reason": "x"}, "Enter the new timescale as a whole number, like 10"),
        ({"offset": "0", "reason": "x"}, "Enter a whole number of at least 1"),
        ({"offset": "200", "reason": "x"}, "Enter at most 130 working days"),
        ({"offset": "12", "reason": ""}, "Say why the timescale is changing"),
    ],
)
def test_a_bad_change_is_refused_and_keeps_what_was_typed(persona, typed, problem):
    client = signed_in_client(persona[Role.ADMINISTRATOR])
    url = reverse("timescales:change", args=["protection-visit"])
    response = client.post(url, {**typed, "was": "10"})
    assert response.status_code == 200
    page = page_text(response)
    assert problem in page and "There is a problem" in page
    assert f'value="{typed["offset"]}"' in page
    assert not LocalRule.objects.exists()


def test_a_change_made_meanwhile_is_not_overwritten(persona):
    client = signed_in_client(persona[Role.ADMINISTRATOR])
    url = reverse("timescales:change", args=["core-group"])
    client.post(url, {"offset": "4", "was": "6", "reason": "First"})
    response = client.post(url, {"offset": "8", "was": "6", "reason": "Second"})
    assert "Someone changed this timescale to 4 weeks" in page_text(response)
    assert rules.rule("core-group").offset == 4


def test_a_national_timescale_has_no_change_page(persona):
    client = signed_in_client(persona[Role.ADMINISTRATOR])
    assert client.get(reverse("timescales:change", args=["assessment"])).status_code == 404
    assert client.get(reverse("timescales:change", args=["nonsense"])).status_code == 404


@pytest.fixture
def missed(persona):
    case = make_case(make_person(first_name="Mia"), worker=persona[Role.SOCIAL_WORKER])
    return Deadline.objects.create(
        case=case,
        rule="protection-visit",
        about="x",
        what="Visit the child",
        started_on=TODAY() - timedelta(days=40),
        due_on=TODAY() - timedelta(days=20),
    )


def test_the_case_page_shows_its_timescales_and_asks_why_one_was_missed(persona, missed):
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    page = page_text(client.get(reverse("recording:case", args=[missed.case_id])))
    assert "Timescales" in page and "Overdue" in page
    assert "1 missed without a reason" in page
    url = reverse("timescales:reason", args=[missed.pk])
    assert url in page
    assert "Say why" in page_text(client.get(url))
    response = client.post(url, {"reason": "Family away", "version": missed.version})
    assert response.status_code == 302
    missed.refresh_from_db()
    assert (missed.late_reason, missed.late_reason_by) == (
        "Family away",
        persona[Role.SOCIAL_WORKER],
    )
    assert AuditEvent.objects.filter(verb=Verb.LATE_REASON_GIVEN, why="Family away").exists()
    page = page_text(client.get(reverse("recording:case", args=[missed.case_id])))
    assert "Why: Family away" in page and "missed without a reason" not in page


def test_an_empty_reason_is_refused(persona, missed):
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    response = client.post(reverse("timescales:reason", args=[missed.pk]), {"reason": " "})
    assert "Say why it was missed" in page_text(response)


def test_a_reason_given_meanwhile_is_shown_not_overwritten(persona, missed):
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    url = reverse("timescales:reason", args=[missed.pk])
    client.post(url, {"reason": "Theirs", "version": missed.version})
    response = client.post(url, {"reason": "Mine", "version": missed.version})
    page = page_text(response)
    assert "Someone else gave a reason" in page
    assert "Theirs" in page and "Mine" in page
    missed.refresh_from_db()
    assert missed.late_reason == "Theirs"


def test_no_reason_is_asked_for_a_deadline_not_missed(persona, missed):
    Deadline.objects.filter(pk=missed.pk).update(due_on=TODAY() + timedelta(days=5))
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    assert client.get(reverse("timescales:reason", args=[missed.pk])).status_code == 403


def test_administrators_find_timescales_in_the_menu(persona):
    admin = page_text(
        signed_in_client(persona[Role.ADMINISTRATOR]).get(reverse("timescales:rules"))
    )
    worker = page_text(
        signed_in_client(persona[Role.SOCIAL_WORKER]).get(reverse("timescales:rules"))
    )
    link = f'href="{reverse("timescales:rules")}"'
    assert 'moj-primary-navigation__link" ' + link in admin
    assert 'moj-primary-navigation__link" ' + link not in worker
