"""Edges found by an independent review of deadlines, each kept fixed by a test."""

from datetime import date

import pytest

from kith.accounts.roles import Role
from kith.lib.timescales import Standing
from kith.protection.models import Conference, ConferenceChild, ProtectionPlan
from kith.recording import actions as recording_actions
from kith.recording.models import Status, Visit
from kith.test import make_case, make_person
from kith.timescales.deadlines import refresh
from kith.timescales.models import Deadline

pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 3)


def test_amending_a_visit_date_leaves_no_phantom_late_visit(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(), worker=worker, referral_date=date(2024, 12, 2))
    ProtectionPlan.objects.create(
        case=case, started_on=date(2025, 1, 6), initial_category="NEG", latest_category="NEG"
    )
    typo = Visit.objects.create(
        case=case,
        author=worker,
        status=Status.FINAL,
        visited_on=date(2025, 1, 10),
        child_seen="yes",
    )
    Visit.objects.create(
        case=case,
        author=worker,
        status=Status.FINAL,
        visited_on=date(2025, 1, 31),
        child_seen="yes",
    )
    refresh([case.pk], TODAY)
    # The first visit was really on 20 January: correct it.
    recording_actions.amend(
        typo, by=worker, version=None, values={"visited_on": date(2025, 1, 20)}, why="Typo"
    )
    live = [
        d
        for d in Deadline.objects.filter(case=case, rule="protection-visit")
        if d.standing(TODAY) != Standing.NOT_NEEDED
    ]
    abouts = sorted(d.about.rsplit(" ", 1)[-1] for d in live)
    late = [d.about for d in live if d.standing(TODAY) == Standing.LATE]
    # Visits were 20 Jan and 31 Jan: every gap is within 10 working days.
    assert abouts == ["2025-01-06", "2025-01-20", "2025-01-31"] and not late, (abouts, late)


def _conference(case, worker, chair, kind, day, plan):
    c = Conference.objects.create(
        kind=kind,
        held_on=day,
        chair=chair,
        attendance="a",
        social_worker_report="r",
        views="v",
        recorded_by=worker,
    )
    ConferenceChild.objects.create(
        conference=c, case=case, plan=plan, needs_plan=True, category="NEG"
    )


def test_a_plan_without_an_initial_conference_counts_its_first_review_from_its_start(persona):
    """An imported plan (no initial conference in Kith) with reviews 6 months apart."""
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(), worker=worker, referral_date=date(2023, 12, 1))
    plan = ProtectionPlan.objects.create(
        case=case, started_on=date(2024, 1, 8), initial_category="NEG", latest_category="NEG"
    )
    _conference(case, worker, chair, "review", date(2024, 4, 2), plan)
    _conference(case, worker, chair, "review", date(2024, 10, 1), plan)
    refresh([case.pk], date(2024, 11, 1))
    late = [
        (d.rule, d.started_on, d.due_on, d.done_on)
        for d in Deadline.objects.filter(case=case, rule__contains="review")
        if d.standing(date(2024, 11, 1)) == Standing.LATE
    ]
    assert late == []  # a review 6 months after a review is on time
