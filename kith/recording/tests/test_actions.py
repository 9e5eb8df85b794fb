"""recording/actions.py: never lose a word, never overwrite silently."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.recording import actions
from kith.recording.models import (
    Assessment,
    ChildInNeedPlan,
    PlanAction,
    RecordVersion,
    Status,
    Visit,
)
from kith.test import make_case, make_person, make_user, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


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
        actions.save(
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
        visit = actions.save(
            None,
            model=Visit,
            case=case,
            by=worker,
            version=None,
            values={"observations": "First words"},
            typed={"observations": ["First words"]},
        )
        opened_on = visit.version
        actions.save(
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


class LockingAndAmendmentTests:
    def _final_visit(self, case, worker):
        return actions.save(
            None,
            model=Visit,
            case=case,
            by=worker,
            version=None,
            values={"visited_on": today(), "child_seen": "yes", "observations": "Original"},
            typed={},
            submit=True,
        )

    def test_a_final_record_cannot_be_changed_as_a_draft(self, case, worker):
        visit = self._final_visit(case, worker)
        with pytest.raises(ValidationError, match="amendment"):
            actions.save(
                visit,
                model=Visit,
                case=case,
                by=worker,
                version=visit.version,
                values={"observations": "Sneaky"},
                typed={},
            )
        page = signed_in_client(worker).get(reverse("recording:edit", args=["visit", visit.pk]))
        assert page.status_code == 302  # to the record, with a note about amendments

    def test_an_amendment_keeps_the_original_and_says_who_and_why(self, case, worker):
        visit = self._final_visit(case, worker)
        response = signed_in_client(worker).post(
            reverse("recording:amend", args=["visit", visit.pk]),
            {
                "version": str(visit.version),
                "why": "Wrong date typed",
                "visited_on_day": str(today().day),
                "visited_on_month": str(today().month),
                "visited_on_year": str(today().year),
                "child_seen": "yes",
                "observations": "Corrected",
            },
        )
        assert response.status_code == 302
        versions = list(RecordVersion.objects.filter(kind="visit").order_by("number"))
        assert [v.what for v in versions] == ["Recorded", "Amended: Wrong date typed"]
        assert versions[0].values["observations"] == "Original"
        assert versions[1].values["observations"] == "Corrected"
        assert AuditEvent.objects.filter(verb="record_amended", why="Wrong date typed").exists()
        history = signed_in_client(worker).get(
            reverse("recording:history", args=["visit", visit.pk])
        )
        text = history.content.decode()
        assert "Original" in text and "Corrected" in text and "Wrong date typed" in text

    def test_an_amendment_needs_a_reason(self, case, worker):
        visit = self._final_visit(case, worker)
        response = signed_in_client(worker).post(
            reverse("recording:amend", args=["visit", visit.pk]),
            {"version": str(visit.version), "child_seen": "yes", "observations": "Kept text"},
        )
        text = html.unescape(response.content.decode())
        assert "Enter why are you changing this record?" in text and "Kept text" in text


class PlanVersionTests:
    def test_updating_an_agreed_plan_keeps_its_earlier_actions(self, case, worker):
        plan = actions.save(
            None,
            model=ChildInNeedPlan,
            case=case,
            by=worker,
            version=None,
            values={"starts_on": today(), "needs": "Routine"},
            typed={},
            actions=[
                {
                    "what": "Walk to school",
                    "who": "Mum",
                    "by_when": None,
                    "progress": "",
                    "done": False,
                }
            ],
            submit=True,
        )
        assert plan.status == Status.FINAL and not plan.is_locked
        actions.save(
            plan,
            model=ChildInNeedPlan,
            case=case,
            by=worker,
            version=plan.version,
            values={"starts_on": today(), "needs": "Routine"},
            typed={},
            actions=[
                {
                    "what": "Bus to school",
                    "who": "Dad",
                    "by_when": None,
                    "progress": "",
                    "done": False,
                }
            ],
            submit=True,
        )
        assert [a.what for a in plan.current_actions()] == ["Bus to school"]
        assert PlanAction.objects.count() == 2  # the old action is kept, marked replaced
        versions = RecordVersion.objects.filter(kind="plan").order_by("number")
        assert [v.what for v in versions] == ["Recorded", "Updated"]
        assert versions[0].values["actions"][0]["what"] == "Walk to school"

    def test_a_review_needs_an_agreed_plan(self, case, worker):
        plan = ChildInNeedPlan.objects.create(case=case, author=worker)
        with pytest.raises(ValidationError):
            actions.review_plan(
                plan,
                by=worker,
                version=plan.version,
                held_on=today(),
                attendees="x",
                what_changed="y",
                decision="continue",
            )


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
