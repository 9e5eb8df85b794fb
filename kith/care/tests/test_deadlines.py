"""The deadlines a looked-after child's record sets, from the rules as data: the care plan, the
reviews (20 working days, 3 months, then 6 months), regulation 28 visits, health assessments
and reviews, and the education plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kith.accounts.roles import Role
from kith.care.actions import Coming, come_into_care, record_check, record_move, record_review
from kith.care.deadlines import care_deadlines, visit_interval
from kith.care.models import Placement
from kith.lib.working_days import add_months, add_working_days
from kith.recording.models import Status, Visit
from kith.test import make_case, make_person

pytestmark = pytest.mark.django_db
START = date(2025, 1, 6)  # a Monday


@pytest.fixture
def period(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(
        make_person(date_of_birth=date(2022, 5, 1)),
        worker=worker,
        referral_date=START - timedelta(days=30),
    )
    return come_into_care(
        [case],
        by=worker,
        coming=Coming(
            started_on=START,
            legal_status="C1",
            need="N1",
            previous_permanence="Z1",
            placement={"kind": "U6", "provider": "PR1", "carer": "The Okafors"},
        ),
    )[0]


def _wanted(period):  # type: ignore[no-untyped-def]
    return {(w.rule, w.about): w for w in care_deadlines([period.case_id])}


def _by_rule(period, rule):  # type: ignore[no-untyped-def]
    return sorted(
        (w for w in care_deadlines([period.case_id]) if w.rule == rule), key=lambda w: w.due_on
    )


def test_on_coming_into_care(period):
    due = {w.rule: w.due_on for w in care_deadlines([period.case_id])}
    assert due["care-plan"] == add_working_days(START, 10)
    assert due["first-care-review"] == add_working_days(START, 20)
    assert due["placement-visit"] == START + timedelta(weeks=1)
    assert due["health-assessment"] == add_working_days(START, 20)
    assert due["pep"] == add_working_days(START, 10)


def test_reviews_at_20_working_days_then_3_months_then_6(period, persona):
    chair = persona[Role.CHAIR]
    first = add_working_days(START, 18)
    second = add_months(first, 3)
    for held in (first, second):
        record_review(
            period,
            by=chair,
            recommendations=[],
            held_on=held,
            chair=chair,
            participation="PN0",
            discussion="d",
        )
    first_review, second_review, later = (
        _by_rule(period, "first-care-review"),
        _by_rule(period, "second-care-review"),
        _by_rule(period, "care-review"),
    )
    assert first_review[0].done_on == first
    assert (second_review[0].due_on, second_review[0].done_on) == (add_months(first, 3), second)
    assert (later[0].due_on, later[0].done_on) == (add_months(second, 6), None)


def _visit(period, day):  # type: ignore[no-untyped-def]
    Visit.objects.create(
        case_id=period.case_id,
        author=period.recorded_by,
        status=Status.FINAL,
        visited_on=day,
        child_seen="yes",
    )


def test_visits_within_a_week_of_each_placement_then_every_6_weeks(period, persona):
    _visit(period, START + timedelta(days=6))
    placement_visit = _by_rule(period, "placement-visit")[0]
    assert placement_visit.done_on == START + timedelta(days=6)
    after = _by_rule(period, "care-visit")[0]
    assert after.due_on == START + timedelta(days=6, weeks=6)
    record_move(
        period,
        by=persona[Role.SOCIAL_WORKER],
        version=None,
        change_reason="CARPL",
        started_on=START + timedelta(days=20),
        kind="U4",
        provider="PR1",
        carer="Ms Ahmed",
    )
    new_one = next(w for w in _by_rule(period, "placement-visit") if w.started_on != START)
    assert (new_one.due_on, new_one.done_on) == (START + timedelta(days=27), None)


def test_regulation_28_intervals():
    day = date(2026, 6, 1)
    foster = Placement(kind="U6", started_on=date(2024, 1, 1))
    assert visit_interval(foster, "C2", day, reviewed=True) == timedelta(weeks=6)
    long_term = Placement(kind="U4", started_on=date(2024, 1, 1))
    assert visit_interval(long_term, "C2", day, reviewed=True) == add_months(day, 3) - day
    # In the first year of a long-term placement: still 6 weeks.
    young = Placement(kind="U4", started_on=date(2025, 6, 2))
    assert visit_interval(young, "C2", day, reviewed=True) == timedelta(weeks=6)
    exactly_a_year = Placement(kind="U4", started_on=date(2025, 6, 1))
    assert visit_interval(exactly_a_year, "C2", day, reviewed=True) == add_months(day, 3) - day
    # Placed with a parent before the assessment is complete: weekly until the first review,
    # then 6 weeks (28(3)); on an interim care order, then 4 weeks (28(4)); on a care order,
    # 6 weeks (28(5)).
    home = Placement(kind="P1", started_on=date(2026, 5, 1))
    assert visit_interval(home, "L2", day, reviewed=False) == timedelta(weeks=1)
    assert visit_interval(home, "L2", day, reviewed=True) == timedelta(weeks=6)
    assert visit_interval(home, "C1", day, reviewed=False) == timedelta(weeks=1)
    assert visit_interval(home, "C1", day, reviewed=True) == timedelta(weeks=4)
    assert visit_interval(home, "C2", day, reviewed=False) == timedelta(weeks=6)
    # With a relative or friend approved for now: weekly until the first review, then 4 weeks.
    connected = Placement(kind="U3", started_on=date(2026, 5, 1), temporary_approval=True)
    assert visit_interval(connected, "C1", day, reviewed=False) == timedelta(weeks=1)
    assert visit_interval(connected, "C1", day, reviewed=True) == timedelta(weeks=4)


def test_health_reviews_every_6_months_under_5_then_every_12(period, persona):
    worker = persona[Role.SOCIAL_WORKER]
    assessed = START + timedelta(days=10)
    record_check(period.case, by=worker, kind="iha", done_on=assessed)
    review = _by_rule(period, "health-review")[0]
    assert review.due_on == add_months(assessed, 6)  # born May 2022: under 5
    fifth_birthday = date(2027, 5, 1)
    record_check(period.case, by=worker, kind="health_review", done_on=fifth_birthday)
    reviews = _by_rule(period, "health-review")
    assert reviews[-1].due_on == add_months(fifth_birthday, 12)
    assert _by_rule(period, "health-assessment")[0].done_on == assessed
