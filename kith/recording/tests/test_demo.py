"""The demo authority's casework hangs together: what the demo shows is what Kith's own rules
would allow a worker to record."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from kith.accounts.models import User
from kith.cases.models import Case, Contact
from kith.recording.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    Closure,
    RecordVersion,
    Status,
    Visit,
)
from kith.recording.rules import factors_problem

TODAY = date(2026, 11, 21)


@pytest.fixture
def built(db):
    call_command(
        "seed_demo",
        "--children",
        "600",
        "--seed",
        "3",
        "--today",
        TODAY.isoformat(),
        stdout=StringIO(),
    )


class DemoCaseworkTests:
    def test_there_are_contacts_most_not_referred_and_some_waiting(self, built):
        contacts = Contact.objects.all()
        referred = contacts.filter(outcome="referral").count()
        assert contacts.count() > 100
        assert referred < contacts.count() / 2
        assert contacts.filter(outcome="nfa").exists()
        assert contacts.filter(outcome="early_help").exists()

    def test_a_child_has_at_most_one_open_case(self, built):
        assert not (
            Case.objects.filter(closed_on__isnull=True)
            .values("child")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .exists()
        )

    def test_every_closed_case_after_assessment_has_an_authorised_closure_on_its_date(self, built):
        for case in Case.objects.filter(closed_on__isnull=False, no_further_action=False):
            closure = Closure.objects.get(case=case)
            assert closure.status == Status.AUTHORISED
            assert closure.closed_on == case.closed_on
            assert closure.reason == case.closure_reason
            assert not case.assessments.exclude(status=Status.AUTHORISED).exists()

    def test_a_referral_with_no_further_action_closes_on_its_referral_date(self, built):
        cases = Case.objects.filter(no_further_action=True)
        assert cases.exists()
        for case in cases:
            assert case.closed_on == case.referral_date and case.closure_reason == "RC8"

    def test_records_are_dated_within_their_case_and_never_in_the_future(self, built):
        for visit in Visit.objects.select_related("case"):
            assert visit.case.referral_date <= visit.visited_on <= TODAY
            if visit.case.closed_on:
                assert visit.visited_on <= visit.case.closed_on
        for note in CaseNote.objects.select_related("case"):
            assert note.case.referral_date <= note.happened_on_date <= TODAY

    def test_factors_follow_the_census_rule(self, built):
        for assessment in Assessment.objects.exclude(status=Status.DRAFT):
            assert assessment.factors and factors_problem(assessment.factors) is None

    def test_the_named_worker_has_a_caseload_and_their_manager_work_to_authorise(self, built):
        worker = User.objects.get(username="social.worker")
        assert Case.objects.filter(worker=worker, closed_on__isnull=True).count() >= 5
        manager = User.objects.get(username="team.manager")
        waiting = (
            Assessment.objects.filter(status=Status.SUBMITTED, case__team__manager=manager).count()
            + Closure.objects.filter(status=Status.SUBMITTED, case__team__manager=manager).count()
        )
        assert waiting >= 1

    def test_plans_have_three_actions_and_every_finished_record_a_version(self, built):
        plans = ChildInNeedPlan.objects.all()
        assert plans.exists()
        for plan in plans:
            assert len(plan.current_actions()) == 3
        finished = Visit.objects.exclude(status=Status.DRAFT).count()
        assert RecordVersion.objects.filter(kind="visit").count() == finished
