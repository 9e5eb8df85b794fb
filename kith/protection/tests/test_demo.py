"""The demo authority's child protection histories follow Kith's own rules."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from kith.protection.models import (
    Conference,
    ConferenceChild,
    CoreGroup,
    ProtectionPlan,
    StrategyChild,
)

TODAY = date(2026, 11, 21)


@pytest.fixture
def built(db):
    call_command(
        "seed_demo",
        "--children",
        "1500",
        "--seed",
        "5",
        "--today",
        TODAY.isoformat(),
        stdout=StringIO(),
    )


def test_there_are_open_and_ended_plans_of_several_categories(built):
    plans = ProtectionPlan.objects.all()
    assert plans.filter(ended_on__isnull=True).exists()
    assert plans.filter(end_reason="review").exists()
    assert plans.values("initial_category").distinct().count() >= 2


def test_every_initial_conference_follows_its_strategy_discussion(built):
    for decision in ConferenceChild.objects.filter(conference__kind="initial").select_related(
        "conference", "enquiry"
    ):
        assert decision.enquiry is not None
        assert decision.conference.held_on >= decision.enquiry.started_on


def test_an_open_plan_is_on_an_open_case_and_dated_in_the_past(built):
    for plan in ProtectionPlan.objects.select_related("case"):
        assert plan.started_on <= TODAY
        if plan.ended_on is None:
            assert plan.case.is_open
        else:
            assert plan.started_on <= plan.ended_on


def test_plans_are_reviewed_at_conferences_and_enquiries_start_at_strategy_discussions(built):
    assert Conference.objects.filter(kind="review").exists()
    assert StrategyChild.objects.filter(decision="s47", enquiry__isnull=False).exists()


def test_the_demo_has_no_core_group_after_its_plan_ended(db):
    call_command(
        "seed_demo", "--children", "1500", "--seed", "5", "--today", "2026-11-21", stdout=StringIO()
    )
    for meeting in CoreGroup.objects.select_related("plan"):
        assert meeting.plan.ended_on is None or meeting.held_on <= meeting.plan.ended_on
