"""Races, run for real: requests sent at the same moment on their own threads and database
connections against PostgreSQL (SQLite lets one writer in at a time, so it cannot race). Each
ends with exactly one record, or a clear refusal that keeps what was typed. (Two referrals for
one child at once: kith/cases/tests/test_races.py.)"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.recording.models import Status, Visit
from kith.test import make_case, make_person, make_user, post_at_once, signed_in_client

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _visit(token: str, action: str) -> dict[str, str]:
    today = timezone.localdate()
    return {
        "action": action,
        "token": token,
        "visited_on_day": str(today.day),
        "visited_on_month": str(today.month),
        "visited_on_year": str(today.year),
        "child_seen": "yes",
        "observations": "Playing in the garden with his sister",
    }


def test_the_same_visit_sent_five_times_at_once_is_one_visit():
    worker = make_user()
    case = make_case(make_person(), worker=worker)
    client = signed_in_client(worker)
    url = reverse("recording:new", args=[case.pk, "visit"])
    responses = post_at_once([(client, url, _visit("b" * 32, "submit")) for _ in range(5)])
    assert Visit.objects.count() == 1
    visit = Visit.objects.get()
    assert visit.status == Status.FINAL
    assert {r.status_code for r in responses} == {302}
    assert {r["Location"] for r in responses} == {
        reverse("recording:record", args=["visit", visit.pk])
    }


def test_an_autosave_and_a_save_at_once_make_one_record_and_the_save_counts():
    worker = make_user()
    case = make_case(make_person(), worker=worker)
    client = signed_in_client(worker)
    url = reverse("recording:new", args=[case.pk, "visit"])
    for attempt in range(3):
        token = f"{attempt}".rjust(32, "c")
        post_at_once(
            [(client, url, _visit(token, "autosave")), (client, url, _visit(token, "submit"))]
        )
        made = Visit.objects.filter(form_token=token)
        assert made.count() == 1
        assert made.get().status == Status.FINAL
        assert made.get().draft == {}
