"""Each rule in recording/rules.py, directly, at its edges."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Case
from kith.recording import rules
from kith.recording.models import Assessment, ChildInNeedPlan, Closure, PlanReview, Status
from kith.recording.tests.test_finished_records import agreed_plan
from kith.test import make_case, make_person

MONDAY = date(2026, 11, 2)


def case(referral=MONDAY, closed_on=None) -> Case:
    return Case(pk=1, referral_date=referral, closed_on=closed_on, referral_source="2A")


def assessment(status=Status.DRAFT, *, started=MONDAY, authorised=None, outcome="", pk=1):
    a = Assessment(pk=pk, status=status, started_on=started, outcome=outcome)
    if authorised:
        a.authorised_at = timezone.make_aware(
            timezone.datetime.combine(authorised, timezone.datetime.min.time())
        ) + timedelta(hours=12)
    return a


def status(c, assessments=(), plans=(), closures=(), today=MONDAY):
    return rules.case_status(
        c, assessments=list(assessments), plans=list(plans), closures=list(closures), today=today
    )


class CaseStatusTests:
    def test_a_new_referral(self):
        assert status(case()) == "Referral: assessment not started"

    def test_an_assessment_moves_through_draft_waiting_and_assessed(self):
        assert status(case(), [assessment()]) == "Assessment in progress"
        assert status(case(), [assessment(Status.SUBMITTED)]) == (
            "Assessment waiting for authorisation"
        )
        assert status(case(), [assessment(Status.AUTHORISED, authorised=MONDAY)]) == "Assessed"

    def test_an_active_plan_is_the_status(self):
        plan = ChildInNeedPlan(status=Status.FINAL, starts_on=MONDAY)
        assert status(case(), [assessment(Status.AUTHORISED)], [plan]) == "Child in need plan"

    def test_a_plan_that_has_ended_is_not_active(self):
        plan = ChildInNeedPlan(status=Status.FINAL, starts_on=MONDAY, ends_on=MONDAY)
        later = MONDAY + timedelta(days=1)
        assert status(case(), [assessment(Status.AUTHORISED)], [plan], today=later) == "Assessed"
        assert plan.is_active(MONDAY)  # the end date itself is still in the plan

    def test_a_draft_plan_is_not_active(self):
        plan = ChildInNeedPlan(status=Status.DRAFT, starts_on=MONDAY)
        assert status(case(), [assessment(Status.AUTHORISED)], [plan]) == "Assessed"

    def test_a_submitted_closure_and_a_closed_case(self):
        closure = Closure(status=Status.SUBMITTED)
        assert status(case(), closures=[closure]) == "Closure waiting for authorisation"
        assert status(case(closed_on=MONDAY)) == "Closed"


class TimescaleTests:
    def test_assessment_due_is_45_working_days_from_the_referral(self):
        assert case(referral=date(2026, 9, 1)).assessment_due == date(2026, 11, 3)

    @pytest.mark.parametrize(
        ("today", "words", "state"),
        [
            (date(2026, 10, 30), "Due in 2 working days", "due"),  # Friday before a Tuesday
            (date(2026, 11, 2), "Due in 1 working day", "due"),
            (date(2026, 11, 3), "Due today", "due"),
            (date(2026, 11, 4), "1 working day overdue", "overdue"),
            (date(2026, 11, 10), "5 working days overdue", "overdue"),
        ],
    )
    def test_how_an_open_timescale_stands(self, today, words, state):
        t = rules.assessment_timescale(case(referral=date(2026, 9, 1)), [], today)
        assert (t.words, t.state) == (words, state)

    def test_authorised_on_the_due_date_is_in_time_and_a_day_later_is_late(self):
        c = case(referral=date(2026, 9, 1))
        on_time = rules.assessment_timescale(
            c, [assessment(Status.AUTHORISED, authorised=date(2026, 11, 3))], date(2026, 12, 1)
        )
        late = rules.assessment_timescale(
            c, [assessment(Status.AUTHORISED, authorised=date(2026, 11, 4))], date(2026, 12, 1)
        )
        assert (on_time.state, on_time.words) == ("met", "Done in time")
        assert (late.state, late.words) == ("late", "Done 1 working day late")

    def test_a_submitted_but_unauthorised_assessment_is_not_done(self):
        t = rules.assessment_timescale(case(), [assessment(Status.SUBMITTED)], MONDAY)
        assert t.done_on is None


class NextStepTests:
    def steps(self, c, assessments=(), plans=(), closures=()):
        return [
            (s.what, s.kind)
            for s in rules.next_steps(
                c,
                assessments=list(assessments),
                plans=list(plans),
                closures=list(closures),
                today=MONDAY,
            )
        ]

    def test_referral_suggests_the_assessment_with_its_due_date(self):
        found = rules.next_steps(case(), assessments=[], plans=[], closures=[], today=MONDAY)
        assert found[0].kind == "assessment" and found[0].due == case().assessment_due

    def test_a_draft_assessment_suggests_finishing_it(self):
        assert self.steps(case(), [assessment()]) == [("Finish and submit the assessment", "")]

    def test_a_submitted_assessment_waits_for_the_manager(self):
        assert self.steps(case(), [assessment(Status.SUBMITTED)])[0][0].startswith("A manager")

    def test_a_child_in_need_outcome_suggests_the_plan(self):
        a = assessment(Status.AUTHORISED, authorised=MONDAY, outcome="cin_plan")
        assert self.steps(case(), [a]) == [("Write the child in need plan", "plan")]

    @pytest.mark.parametrize("outcome", ["nfa", "early_help"])
    def test_no_further_action_or_early_help_suggests_closing(self, outcome):
        a = assessment(Status.AUTHORISED, authorised=MONDAY, outcome=outcome)
        assert self.steps(case(), [a]) == [("Close the case", "closure")]

    def test_a_closed_case_has_no_next_step(self):
        assert self.steps(case(closed_on=MONDAY)) == []

    def test_a_pending_closure_is_the_only_next_step(self):
        assert self.steps(case(), closures=[Closure(status=Status.DRAFT)]) == [
            ("Submit the closure", "")
        ]


class CheckTests:
    def test_no_factors_alone_is_fine_and_with_others_is_not(self):
        assert rules.factors_problem(["21"]) is None
        assert rules.factors_problem(["16A", "4B"]) is None
        assert rules.factors_problem([]) is None
        assert rules.factors_problem(["21", "16A"]) is not None

    def test_a_date_on_the_earliest_day_is_fine_and_a_day_before_is_not(self):
        assert rules.not_before(MONDAY, MONDAY, "The end date", "the start date") is None
        problem = rules.not_before(MONDAY - timedelta(days=1), MONDAY, "The end date", "the start")
        assert problem == "The end date must be on or after the start (2 November 2026)"
        assert rules.not_before(None, MONDAY, "x", "y") is None
        assert rules.not_before(MONDAY, None, "x", "y") is None

    def test_closure_needs_every_assessment_authorised(self):
        assert rules.closure_blockers([]) == []
        assert rules.closure_blockers([assessment(Status.AUTHORISED)]) == []
        assert len(rules.closure_blockers([assessment(Status.SUBMITTED), assessment()])) == 2
        assert "no start date" in rules.closure_blockers([assessment(started=None)])[0]

    def test_nobody_authorises_their_own_record(self):
        assert rules.authorisation_problem(5, 5) is not None
        assert rules.authorisation_problem(5, 6) is None

    def test_the_next_review_is_the_latest_review_s_date(self):
        plan = SimpleNamespace(
            reviews=SimpleNamespace(
                all=lambda: [
                    PlanReview(held_on=MONDAY, next_review_on=date(2027, 1, 1)),
                    PlanReview(
                        held_on=MONDAY + timedelta(weeks=12), next_review_on=date(2027, 4, 1)
                    ),
                ]
            )
        )
        assert rules.next_review_due(plan) == date(2027, 4, 1)  # type: ignore[arg-type]


@pytest.mark.django_db
class RuleEdgeTests:
    """The rules on a saved case and its records. The fixtures are the class's own, because
    this module's `case()` builds a Case that is never saved."""

    @pytest.fixture
    def worker(self, persona):
        return persona[Role.SOCIAL_WORKER]

    @pytest.fixture
    def case(self, worker):
        return make_case(make_person(first_name="Ellie"), worker=worker)

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
