"""The journey of a case through its pages, as the people who take part do it: a visit, an
assessment authorised by a manager (a restricted child is not listed to a manager not named), a
child in need plan, closure, and the case page. (The contact and its decision at the front door
are in kith/cases/tests/test_contacts.py.)"""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Case
from kith.people.restriction import restrict_record
from kith.recording import actions
from kith.recording.models import (
    Assessment,
    ChildInNeedPlan,
    Closure,
    RecordVersion,
    Status,
    Visit,
)
from kith.test import make_case, make_person, page_text, signed_in_client

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _date(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


@pytest.fixture
def manager(persona):
    return persona[Role.TEAM_MANAGER]


@pytest.fixture
def case(worker):
    return make_case(make_person(), worker=worker)


class VisitTests:
    def test_a_visit_is_recorded_on_one_page(self, case, worker):
        client = signed_in_client(worker)
        response = client.post(
            reverse("recording:new", args=[case.pk, "visit"]),
            {
                "action": "submit",
                **_date("visited_on", timezone.localdate()),
                "visited_time": "10:30",
                "child_seen": "yes",
                "seen_alone": "yes",
                "bedroom_seen": "yes",
                "observations": "Warm, tidy home.",
            },
        )
        visit = Visit.objects.get()
        assert response.status_code == 302
        assert visit.status == "final" and visit.child_seen == "yes" and visit.is_locked
        assert RecordVersion.objects.filter(kind="visit", record_id=visit.pk).count() == 1

    def test_a_visit_needs_only_its_date_and_whether_the_child_was_seen(self, case, worker):
        response = signed_in_client(worker).post(
            reverse("recording:new", args=[case.pk, "visit"]),
            {"action": "submit", "observations": "Typed before the date"},
        )
        text = response.content.decode()
        assert response.status_code == 200
        assert "Enter date of the visit" in text and "Select was the child seen?" in text
        assert "Typed before the date" in text  # nothing lost
        assert Visit.objects.get().draft["observations"] == ["Typed before the date"]


class AssessmentTests:
    def _submit(self, client, case, **extra):
        return client.post(
            reverse("recording:new", args=[case.pk, "assessment"]),
            {
                "action": "submit",
                **_date("started_on", case.referral_date),
                "analysis": "Ellie is safe but her needs are not met.",
                "factors": ["16A", "4B"],
                "outcome": "cin_plan",
                "primary_need": "N1",
                **extra,
            },
        )

    def test_a_manager_authorises_and_the_case_gets_its_need(self, case, worker, manager):
        self._submit(signed_in_client(worker), case)
        assessment = Assessment.objects.get()
        assert assessment.status == "submitted"
        waiting = signed_in_client(manager).get(reverse("recording:waiting"))
        assert case.child.full_name in waiting.content.decode()
        signed_in_client(manager).post(
            reverse("recording:decide", args=["assessment", assessment.pk]),
            {"decision": "authorise", "version": assessment.version},
        )
        assessment.refresh_from_db()
        case.refresh_from_db()
        assert assessment.status == "authorised"
        assert assessment.completed_on == timezone.localdate()
        assert case.primary_need == "N1"

    def test_no_factors_cannot_stand_with_other_factors(self, case, worker):
        response = self._submit(signed_in_client(worker), case, factors=["21", "16A"])
        assert "'No factors identified' cannot be chosen with other factors" in _text(response)

    def test_a_manager_can_return_it_with_comments(self, case, worker, manager):
        self._submit(signed_in_client(worker), case)
        assessment = Assessment.objects.get()
        signed_in_client(manager).post(
            reverse("recording:decide", args=["assessment", assessment.pk]),
            {
                "decision": "return",
                "version": assessment.version,
                "comments": "Add the child's views.",
            },
        )
        assessment.refresh_from_db()
        assert assessment.status == "draft"
        page = signed_in_client(worker).get(
            reverse("recording:edit", args=["assessment", assessment.pk])
        )
        assert "Add the child's views." in _text(page)


class PlanTests:
    def test_a_plan_with_three_actions(self, case, worker):
        client = signed_in_client(worker)
        data = {
            "action": "submit",
            **_date("starts_on", timezone.localdate()),
            "needs": "Ellie needs to get to school every day.",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
        }
        for i, (what, who) in enumerate(
            [
                ("Walk to school", "Mum"),
                ("Attendance check", "School"),
                ("Parenting course", "Early help"),
            ]
        ):
            data[f"actions-{i}-what"] = what
            data[f"actions-{i}-who"] = who
        response = client.post(reverse("recording:new", args=[case.pk, "plan"]), data)
        plan = ChildInNeedPlan.objects.get()
        assert response.status_code == 302, response.content.decode()[:2000]
        assert [a.who for a in plan.current_actions()] == ["Mum", "School", "Early help"]
        pdf = client.get(reverse("recording:plan_pdf", args=[plan.pk]))
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    def test_a_plan_without_actions_is_refused_and_kept(self, case, worker):
        response = signed_in_client(worker).post(
            reverse("recording:new", args=[case.pk, "plan"]),
            {
                "action": "submit",
                **_date("starts_on", timezone.localdate()),
                "needs": "Kept words",
                "actions-TOTAL_FORMS": "3",
                "actions-INITIAL_FORMS": "0",
            },
        )
        text = response.content.decode()
        assert "Add at least one action" in text and "Kept words" in text


class ClosureTests:
    def test_a_case_cannot_close_with_an_unauthorised_assessment(self, case, worker):
        Assessment.objects.create(case=case, author=worker, started_on=case.referral_date)
        response = signed_in_client(worker).post(
            reverse("recording:new", args=[case.pk, "closure"]),
            {
                "action": "submit",
                **_date("closed_on", timezone.localdate()),
                "reason": "RC8",
                "summary": "All well",
            },
        )
        assert "is not authorised yet" in _text(response)
        assert Closure.objects.get().status == "draft"  # kept as a draft

    def test_an_authorised_closure_closes_the_case(self, case, worker, manager):
        signed_in_client(worker).post(
            reverse("recording:new", args=[case.pk, "closure"]),
            {
                "action": "submit",
                **_date("closed_on", timezone.localdate()),
                "reason": "RC7",
                "summary": "Done",
            },
        )
        closure = Closure.objects.get()
        signed_in_client(manager).post(
            reverse("recording:decide", args=["closure", closure.pk]),
            {"decision": "authorise", "version": closure.version},
        )
        case.refresh_from_db()
        assert case.closed_on == timezone.localdate() and case.closure_reason == "RC7"

    def test_nobody_authorises_their_own_record(self, persona, manager):
        case = make_case(make_person(), team=manager.team, opened_by=manager)
        closure = Closure.objects.create(
            case=case,
            author=manager,
            status="submitted",
            closed_on=timezone.localdate() - timedelta(days=1),
            reason="RC7",
        )
        signed_in_client(manager).post(
            reverse("recording:decide", args=["closure", closure.pk]),
            {"decision": "authorise", "version": closure.version},
        )
        closure.refresh_from_db()
        assert closure.status == "submitted"


class PagesTests:
    def test_the_case_page_shows_status_and_next_step(self, case, worker):
        page = signed_in_client(worker).get(reverse("recording:case", args=[case.pk]))
        text = page.content.decode()
        assert page.status_code == 200
        assert "Referral: assessment not started" in text
        assert "Start the child and family assessment" in text


class WaitingListTests:
    def test_a_restricted_child_is_not_listed_to_a_manager_not_named(
        self, case, worker, manager, persona
    ):
        Assessment.objects.create(
            case=case, author=worker, status=Status.SUBMITTED, submitted_at=timezone.now()
        )
        restrict_record(case.child, by=persona[Role.HEAD_OF_SERVICE], why="Staff member's child")
        page = page_text(signed_in_client(manager).get(reverse("recording:waiting")))
        assert "Ellie" not in page and "Nothing is waiting for you" in page


class PageTests:
    def test_errors_in_a_plan_s_action_rows_are_in_the_summary(self, case, worker):
        response = signed_in_client(worker).post(
            reverse("recording:new", args=[case.pk, "plan"]),
            {
                "action": "submit",
                "needs": "x",
                "actions-TOTAL_FORMS": "3",
                "actions-INITIAL_FORMS": "0",
                "actions-0-what": "Walk to school",
            },
        )
        page = page_text(response)
        assert "<title>Error:" in page
        assert 'href="#id_actions-0-who"' in page

    def test_history_speaks_in_words_not_codes(self, case, worker, manager):
        closure = Closure.objects.create(
            case=case,
            author=worker,
            status=Status.SUBMITTED,
            closed_on=timezone.localdate(),
            reason="RC7",
            summary="x",
        )
        actions.authorise(closure, by=manager, version=None)
        page = page_text(
            signed_in_client(worker).get(reverse("recording:history", args=["closure", closure.pk]))
        )
        assert "Services ended, for example the child is no longer in need" in page
        assert ">RC7<" not in page

    def test_a_closed_case_does_not_show_an_assessment_overdue(self, case, worker):
        Case.objects.filter(pk=case.pk).update(
            referral_date=date(2024, 1, 2), closed_on=date(2024, 1, 2), no_further_action=True
        )
        page = page_text(signed_in_client(worker).get(reverse("recording:case", args=[case.pk])))
        assert "overdue" not in page and "Not needed" in page
