"""Opening a record outside one's own work: asked for a reason, which is kept, lasts a while,
covers the family, and is shown to the manager of the worker holding the case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.people.access import may_open
from kith.people.break_glass import open_with_reason
from kith.people.models import BreakGlass
from kith.test import make_case, make_person, make_user, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(persona):
    return make_case(make_person(first_name="Ellie"), worker=persona[Role.SOCIAL_WORKER])


def test_opening_a_child_outside_one_s_work_asks_for_a_reason(case):
    outsider = make_user()
    client = signed_in_client(outsider)
    page = f"/people/{case.child.pk}/"
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:reason", args=[case.child.pk]) + "?next=" + (
        page.replace("/", "%2F")
    )
    assert AuditEvent.objects.filter(verb="reason_asked", by=outsider, person=case.child).exists()
    asked = client.get(response["Location"])
    assert "This child's record is not part of your work." in asked.content.decode()


def test_a_good_reason_opens_the_record_and_goes_back(case):
    outsider = make_user()
    client = signed_in_client(outsider)
    url = reverse("people:reason", args=[case.child.pk]) + f"?next=/cases/{case.pk}/"
    response = client.post(url, {"why": "Out-of-hours call from police about Ellie tonight"})
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    grant = BreakGlass.objects.get(user=outsider)
    assert grant.ends_at - grant.started_at == timedelta(hours=8)
    event = AuditEvent.objects.get(verb="record_opened_with_reason")
    assert event.why == "Out-of-hours call from police about Ellie tonight"
    assert client.get(f"/cases/{case.pk}/").status_code == 200


@pytest.mark.parametrize("why", ["", "   ", "curious", "just checking", "a b c"])
def test_an_empty_or_one_word_reason_is_refused_and_audited(case, why):
    outsider = make_user()
    response = signed_in_client(outsider).post(
        reverse("people:reason", args=[case.child.pk]), {"why": why}
    )
    assert response.status_code == 200
    assert not BreakGlass.objects.exists()
    assert AuditEvent.objects.filter(verb="reason_refused", by=outsider).exists()


def test_only_a_page_on_this_site_is_a_place_to_go_back_to(case):
    outsider = make_user()
    response = signed_in_client(outsider).post(
        reverse("people:reason", args=[case.child.pk]) + "?next=https://evil.example/",
        {"why": "Duty call from school about Ellie"},
    )
    assert response["Location"] == reverse("people:person", args=[case.child.pk])


def test_a_reason_lasts_its_hours_and_no_longer(case, settings):
    settings.KITH_BREAK_GLASS_HOURS = 2
    outsider = make_user()
    grant = open_with_reason(case.child, by=outsider, why="Police call about Ellie tonight")
    assert may_open(outsider, case.child)
    BreakGlass.objects.filter(pk=grant.pk).update(ends_at=timezone.now() + timedelta(seconds=5))
    assert may_open(outsider, case.child)
    BreakGlass.objects.filter(pk=grant.pk).update(ends_at=timezone.now())
    assert not may_open(outsider, case.child)


def test_the_manager_sees_who_opened_their_team_s_child_and_why(case, persona):
    outsider = make_user(first_name="Olly", last_name="Outsider")
    open_with_reason(case.child, by=outsider, why="Police call about Ellie tonight")
    page = signed_in_client(persona[Role.TEAM_MANAGER]).get(reverse("accounts:home"))
    text = page.content.decode()
    assert "Olly Outsider" in text and "Police call about Ellie tonight" in text
    other_manager = make_user(Role.TEAM_MANAGER)
    other_manager.team.manager = other_manager
    other_manager.team.save()
    assert (
        "Police call about Ellie"
        not in signed_in_client(other_manager).get(reverse("accounts:home")).content.decode()
    )


def test_someone_who_may_open_it_is_not_asked(case, persona):
    response = signed_in_client(persona[Role.SOCIAL_WORKER]).get(
        reverse("people:reason", args=[case.child.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person", args=[case.child.pk])


def test_a_live_search_result_sends_an_htmx_request_to_the_reason_page(case):
    response = signed_in_client(make_user()).get(
        f"/people/{case.child.pk}/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("people:reason", args=[case.child.pk]))
