"""Each permanence rule at its edges: the match follows the decision, the adopters agree with
themselves, the decision to stop follows the decision, and an adoption order needs the child
placed with matched adopters first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kith.accounts.roles import Role
from kith.care import actions as care
from kith.permanence import rules
from kith.permanence.models import AdoptionPlan
from kith.permanence.tests.builders import adopters_placement, into_care
from kith.test import make_case, make_person, make_user

pytestmark = pytest.mark.django_db

DAY = date(2025, 1, 10)


@pytest.fixture
def period():
    worker = make_user(Role.SOCIAL_WORKER)
    case = make_case(
        make_person(date_of_birth=date(2023, 5, 1)),
        worker=worker,
        referral_date=DAY - timedelta(days=30),
    )
    return into_care(case, DAY, worker)


def _plan(period, decided_on=DAY + timedelta(days=60), **fields):
    return AdoptionPlan.objects.create(
        period=period,
        decided_on=decided_on,
        decision_maker="Agency decision maker",
        recorded_by=period.recorded_by,
        **fields,
    )


def test_a_match_on_the_day_of_the_decision_is_allowed(period):
    plan = _plan(period)
    assert rules.match_problems(plan, plan.decided_on, 2, "MF", "L11") == {}


def test_a_match_the_day_before_the_decision_is_refused(period):
    plan = _plan(period)
    found = rules.match_problems(plan, plan.decided_on - timedelta(days=1), 2, "MF", "L11")
    assert "cannot be before the decision" in found["matched_on"]


@pytest.mark.parametrize(
    ("number", "sex", "status", "wrong"),
    [
        (1, "MF", "L0", "adopters_sex"),
        (2, "F1", "L11", "adopters_sex"),
        (1, "F1", "L11", "adopters_legal_status"),
        (2, "FF", "L0", "adopters_legal_status"),
    ],
)
def test_the_adopters_agree_with_themselves(period, number, sex, status, wrong):
    plan = _plan(period)
    assert wrong in rules.match_problems(plan, plan.decided_on, number, sex, status)


@pytest.mark.parametrize(("number", "sex", "status"), [(1, "M1", "L0"), (2, "FF", "L12")])
def test_adopters_who_agree(period, number, sex, status):
    plan = _plan(period)
    assert rules.match_problems(plan, plan.decided_on, number, sex, status) == {}


def test_no_longer_to_be_adopted_before_the_decision_is_refused(period):
    plan = _plan(period)
    assert rules.no_longer_problem(plan, plan.decided_on - timedelta(days=1))
    assert rules.no_longer_problem(plan, plan.decided_on) is None


def test_within_care_edges(period):
    assert rules.within_care(DAY, period, "It") is None
    assert "before the child came into care" in rules.within_care(
        DAY - timedelta(days=1), period, "It"
    )


def test_an_adoption_order_needs_a_decision(period):
    found = rules.adoption_order_problems(period, DAY + timedelta(days=300), "E11")
    assert "decision that the child should be adopted" in found["end_reason"]


def test_an_adoption_order_before_the_placement_is_refused(period):
    _plan(
        period,
        matched_on=DAY + timedelta(days=100),
        adopters_number=2,
        adopters_sex="MF",
        adopters_legal_status="L11",
        foster_carers_adopting=False,
    )
    adopters_placement(period, DAY + timedelta(days=200), period.recorded_by)
    on_the_day = rules.adoption_order_problems(period, DAY + timedelta(days=200), "E12")
    assert "comes after the child was placed for adoption" in on_the_day["ended_on"]
    assert rules.adoption_order_problems(period, DAY + timedelta(days=201), "E12") == {}


def test_an_adoption_order_without_a_match_is_refused(period):
    _plan(period)
    adopters_placement(period, DAY + timedelta(days=200), period.recorded_by)
    found = rules.adoption_order_problems(period, DAY + timedelta(days=300), "E11")
    assert "match" in found["end_reason"]


def test_other_endings_are_not_asked_about_adoption(period):
    assert rules.adoption_order_problems(period, DAY + timedelta(days=300), "E45") == {}


def test_end_care_refuses_an_adoption_order_before_the_placement(period):
    from django.core.exceptions import ValidationError

    _plan(
        period,
        matched_on=DAY + timedelta(days=100),
        adopters_number=1,
        adopters_sex="F1",
        adopters_legal_status="L0",
        foster_carers_adopting=True,
    )
    with pytest.raises(ValidationError) as refused:
        care.end_care(
            period,
            by=period.recorded_by,
            version=None,
            ended_on=DAY + timedelta(days=150),
            end_reason="E11",
        )
    assert "ended_on" in refused.value.message_dict


def test_the_scorecard_counts_from_moving_in_with_foster_carers_who_adopt(period):
    """A10: a child adopted by their foster carers moved in with their adoptive family the day
    they moved in with those carers, not the day the placement became an adoptive one."""
    from kith.permanence.journey import adoption_of, scorecard

    foster = DAY + timedelta(days=40)
    care.record_move(
        period,
        by=period.recorded_by,
        version=None,
        change_reason="CARPL",
        started_on=foster,
        kind="U5",
        provider="PR1",
        carer="The Hendersons",
    )
    plan = _plan(
        period,
        matched_on=DAY + timedelta(days=200),
        adopters_number=2,
        adopters_sex="MF",
        adopters_legal_status="L11",
        foster_carers_adopting=True,
    )
    care.record_move(
        period,
        by=period.recorded_by,
        version=None,
        change_reason="CARPL",
        started_on=DAY + timedelta(days=300),
        kind="A5",
        provider="PR1",
        carer="The Hendersons",
    )
    period = type(period).objects.prefetch_related("placements", "statuses").get(pk=period.pk)
    adoption = adoption_of(period, plan)
    assert adoption.placed_on == DAY + timedelta(days=300)  # the 903's date placed
    (placed,) = [
        m for m in scorecard(period, adoption, DAY + timedelta(days=400)) if m.key == "placed"
    ]
    assert placed.days == 40


def test_a_match_after_the_child_moved_in_with_the_adopters_is_refused(period):
    plan = _plan(period)
    placed = DAY + timedelta(days=200)
    assert (
        "moved in with the adopters"
        in rules.match_problems(plan, placed + timedelta(days=1), 2, "MF", "L11", placed)[
            "matched_on"
        ]
    )
    assert rules.match_problems(plan, placed, 2, "MF", "L11", placed) == {}


@pytest.mark.parametrize(
    ("sex", "status", "fits"),
    [
        ("MF", "L12", False),
        ("MF", "L4", False),
        ("MM", "L11", False),
        ("FF", "L3", False),
        ("MF", "L2", True),
        ("FF", "L2", True),
        ("MM", "L4", True),
        ("MF", "L3", True),
    ],
)
def test_the_couple_and_their_legal_status_fit(period, sex, status, fits):
    plan = _plan(period)
    found = rules.match_problems(plan, plan.decided_on, 2, sex, status)
    assert ("adopters_legal_status" not in found) is fits
