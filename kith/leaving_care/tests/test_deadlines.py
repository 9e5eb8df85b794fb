"""A care leaver's deadlines from the rules: the needs assessment 3 months after becoming
eligible, the pathway plan reviewed within 6 months of the last, contact within 8 weeks of the
last (tries that did not reach them do not count), and each birthday's check."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kith.accounts.roles import Role
from kith.leaving_care.deadlines import leaving_care_deadlines
from kith.leaving_care.models import AdviserContact, BirthdayCheck, CareLeaver, PathwayPlan
from kith.leaving_care.status import birthday
from kith.lib.working_days import add_months
from kith.permanence.tests.builders import into_care
from kith.recording.models import RecordVersion, Status
from kith.test import make_case, make_person, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sixteen():
    """Kai, 16 and 2 months, looked after since he was 15."""
    worker = make_user(Role.SOCIAL_WORKER)
    today = timezone.localdate()
    born = add_months(today, -(16 * 12 + 2))
    case = make_case(
        make_person(first_name="Kai", date_of_birth=born),
        worker=worker,
        referral_date=birthday(born, 15) - timedelta(days=10),
    )
    into_care(case, birthday(born, 15), worker)
    return case, worker, born, today


def _wanted(case, rule):
    return [w for w in leaving_care_deadlines([case.pk]) if w.rule == rule]


def test_the_needs_assessment_is_due_3_months_after_becoming_eligible(sixteen):
    case, _worker, born, _today = sixteen
    (found,) = _wanted(case, "needs-assessment")
    assert (found.started_on, found.due_on, found.done_on) == (
        birthday(born, 16),
        add_months(birthday(born, 16), 3),
        None,
    )


def test_contact_is_due_8_weeks_after_the_last_that_reached_them(sixteen):
    case, worker, _born, today = sixteen
    leaver = CareLeaver.objects.create(
        child=case.child, case=case, started_on=today - timedelta(days=100), recorded_by=worker
    )
    AdviserContact.objects.create(
        leaver=leaver, contacted_on=today - timedelta(days=90), method="met", recorded_by=worker
    )
    AdviserContact.objects.create(
        leaver=leaver, contacted_on=today - timedelta(days=10), method="tried", recorded_by=worker
    )
    rows = sorted(_wanted(case, "adviser-contact"), key=lambda w: w.started_on)
    assert [(w.started_on, w.done_on) for w in rows] == [
        (today - timedelta(days=100), today - timedelta(days=90)),
        (today - timedelta(days=90), None),
    ]
    assert rows[-1].due_on == today - timedelta(days=90) + timedelta(weeks=8)


def _agreed(plan, worker, day, number):
    """A version of the plan as agreed on `day` (what recording keeps on each save)."""
    plan.agreed_on = day
    plan.save()
    RecordVersion.objects.create(
        kind="pathway-plan",
        record_id=plan.pk,
        number=number,
        status=Status.FINAL,
        values={"agreed_on": day.isoformat()},
        what="Recorded",
        by=worker,
    )


def test_the_pathway_plan_is_reviewed_within_6_months(sixteen):
    case, worker, _born, today = sixteen
    CareLeaver.objects.create(
        child=case.child, case=case, started_on=today - timedelta(days=400), recorded_by=worker
    )
    plan = PathwayPlan.objects.create(case=case, author=worker, status=Status.FINAL)
    first = today - timedelta(days=390)
    _agreed(plan, worker, first, 1)
    (found,) = _wanted(case, "pathway-plan-review")
    assert (found.started_on, found.due_on, found.done_on) == (first, add_months(first, 6), None)
    # Reviewed late, 9 months on, as an update of the same plan: the late review stays.
    late = add_months(first, 9)
    _agreed(plan, worker, late, 2)
    rows = sorted(_wanted(case, "pathway-plan-review"), key=lambda w: w.started_on)
    assert [(w.started_on, w.done_on) for w in rows] == [(first, late), (late, None)]
    assert rows[0].done_on > rows[0].due_on  # done late, kept as late


def test_each_birthday_check_appears_when_its_window_opens(sixteen):
    case, worker, born, today = sixteen
    leaver = CareLeaver.objects.create(
        child=case.child, case=case, started_on=today, recorded_by=worker
    )
    assert _wanted(case, "in-touch") == []  # the 17th's window opens 3 months before it
    BirthdayCheck.objects.create(
        leaver=leaver,
        age=17,
        checked_on=birthday(born, 17),
        in_touch="YES",
        activity="F2",
        accommodation="C",
        suitable=True,
        recorded_by=worker,
    )
    (found,) = _wanted(case, "in-touch")
    assert (found.about, found.done_on, found.due_on) == (
        "birthday 17",
        birthday(born, 17),
        add_months(birthday(born, 17), 1),
    )


def test_nobody_in_care_costs_one_query(django_assert_num_queries):
    case = make_case(make_person())
    with django_assert_num_queries(1):
        assert list(leaving_care_deadlines([case.pk])) == []
