"""Deadlines derived from a case's records: set when the record that starts the clock is saved,
done when the record that meets it is, no longer needed when its reason goes away; refreshing
is idempotent, and a changed local timescale reaches new plans only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases import actions as case_actions
from kith.jobs.models import JobStatus
from kith.jobs.queue import start as start_job
from kith.lib import timescales as rules
from kith.lib.timescales import Standing
from kith.lib.working_days import add_working_days
from kith.protection import actions as protection_actions
from kith.protection.models import ConferenceChild, CoreGroup, ProtectionPlan
from kith.protection.tests.builders import discussion_for
from kith.recording import actions as recording_actions
from kith.recording.models import Assessment, Status, Visit
from kith.test import make_case, make_person
from kith.timescales import actions
from kith.timescales.deadlines import NIGHTLY, refresh
from kith.timescales.models import Deadline
from kith.timescales.tests.builders import of
from kith.timescales.tests.builders import plan as _plan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_a_referral_sets_the_assessment_deadline_and_authorising_meets_it(persona):
    worker, manager = persona[Role.SOCIAL_WORKER], persona[Role.TEAM_MANAGER]
    referred = TODAY() - timedelta(days=20)
    case = case_actions.open_case(
        make_person(), by=worker, referral_date=referred, referral_source="2A", team=worker.team
    )
    [deadline] = of(case, "assessment")
    assert (deadline.started_on, deadline.due_on) == (referred, add_working_days(referred, 45))
    assert deadline.standing(TODAY()) == Standing.DUE
    assessment = Assessment.objects.create(
        case=case, author=worker, status=Status.SUBMITTED, started_on=referred
    )
    recording_actions.authorise(assessment, by=manager, version=None)
    [deadline] = of(case, "assessment")
    assert deadline.done_on == TODAY()
    assert deadline.standing(TODAY()) == Standing.ON_TIME


def test_no_further_action_on_the_referral_means_no_assessment_is_due(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = case_actions.open_case(
        make_person(), by=worker, referral_date=TODAY(), referral_source="2A", team=worker.team
    )
    case_actions.close_without_assessment(case, by=worker, version=None, why="Advice given")
    [deadline] = of(case, "assessment")
    assert deadline.withdrawn_on == TODAY()
    assert deadline.standing(TODAY() + timedelta(days=100)) == Standing.NOT_NEEDED


def test_the_initial_conference_deadline_follows_the_enquiry(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(), worker=worker)
    day = TODAY() - timedelta(days=30)
    discussion_for(case, day=day)
    refresh([case.pk])
    [deadline] = of(case, "initial-conference")
    assert deadline.due_on == add_working_days(day, 15)
    assert deadline.standing(TODAY()) == Standing.OVERDUE
    # The enquiry ends without a conference: nothing is due any more.
    enquiry = case.enquiries.get()
    protection_actions.update_enquiry(
        enquiry, by=worker, version=None, outcome="nfa", no_conference_reason="Not substantiated"
    )
    [deadline] = of(case, "initial-conference")
    assert deadline.withdrawn_on is not None
    # Changing the outcome back brings it back, with its due date.
    protection_actions.update_enquiry(enquiry, by=worker, version=None, outcome="icpc")
    [deadline] = of(case, "initial-conference")
    assert deadline.withdrawn_on is None
    assert deadline.due_on == add_working_days(day, 15)


def test_a_plan_sets_core_groups_reviews_and_visits(persona):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(), worker=worker, referral_date=date(2025, 1, 2))
    started = date(2025, 3, 3)  # a Monday
    plan = _plan(case, worker, chair, started, reviews=[date(2025, 6, 2)])
    CoreGroup.objects.create(
        plan=plan,
        held_on=date(2025, 3, 20),
        attendance="a",
        progress="p",
        decisions="d",
        recorded_by=worker,
    )
    for day in (date(2025, 3, 10), date(2025, 3, 10), date(2025, 4, 1)):  # two on one day
        Visit.objects.create(
            case=case, author=worker, status=Status.FINAL, visited_on=day, child_seen="yes"
        )
    Visit.objects.create(  # not seen: does not meet a visit deadline
        case=case, author=worker, status=Status.FINAL, visited_on=date(2025, 3, 5), child_seen="no"
    )
    refresh([case.pk], TODAY())

    [first] = of(case, "first-core-group")
    assert (first.due_on, first.done_on) == (date(2025, 3, 17), date(2025, 3, 20))  # late
    assert first.standing(TODAY()) == Standing.LATE
    [later] = of(case, "core-group")
    assert (later.started_on, later.due_on, later.done_on) == (
        date(2025, 3, 20),
        date(2025, 5, 1),
        None,
    )
    [first_review] = of(case, "first-review-conference")
    assert (first_review.due_on, first_review.done_on) == (date(2025, 6, 3), date(2025, 6, 2))
    [next_review] = of(case, "review-conference")
    assert next_review.due_on == date(2025, 12, 2)  # 6 months after the review
    visits = of(case, "protection-visit")
    assert [(v.started_on, v.due_on, v.done_on) for v in visits] == [
        (started, date(2025, 3, 17), date(2025, 3, 10)),
        (date(2025, 3, 10), date(2025, 3, 24), date(2025, 4, 1)),
        (date(2025, 4, 1), date(2025, 4, 15), None),
    ]


@pytest.mark.parametrize(
    ("set_for", "due"),
    [
        (date(2025, 5, 1), date(2025, 5, 1)),  # earlier than the law's latest: that date
        (date(2025, 7, 1), date(2025, 6, 3)),  # later: the law's latest (3 months)
        (None, date(2025, 6, 3)),
    ],
)
def test_the_next_review_is_the_date_the_conference_set_but_never_later_than_the_law(
    persona, set_for, due
):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(), worker=worker, referral_date=date(2025, 1, 2))
    _plan(case, worker, chair, date(2025, 3, 3))
    ConferenceChild.objects.filter(case=case).update(next_review_on=set_for)
    refresh([case.pk])
    [review] = of(case, "first-review-conference")
    assert review.due_on == due


def test_refreshing_twice_changes_nothing(persona, django_assert_num_queries):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(), worker=worker)
    _plan(case, worker, chair, TODAY() - timedelta(days=10))
    refresh([case.pk])
    before = list(Deadline.objects.order_by("pk").values())
    refresh([case.pk])
    assert list(Deadline.objects.order_by("pk").values()) == before


def test_refreshing_many_cases_takes_a_fixed_number_of_queries(
    persona, django_assert_max_num_queries
):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    cases = [make_case(make_person(), worker=worker) for _ in range(6)]
    for case in cases[:3]:
        _plan(case, worker, chair, TODAY() - timedelta(days=40))
        discussion_for(case, day=TODAY() - timedelta(days=50))
    # Assessments; conferences; enquiries; plans, core groups, conferences, visits; periods
    # of care (none here); stored deadlines; the insert.
    # One more each for permanence and leaving care: their periods of care.
    with django_assert_max_num_queries(13):
        refresh([c.pk for c in cases])
    assert Deadline.objects.filter(case__in=cases).count() > 6


def test_an_ended_plan_leaves_nothing_open(persona):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(), worker=worker)
    plan = _plan(case, worker, chair, TODAY() - timedelta(days=40))
    refresh([case.pk])
    assert Deadline.objects.filter(case=case, done_on=None, withdrawn_on=None).count() == 4
    protection_actions.end_plan(
        plan, by=worker, version=None, ended_on=TODAY(), end_reason="moved", end_note="Moved away"
    )
    open_now = Deadline.objects.filter(case=case, done_on=None, withdrawn_on=None)
    assert list(open_now.values_list("rule", flat=True)) == ["assessment"]


def test_a_changed_local_timescale_reaches_new_plans_only(persona):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    admin = persona[Role.ADMINISTRATOR]
    earlier = make_case(make_person(), worker=worker)
    started = TODAY() - timedelta(days=3)
    discussion_for(earlier, day=started - timedelta(days=5))

    def confer(case):
        protection_actions.record_conference(
            by=chair,
            kind="initial",
            held_on=started,
            chair=chair,
            attendance="a",
            social_worker_report="r",
            views="v",
            decisions=[
                {
                    "case": case,
                    "needs_plan": True,
                    "category": "NEG",
                    "next_review_on": started + timedelta(days=60),
                    "enquiry": case.enquiries.first(),
                }
            ],
        )
        return ProtectionPlan.objects.get(case=case)

    before = confer(earlier)
    actions.change_rule(
        "protection-visit", by=admin, offset=5, was=10, reason="Partnership procedures"
    )
    actions.change_rule("first-core-group", by=admin, offset=5, was=10, reason="Same")
    later = make_case(make_person(), worker=worker)
    discussion_for(later, day=started - timedelta(days=5))
    after = confer(later)
    assert (before.visit_every_working_days, before.first_core_group_within) == (10, 10)
    assert (after.visit_every_working_days, after.first_core_group_within) == (5, 5)
    refresh([earlier.pk, later.pk])
    [old] = of(earlier, "first-core-group")
    [new] = of(later, "first-core-group")
    assert old.due_on == add_working_days(started, 10)
    assert new.due_on == add_working_days(started, 5)
    assert rules.rule("protection-visit").offset == 5


def test_the_nightly_job_brings_every_open_case_s_deadlines_up_to_date(persona):
    worker = persona[Role.SOCIAL_WORKER]
    cases = [make_case(make_person(), worker=worker, referral_date=date(2026, 11, 2)) for _ in "ab"]
    closed = make_case(make_person(), worker=worker, referral_date=date(2026, 11, 2))
    closed.closed_on = date(2026, 11, 20)
    closed.save()
    Deadline.objects.all().delete()  # as if made before the rule (or the bank holiday) existed
    job = start_job(NIGHTLY, by=None)
    assert job.status == JobStatus.DONE and (job.done, job.total) == (2, 2)
    assert job.outcome == "The deadlines of 2 open cases brought up to date."
    assert {d.case_id for d in Deadline.objects.all()} == {c.pk for c in cases}
