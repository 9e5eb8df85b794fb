"""The one door to change a record: a page that does not say which version of the record it was
opened on is treated as out of date (never as "save over whatever is there"), the same page sent
twice finds the record it made, a draft keeps only what the form asks, as typed, and belongs to
its own case; odd or tampered input is a message, never a crash."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.recording.models import Assessment, CaseNote, ChildInNeedPlan, Status, Visit
from kith.test import make_case, make_person, page_text, signed_in_client

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


class DoubleSubmitTests:
    def test_pressing_save_twice_records_one_visit(self, case, worker):
        client = signed_in_client(worker)
        data = {
            "action": "submit",
            "token": "abc123",
            "child_seen": "yes",
            "visited_on_day": timezone.localdate().day,
            "visited_on_month": timezone.localdate().month,
            "visited_on_year": timezone.localdate().year,
        }
        first = client.post(reverse("recording:new", args=[case.pk, "visit"]), data)
        second = client.post(reverse("recording:new", args=[case.pk, "visit"]), data)
        assert Visit.objects.count() == 1
        assert first["Location"] == second["Location"]

    def test_an_autosave_after_submission_says_so_instead_of_showing_a_page(self, case, worker):
        visit = Visit.objects.create(case=case, author=worker, status=Status.FINAL)
        response = signed_in_client(worker).post(
            reverse("recording:edit", args=["visit", visit.pk]),
            {"action": "autosave", "version": visit.version},
            HTTP_X_KITH_AUTOSAVE="1",
        )
        assert (response.status_code, response.json()) == (409, {"state": "locked"})


class OddInputTests:
    def test_a_superscript_in_a_time_is_a_message_not_a_crash(self, case, worker):
        response = signed_in_client(worker).post(
            reverse("recording:new", args=[case.pk, "visit"]),
            {"action": "save", "visited_time": "1²:30", "version": "²", "record": "²"},
        )
        assert response.status_code == 200
        assert "must be a time" in page_text(response)

    def test_a_tampered_row_count_is_no_crash(self, case, worker):
        response = signed_in_client(worker).post(
            reverse("recording:new", args=[case.pk, "plan"]),
            {"action": "save", "actions-TOTAL_FORMS": "lots", "actions-INITIAL_FORMS": "0"},
        )
        assert response.status_code in (200, 302)
        plan = ChildInNeedPlan.objects.get()
        assert (
            signed_in_client(worker)
            .get(reverse("recording:edit", args=["plan", plan.pk]))
            .status_code
            == 200
        )


class TamperingTests:
    def test_a_draft_from_another_child_s_case_cannot_be_carried_into_this_one(
        self, persona, worker
    ):
        mine = make_case(make_person(first_name="Mine"), worker=worker)
        theirs = make_case(make_person(first_name="Theirs"), worker=worker)
        draft = Visit.objects.create(case=theirs, author=worker, observations="Theirs")
        signed_in_client(worker).post(
            reverse("recording:new", args=[mine.pk, "visit"]),
            {"action": "save", "record": str(draft.pk), "observations": "Typed on Mine"},
        )
        draft.refresh_from_db()
        assert draft.observations == "Theirs" and draft.case == theirs
        assert Visit.objects.get(case=mine).observations == "Typed on Mine"

    def test_guessing_a_record_number_is_a_404_and_audited(self, worker):
        from kith.audit.models import AuditEvent

        response = signed_in_client(worker).get(reverse("recording:record", args=["visit", 999999]))
        assert response.status_code == 404
        event = AuditEvent.objects.get(verb="not_found", by=worker)
        assert event.detail["path"] == "/cases/records/visit/999999/"
