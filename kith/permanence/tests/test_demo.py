"""The demo authority's roads to permanence: adoptions at every step, the orders that end care,
children back in care after an earlier order, and a permanence plan for most children."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from kith.care.codes import ADOPTION
from kith.care.models import CarePeriod
from kith.care.plans import CarePlan
from kith.lib.working_days import add_months
from kith.permanence.journey import adoption_of
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting
from kith.permanence.rules import adoption_order_problems

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 21)


@pytest.fixture
def demo(db):
    call_command(
        "seed_demo", "--children", "600", "--seed", "5", "--today", TODAY.isoformat(),
        stdout=io.StringIO(),
    )  # fmt: skip


def stage(plan: AdoptionPlan) -> str:
    """How far the plan has gone, as the journey derives it from the care record."""
    adoption = adoption_of(plan.period, plan)
    if not plan.is_open:
        placements = [p.kind for p in plan.period.placements.all()]
        return "disrupted" if any(k in ADOPTION for k in placements[:-1]) else "ended"
    if adoption.order_on:
        return "adopted"
    if adoption.placed_on:
        return "placed"
    if plan.matched:
        return "matched"
    return "placement order" if adoption.placement_order_on else "decided"


def test_the_demo_has_adoptions_at_every_step(demo):
    plans = list(
        AdoptionPlan.objects.select_related("period").prefetch_related(
            "period__statuses", "period__placements"
        )
    )
    stages = {stage(plan) for plan in plans}
    assert stages >= {"decided", "placement order", "matched", "placed", "adopted", "disrupted"}
    assert {p.end_reason for p in plans if not p.is_open} <= {"RD1", "RD2", "RD3", "RD4"}
    assert any(p.foster_carers_adopting for p in plans)
    for plan in plans:
        period = plan.period
        assert period.started_on <= plan.decided_on <= (period.ended_on or TODAY)
        if plan.matched_on:
            assert plan.decided_on <= plan.matched_on
            assert (plan.adopters_number == 1) == (plan.adopters_legal_status == "L0")
        if period.end_reason in ("E11", "E12"):
            assert adoption_order_problems(period, period.ended_on, period.end_reason) == {}
            assert period.case.closed_on is not None  # an adopted child's case closes
    # Every placement order has its decision first (the 903's rules 553 and 554).
    for period in CarePeriod.objects.filter(statuses__status="E1").distinct():
        order = period.statuses.get(status="E1").started_on
        assert period.adoption_plans.filter(decided_on__lte=order).exists()


def test_care_ends_in_every_order_and_some_children_come_back_after_one(demo):
    endings = set(CarePeriod.objects.values_list("end_reason", flat=True))
    assert endings >= {"E41", "E45", "E46", "E47", "E48", "E4A"}
    assert endings & {"E11", "E12"}
    earlier = CarePeriod.objects.filter(previous_permanence__in=("P1", "P2", "P3"))
    assert earlier.count() >= 2
    for period in earlier:
        assert period.previous_permanence_on is not None
        assert period.previous_permanence_on < period.started_on
        assert period.previous_permanence_la


def test_most_children_have_a_permanence_plan_by_the_second_review(demo):
    settled = CarePeriod.objects.filter(started_on__lt=add_months(TODAY, -5)).prefetch_related(
        "reviews", "permanence_meetings"
    )
    met = [p for p in settled if p.permanence_meetings.all()]
    assert len(met) >= 0.8 * len(settled)
    late = 0
    for period in met:
        reviews = sorted(r.held_on for r in period.reviews.all())
        if reviews:
            late += period.permanence_meetings.all()[0].held_on > add_months(reviews[0], 3)
    assert 0 < late < 0.3 * len(met)
    planned = CarePlan.objects.exclude(permanence_option="")
    assert planned.count() >= 0.7 * CarePeriod.objects.count()
    assert not planned.filter(permanence_agreed_on=None).exists()
    assert LongTermMatch.objects.exists()
    assert set(PermanenceMeeting.objects.values_list("option", flat=True)) >= {
        "adoption",
        "long_term_fostering",
        "return_home",
        "sgo",
    }
