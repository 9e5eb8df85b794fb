"""The one door to change a record: a page that does not say which version of the record it was
opened on is treated as out of date (never as "save over whatever is there"), the same page sent
twice finds the record it made, and a draft keeps only what the form asks, as typed."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.recording.models import Assessment, CaseNote, Status, Visit
from kith.test import make_case, make_person, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


@pytest.fixture
def case(worker):
    return make_case(make_person(first_name="Ellie"), worker=worker)


@pytest.fixture
def note(case, worker):
    return CaseNote.objects.create(case=case, author=worker, text="The worker's own words")


def _edit(note: CaseNote) -> str:
    return reverse("recording:edit", args=["note", note.pk])


@pytest.mark.parametrize("version", [None, "", "abc", "-1", "99999999999"])
def test_a_save_that_does_not_say_its_version_overwrites_nothing(persona, note, version):
    colleague = signed_in_client(persona[Role.TEAM_MANAGER])
    form = {"action": "save", "text": "Someone else's words"}
    if version is not None:
        form["version"] = version
    page = colleague.post(_edit(note), form)
    note.refresh_from_db()
    assert note.text == "The worker's own words"
    assert "Someone else saved this record after you opened it" in html.unescape(
        page.content.decode()
    )
    assert "Someone else&#x27;s words" in page.content.decode()  # what they typed is kept


def test_an_autosave_that_does_not_say_its_version_overwrites_nothing(worker, note):
    page = signed_in_client(worker).post(
        _edit(note), {"action": "autosave", "text": "Half a sentence"}
    )
    note.refresh_from_db()
    assert note.draft == {}
    assert (page.status_code, page.json()) == (409, {"state": "conflict"})


def test_a_decision_that_does_not_say_its_version_is_refused(persona, case, worker):
    assessment = Assessment.objects.create(
        case=case, author=worker, status=Status.SUBMITTED, submitted_at=timezone.now()
    )
    manager = signed_in_client(persona[Role.TEAM_MANAGER])
    manager.post(reverse("recording:decide", args=["assessment", assessment.pk]), {})
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_a_save_sent_again_after_the_record_is_finished_shows_it(worker, case):
    client = signed_in_client(worker)
    url = reverse("recording:new", args=[case.pk, "visit"])
    today = timezone.localdate()
    form = {
        "action": "submit",
        "token": "d" * 32,
        "visited_on_day": today.day,
        "visited_on_month": today.month,
        "visited_on_year": today.year,
        "child_seen": "yes",
    }
    first = client.post(url, form)
    again = client.post(url, form)
    visit = Visit.objects.get()
    assert (
        first["Location"]
        == again["Location"]
        == reverse("recording:record", args=["visit", visit.pk])
    )
    assert "was already saved" in client.get(again["Location"]).content.decode()


def test_a_draft_keeps_only_the_form_s_questions_without_nul_characters(worker, case):
    client = signed_in_client(worker)
    url = reverse("recording:new", args=[case.pk, "visit"])
    client.post(
        url,
        {
            "action": "autosave",
            "token": "e" * 32,
            "observations": "Seen\x00 at home",
            "visited_on_day": "3",
            "not_a_question": "x" * 50,
            "is_staff": "on",
        },
    )
    draft = Visit.objects.get().draft
    assert draft == {"observations": ["Seen at home"], "visited_on_day": ["3"]}
