"""A page that polls (the census progress) must not keep a data officer signed in: polls are
checked for idleness like any request, but only what a person does counts as using Kith."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from kith.accounts import middleware
from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.returns.models import ReturnRun
from kith.test import make_user, signed_in_client

SIGN_IN = reverse("accounts:sign_in")
HTMX = {"HX-Request": "true"}
MINUTE = 60


@pytest.fixture
def clock(monkeypatch):
    """The idle check's clock, moved on by the test."""
    now = SimpleNamespace(value=1_800_000_000.0)
    monkeypatch.setattr(middleware, "time", SimpleNamespace(time=lambda: now.value))
    return now


@pytest.fixture
def officer(db, settings, clock):
    settings.KITH_IDLE_TIMEOUT_MINUTES = 30
    user = make_user(Role.DATA_OFFICER)
    client = signed_in_client(user)
    run = ReturnRun.objects.create(year=2026, started_by=user)
    page = reverse("returns:run", args=[run.pk])
    assert client.get(page).status_code == 200  # the officer opens the progress page
    return SimpleNamespace(user=user, client=client, page=page, poll=f"{page}?poll=1")


def test_the_progress_page_polls_with_the_poll_flag(officer):
    assert f'hx-get="{officer.poll}"' in officer.client.get(officer.page).content.decode()


def test_polls_alone_do_not_keep_the_session_alive(officer, clock):
    start = clock.value
    for minutes in (1, 10, 20, 29):
        clock.value = start + minutes * MINUTE
        response = officer.client.get(officer.poll, headers=HTMX)
        assert response.status_code == 200 and "HX-Redirect" not in response
    assert officer.client.session[middleware.LAST_SEEN] == start
    clock.value = start + 31 * MINUTE
    response = officer.client.get(officer.poll, headers=HTMX)
    assert response["HX-Redirect"].startswith(SIGN_IN)
    assert AuditEvent.objects.filter(verb=Verb.SIGNED_OUT_IDLE, by=officer.user).count() == 1
    assert officer.client.get(officer.page).status_code == 302  # signed out


def test_what_the_officer_does_still_counts(officer, clock):
    start = clock.value
    clock.value = start + 20 * MINUTE
    assert officer.client.get(officer.page).status_code == 200  # a real look, not a poll
    clock.value = start + 31 * MINUTE
    response = officer.client.get(officer.poll, headers=HTMX)
    assert response.status_code == 200 and "HX-Redirect" not in response


def test_a_poll_after_the_idle_limit_signs_out_and_says_why(officer, clock):
    clock.value += 45 * MINUTE
    response = officer.client.get(officer.poll, headers=HTMX)
    assert response.status_code == 302
    assert response["HX-Redirect"] == response["Location"]
    assert response["Location"].startswith(SIGN_IN)
    page = officer.client.get(response["Location"])
    assert b"had not used Kith for 30 minutes" in page.content


def test_a_first_poll_starts_the_idle_clock(officer, clock):
    session = officer.client.session
    del session[middleware.LAST_SEEN]
    session.save()
    start = clock.value
    assert officer.client.get(officer.poll, headers=HTMX).status_code == 200
    assert officer.client.session[middleware.LAST_SEEN] == start
    clock.value = start + 31 * MINUTE
    assert officer.client.get(officer.poll, headers=HTMX)["HX-Redirect"].startswith(SIGN_IN)
