"""Once a record is finished: a final record is locked and changed only by an amendment that says
who and why, keeping what it said before (a correction to a closure or an assessment reaches
the case); an agreed plan is updated as a new version, its earlier actions kept, and stays as
agreed until an update is saved."""

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
    Closure,
    PlanAction,
    RecordVersion,
    Status,
    Visit,
)
from kith.test import make_case, make_person, make_user, page_text, signed_in_client

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


def agreed_plan(case, worker):
    plan = ChildInNeedPlan.objects.create(
        case=case,
        author=worker,
        status=Status.FINAL,
        starts_on=timezone.localdate(),
        needs="Agreed needs",
    )
    PlanAction.objects.create(plan=plan, position=1, what="Walk to school", who="Mum")
    PlanAction.objects.create(plan=plan, position=2, what="Check attendance", who="School")
    return plan


def make_client_for_colleague(case):
    return signed_in_client(make_user(team=case.team))


class LockingAndAmendmentTests:
    def _final_visit(self, case, worker):
        return actions.submit_record(
            None,
            model=Visit,
            case=case,
            by=worker,
            version=None,
            values={"visited_on": today(), "child_seen": "yes", "observations": "Original"},
        )

    def test_a_final_record_cannot_be_changed_as_a_draft(self, case, worker):
        visit = self._final_visit(case, worker)
        with pytest.raises(ValidationError, match="amendment"):
            actions.save_draft(
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
        plan = actions.submit_record(
            None,
            model=ChildInNeedPlan,
            case=case,
            by=worker,
            version=None,
            values={"starts_on": today(), "needs": "Routine"},
            actions=[
                {
                    "what": "Walk to school",
                    "who": "Mum",
                    "by_when": None,
                    "progress": "",
                    "done": False,
                }
            ],
        )
        assert plan.status == Status.FINAL and not plan.is_locked
        actions.submit_record(
            plan,
            model=ChildInNeedPlan,
            case=case,
            by=worker,
            version=plan.version,
            values={"starts_on": today(), "needs": "Routine"},
            actions=[
                {
                    "what": "Bus to school",
                    "who": "Dad",
                    "by_when": None,
                    "progress": "",
                    "done": False,
                }
            ],
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


class AgreedPlanTests:
    def test_adding_a_row_to_an_agreed_plan_keeps_the_plan_as_agreed(self, case, worker):
        plan = agreed_plan(case, worker)
        response = signed_in_client(worker).post(
            reverse("recording:edit", args=["plan", plan.pk]),
            {
                "action": "add_action",
                "version": plan.version,
                "needs": "",
                "actions-TOTAL_FORMS": "2",
                "actions-INITIAL_FORMS": "0",
                "actions-0-what": "Walk to school",
                "actions-0-who": "",
                "actions-1-what": "x",
                "actions-1-who": "y",
                "actions-1-by_when_day": "31",
                "actions-1-by_when_month": "2",
                "actions-1-by_when_year": "2027",
            },
        )
        assert response.status_code == 302 and response["Location"].endswith("?more=1")
        plan.refresh_from_db()
        assert plan.status == Status.FINAL and plan.needs == "Agreed needs"
        assert [a.who for a in plan.current_actions()] == ["Mum", "School"]
        assert not RecordVersion.objects.filter(kind="plan", what="Updated").exists()
        page = page_text(
            signed_in_client(worker).get(
                reverse("recording:edit", args=["plan", plan.pk]) + "?more=1"
            )
        )
        assert 'value="31"' in page  # what was typed is kept for the update

    def test_the_record_page_shows_the_agreed_plan_not_an_unsaved_update(self, case, worker):
        plan = agreed_plan(case, worker)
        actions.autosave(
            plan,
            model=ChildInNeedPlan,
            case=case,
            by=worker,
            version=plan.version,
            typed={"needs": ["NOT AGREED YET"]},
        )
        page = page_text(
            make_client_for_colleague(case).get(reverse("recording:record", args=["plan", plan.pk]))
        )
        assert "Agreed needs" in page and "NOT AGREED YET" not in page
        assert "not saved yet" in page

    def test_a_draft_plan_is_not_printed_for_the_family(self, case, worker):
        plan = ChildInNeedPlan.objects.create(case=case, author=worker)
        assert (
            signed_in_client(worker).get(reverse("recording:plan_pdf", args=[plan.pk])).status_code
            == 404
        )


class AmendmentCarriesTests:
    def test_amending_an_authorised_closure_corrects_the_case(self, case, worker, manager):
        closure = Closure.objects.create(
            case=case,
            author=worker,
            status=Status.SUBMITTED,
            closed_on=timezone.localdate(),
            reason="RC7",
            summary="x",
        )
        actions.authorise(closure, by=manager, version=None)
        earlier = timezone.localdate() - timedelta(days=3)
        actions.amend(
            closure,
            by=worker,
            version=closure.version,
            values={"closed_on": earlier, "reason": "RC1"},
            why="Wrong date",
        )
        case.refresh_from_db()
        assert case.closed_on == earlier and case.closure_reason == "RC1"

    def test_amending_the_latest_assessment_corrects_the_main_need(self, case, worker, manager):
        assessment = Assessment.objects.create(
            case=case,
            author=worker,
            status=Status.SUBMITTED,
            primary_need="N1",
            started_on=case.referral_date,
        )
        actions.authorise(assessment, by=manager, version=None)
        actions.amend(
            assessment,
            by=worker,
            version=assessment.version,
            values={"primary_need": "N3"},
            why="Wrong need chosen",
        )
        case.refresh_from_db()
        assert case.primary_need == "N3"

    def test_a_stale_amendment_shows_theirs_and_keeps_the_page_s_version(self, case, worker):
        visit = Visit.objects.create(
            case=case,
            author=worker,
            status=Status.FINAL,
            visited_on=timezone.localdate(),
            child_seen="yes",
            observations="Original",
        )
        opened = visit.version
        actions.amend(
            visit, by=worker, version=opened, values={"observations": "THEIRS"}, why="x y z"
        )
        today = timezone.localdate()
        response = signed_in_client(worker).post(
            reverse("recording:amend", args=["visit", visit.pk]),
            {
                "version": str(opened),
                "why": "My correction",
                "child_seen": "yes",
                "observations": "MINE",
                "visited_on_day": today.day,
                "visited_on_month": today.month,
                "visited_on_year": today.year,
            },
        )
        page = page_text(response)
        assert "THEIRS" in page and "MINE" in page and "Someone else changed this record" in page
        visit.refresh_from_db()
        assert visit.observations == "THEIRS"

    def test_the_amend_page_has_one_error_summary(self, case, worker):
        visit = Visit.objects.create(
            case=case,
            author=worker,
            status=Status.FINAL,
            visited_on=timezone.localdate(),
            child_seen="yes",
        )
        page = page_text(
            signed_in_client(worker).post(
                reverse("recording:amend", args=["visit", visit.pk]),
                {"version": str(visit.version)},
            )
        )
        assert page.count("There is a problem") == 1
        assert (
            "Enter why are you changing this record?" in page
            and "Select was the child seen?" in page
        )
