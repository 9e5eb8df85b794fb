"""Edges found by an independent review of the casework code, each kept fixed by a test."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases import actions as case_actions
from kith.cases.forms import AllocationForm
from kith.cases.models import Case, Contact
from kith.people.restriction import restrict_record
from kith.recording import actions, rules
from kith.recording.models import (
    Assessment,
    ChildInNeedPlan,
    Closure,
    PlanAction,
    PlanReview,
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
    return make_case(make_person(first_name="Ellie"), worker=worker)


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


def make_client_for_colleague(case):
    return signed_in_client(make_user(team=case.team))


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

    def test_no_further_action_is_refused_while_a_closure_is_under_way(self, case, worker):
        Closure.objects.create(case=case, author=worker, status=Status.SUBMITTED)
        with pytest.raises(ValidationError, match="closure has been started"):
            case_actions.close_without_assessment(case, by=worker, version=case.version, why="x")

    def test_nothing_new_is_recorded_on_a_closed_case(self, case, worker):
        Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate(), closure_reason="RC7")
        response = signed_in_client(worker).post(
            reverse("recording:new", args=[case.pk, "closure"]),
            {"action": "submit", "reason": "RC1", "summary": "x"},
        )
        assert response.status_code == 302
        assert not Closure.objects.exists()

    def test_a_closed_case_cannot_be_allocated(self, case, manager):
        Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate())
        case.refresh_from_db()
        with pytest.raises(ValidationError, match="closed"):
            case_actions.allocate(
                case, by=manager, version=case.version, team=case.team, worker=None
            )
        assert (
            signed_in_client(manager).get(reverse("cases:allocate", args=[case.pk])).status_code
            == 302
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


class ContactEdgeTests:
    def test_a_refused_decision_does_not_save_the_contact(self, case, persona):
        now = timezone.localtime()
        response = signed_in_client(persona[Role.FRONT_DOOR]).post(
            reverse("cases:new_contact") + f"?child={case.child.pk}",
            {
                "received_on_day": now.day,
                "received_on_month": now.month,
                "received_on_year": now.year,
                "received_time": "00:00",
                "referrer_name": "x",
                "source": "2A",
                "worries": "Kept worry",
                "outcome": "referral",
                "decision_reasons": "Bruise",
                "team": str(case.team.pk),
                "primary_need": "N1",
            },
        )
        page = page_text(response)
        assert "already has an open case" in page and "Kept worry" in page
        assert not Contact.objects.exists()

    def test_a_referred_contact_keeps_its_child(self, case, persona):
        contact = Contact.objects.create(
            received_at=timezone.now(),
            child=case.child,
            case=case,
            referrer_name="x",
            source="2A",
            worries="y",
            outcome="referral",
            recorded_by=persona[Role.FRONT_DOOR],
        )
        other = make_person(first_name="Other")
        signed_in_client(persona[Role.FRONT_DOOR]).post(
            reverse("cases:match", args=[contact.pk]),
            {"person": other.pk, "version": contact.version},
        )
        contact.refresh_from_db()
        assert contact.child == case.child
        with pytest.raises(ValidationError):
            case_actions.match_contact(
                contact, child=other, by=persona[Role.FRONT_DOOR], version=None
            )

    def test_matching_needs_the_page_s_version(self, persona):
        contact = Contact.objects.create(
            received_at=timezone.now(),
            referrer_name="x",
            source="2A",
            worries="y",
            recorded_by=persona[Role.FRONT_DOOR],
        )
        with pytest.raises(ValidationError, match="out of date"):
            case_actions.match_contact(
                contact, child=make_person(), by=persona[Role.FRONT_DOOR], version=None
            )

    def test_feedback_waits_for_the_decision_and_is_not_wiped_by_it(self, persona):
        front_door = persona[Role.FRONT_DOOR]
        contact = Contact.objects.create(
            received_at=timezone.now(),
            referrer_name="x",
            source="2A",
            worries="y",
            recorded_by=front_door,
        )
        assert (
            signed_in_client(front_door)
            .get(reverse("cases:feedback", args=[contact.pk]))
            .status_code
            == 302
        )
        with pytest.raises(ValidationError):
            case_actions.record_feedback(
                contact, by=front_door, version=None, feedback="x", feedback_given_on=None
            )
        case_actions.decide_contact(
            contact,
            by=front_door,
            version=None,
            outcome="advice",
            decision_reasons="Advice",
            feedback="We told them",
            feedback_given_on=timezone.localdate(),
        )
        contact.refresh_from_db()
        assert contact.feedback == "We told them"


class OddInputTests:
    @pytest.mark.parametrize(
        "url", ["/cases/contacts/new/?child=²", "/cases/contacts/new/?child=٣"]
    )
    def test_odd_digits_in_an_address_are_no_crash(self, persona, url):
        assert signed_in_client(persona[Role.FRONT_DOOR]).get(url).status_code in (200, 404)

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

    def test_only_case_holders_are_offered_as_the_worker(self, case, persona):
        form = AllocationForm()
        offered = set(form.fields["worker"].queryset)
        assert persona[Role.SOCIAL_WORKER] in offered
        assert persona[Role.DATA_OFFICER] not in offered


class RuleEdgeTests:
    def test_a_friday_due_date_read_at_the_weekend_is_overdue(self):
        case = Case(referral_date=date(2026, 9, 1), referral_source="2A")
        friday = rules.Timescale("x", date(2026, 11, 6), None, date(2026, 11, 7))
        assert (friday.state, friday.words) == ("overdue", "1 working day overdue")
        done_saturday = rules.Timescale(
            "x", date(2026, 11, 6), date(2026, 11, 7), date(2026, 11, 9)
        )
        assert (done_saturday.state, done_saturday.words) == ("late", "Done 1 working day late")
        assert case.assessment_due == date(2026, 11, 3)

    def test_a_draft_plan_after_assessment_is_the_next_step(self, case, worker):
        assessment = Assessment(
            pk=1, status=Status.AUTHORISED, outcome="cin_plan", authorised_at=timezone.now()
        )
        plan = ChildInNeedPlan(pk=7, status=Status.DRAFT)
        steps = rules.next_steps(
            case, assessments=[assessment], plans=[plan], closures=[], today=timezone.localdate()
        )
        assert steps[0].what == "Finish and agree the child in need plan"
        assert steps[0].record is plan

    def test_the_review_step_is_about_the_active_plan(self, case, worker):
        old = ChildInNeedPlan.objects.create(
            case=case,
            author=worker,
            status=Status.FINAL,
            starts_on=case.referral_date,
            ends_on=case.referral_date,
        )
        current = agreed_plan(case, worker)
        assessment = Assessment(
            pk=1, status=Status.AUTHORISED, outcome="cin_plan", authorised_at=timezone.now()
        )
        steps = rules.next_steps(
            case,
            assessments=[assessment],
            plans=[old, current],
            closures=[],
            today=timezone.localdate(),
        )
        assert steps[1].kind == "review" and steps[1].record == current

    def test_the_latest_review_decides_the_next_review(self, case, worker):
        plan = agreed_plan(case, worker)
        today = timezone.localdate()
        PlanReview.objects.create(
            plan=plan,
            held_on=today - timedelta(days=90),
            attendees="a",
            what_changed="b",
            decision="continue",
            next_review_on=today - timedelta(days=1),
            recorded_by=worker,
        )
        PlanReview.objects.create(
            plan=plan,
            held_on=today,
            attendees="a",
            what_changed="b",
            decision="continue",
            recorded_by=worker,
        )
        assert rules.next_review_due(plan) is None


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
