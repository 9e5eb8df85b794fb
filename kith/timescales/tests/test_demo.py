"""The demo authority's deadlines are what its records call for, with reasons on some missed."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from kith.children.models import ChronologyEvent
from kith.lib.timescales import Standing
from kith.protection.models import ProtectionPlan
from kith.timescales.deadlines import refresh
from kith.timescales.models import Deadline

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


def test_every_open_plan_has_a_visit_and_a_review_due(built):
    for plan in ProtectionPlan.objects.filter(ended_on__isnull=True):
        open_rules = set(
            Deadline.objects.filter(case=plan.case, done_on=None, withdrawn_on=None).values_list(
                "rule", flat=True
            )
        )
        assert {"protection-visit"} <= open_rules
        assert open_rules & {"first-review-conference", "review-conference"}


def test_the_demo_has_every_standing_and_some_reasons(built):
    standings = {d.standing(TODAY) for d in Deadline.objects.all()}
    assert {Standing.ON_TIME, Standing.LATE, Standing.OVERDUE, Standing.DUE} <= standings
    late = [d for d in Deadline.objects.all() if d.standing(TODAY) == Standing.LATE]
    explained = [d for d in late if d.late_reason]
    assert 0 < len(explained) < len(late)
    assert all(d.late_reason_by_id for d in explained)


def test_the_stored_deadlines_are_what_a_refresh_would_make(built):
    before = list(Deadline.objects.order_by("pk").values("pk", "due_on", "done_on", "withdrawn_on"))
    refresh(list(Deadline.objects.values_list("case_id", flat=True).distinct()), TODAY)
    after = list(Deadline.objects.order_by("pk").values("pk", "due_on", "done_on", "withdrawn_on"))
    assert after == before


def test_some_children_have_significant_events_typed_in(built):
    assert ChronologyEvent.objects.exclude(agency="").exists()
