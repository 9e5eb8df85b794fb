"""recording/actions.py: never lose a word, never overwrite silently; authorise only what is
waiting, and close only a case that can close."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Case
from kith.recording import actions
from kith.recording.models import Assessment, Closure, RecordVersion, Status, Visit
from kith.test import make_case, make_person, make_user, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


@pytest.fixture
def manager(persona):
    return persona[Role.TEAM_MANAGER]


@pytest.fixture
def case(worker):
    return make_case(make_person(), worker=worker)


def today():
    return timezone.localdate()


class AutosaveTests:
    def test_the_first_autosave_makes_a_draft_and_keeps_exactly_what_was_typed(self, case, worker):
        client = signed_in_client(worker)
        response = client.post(
            reverse("recording:new", args=[case.pk, "visit"]),
            {
                "action": "autosave",
                "visited_on_day": "31",
                "visited_on_month": "2",
                "observations": "Half a thought",
            },
            HTTP_X_KITH_AUTOSAVE="1",
        )
        visit = Visit.objects.get()
        assert response.status_code == 200
        answer = response.json()
        assert answer["state"] == "saved"
        # The page carries on with the record, at its version, kept under its own address.
        assert (answer["record"], answer["version"]) == (visit.pk, visit.version)
        assert answer["key"] == reverse("recording:edit", args=["visit", visit.pk])
        assert visit.draft["visited_on_day"] == ["31"]
        assert visit.draft["observations"] == ["Half a thought"]
        assert visit.status == Status.DRAFT
        # Reopening the draft shows what was typed, even the impossible date.
        page = html.unescape(
            client.get(reverse("recording:edit", args=["visit", visit.pk])).content.decode()
        )
        assert "Half a thought" in page and 'value="31"' in page

    def test_autosaves_are_not_versions_but_a_saved_draft_is(self, case, worker):
        visit = actions.autosave(
            None, model=Visit, case=case, by=worker, version=None, typed={"place": ["Home"]}
        )
        assert RecordVersion.objects.count() == 0
        actions.save_draft(
            visit,
            model=Visit,
            case=case,
            by=worker,
            version=visit.version,
            values={"place": "Home"},
            typed={"place": ["Home"]},
        )
        assert RecordVersion.objects.get().what == "Saved as a draft"

    def test_an_autosave_on_a_stale_version_is_reported_not_saved(self, case, worker):
        visit = actions.autosave(None, model=Visit, case=case, by=worker, version=None, typed={})
        stale = visit.version
        actions.autosave(
            visit, model=Visit, case=case, by=worker, version=stale, typed={"a": ["1"]}
        )
        response = signed_in_client(worker).post(
            reverse("recording:edit", args=["visit", visit.pk]),
            {"action": "autosave", "version": str(stale), "place": "Mine"},
            HTTP_X_KITH_AUTOSAVE="1",
        )
        assert (response.status_code, response.json()) == (409, {"state": "conflict"})
        visit.refresh_from_db()
        assert visit.draft == {"a": ["1"]}


class ConflictTests:
    def test_the_second_to_save_sees_both_versions_and_keeps_theirs(self, case, worker):
        colleague = make_user(team=case.team)
        visit = actions.save_draft(
            None,
            model=Visit,
            case=case,
            by=worker,
            version=None,
            values={"observations": "First words"},
            typed={"observations": ["First words"]},
        )
        opened_on = visit.version
        actions.save_draft(
            visit,
            model=Visit,
            case=case,
            by=worker,
            version=opened_on,
            values={"observations": "Worker's change"},
            typed={"observations": ["Worker's change"]},
        )
        response = signed_in_client(colleague).post(
            reverse("recording:edit", args=["visit", visit.pk]),
            {"action": "save", "version": str(opened_on), "observations": "Colleague's words"},
        )
        text = html.unescape(response.content.decode())
        assert response.status_code == 200
        assert "Someone else saved this record after you opened it" in text
        assert "Worker's change" in text  # theirs, shown
        assert "Colleague's words" in text  # yours, kept
        visit.refresh_from_db()
        assert visit.observations == "Worker's change"


class AuthorisationTests:
    def test_only_a_submitted_record_is_authorised(self, case, worker, persona):
        assessment = Assessment.objects.create(case=case, author=worker)
        with pytest.raises(ValidationError, match="not waiting"):
            actions.authorise(assessment, by=persona[Role.TEAM_MANAGER], version=None)

    def test_a_closure_is_refused_at_authorisation_if_an_assessment_reopened(
        self, case, worker, persona
    ):
        from kith.recording.models import Closure

        closure = Closure.objects.create(
            case=case,
            author=worker,
            status=Status.SUBMITTED,
            closed_on=today() - timedelta(days=1),
            reason="RC7",
        )
        Assessment.objects.create(case=case, author=worker, started_on=case.referral_date)
        with pytest.raises(ValidationError, match="not authorised yet"):
            actions.authorise(closure, by=persona[Role.TEAM_MANAGER], version=None)
        case.refresh_from_db()
        assert case.is_open


class ClosingTests:
    def test_a_closure_cannot_close_a_case_closed_since(self, case, worker, manager):
        closure = Closure.objects.create(
            case=case,
            author=worker,
            status=Status.SUBMITTED,
            closed_on=timezone.localdate(),
            reason="RC7",
        )
        Case.objects.filter(pk=case.pk).update(
            closed_on=case.referral_date, closure_reason="RC8", no_further_action=True
        )
        with pytest.raises(ValidationError, match="already closed"):
            actions.authorise(closure, by=manager, version=None)
        case.refresh_from_db()
        assert case.closure_reason == "RC8" and case.closed_on == case.referral_date

    def test_nothing_new_is_recorded_on_a_closed_case(self, case, worker):
        Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate(), closure_reason="RC7")
        response = signed_in_client(worker).post(
            reverse("recording:new", args=[case.pk, "closure"]),
            {"action": "submit", "reason": "RC1", "summary": "x"},
        )
        assert response.status_code == 302
        assert not Closure.objects.exists()
