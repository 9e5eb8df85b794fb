"""Deadlines follow records that are corrected or arrive out of order: a visit's date amended, a
plan with no initial conference on record (an imported one), an enquiry that ruled a conference
out before a later one was held."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from kith.accounts.roles import Role
from kith.lib.timescales import Standing
from kith.protection import actions as protection_actions
from kith.protection.models import Conference, ConferenceChild, ProtectionPlan
from kith.protection.tests.builders import discussion_for
from kith.recording import actions as recording_actions
from kith.recording.models import Visit
from kith.test import make_case, make_person
from kith.timescales.deadlines import refresh
from kith.timescales.models import Deadline
from kith.timescales.tests.builders import conference, of, visit
from kith.timescales.tests.builders import plan as _plan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
REVIEWED = date(2025, 3, 3)


def test_a_plan_with_no_conference_on_record_is_reviewed_from_its_start(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(), worker=worker, referral_date=date(2025, 1, 2))
    ProtectionPlan.objects.create(
        case=case, started_on=date(2025, 3, 3), initial_category="NEG", latest_category="NEG"
    )
    refresh([case.pk])
    [review] = of(case, "first-review-conference")
    assert (review.started_on, review.due_on) == (date(2025, 3, 3), date(2025, 6, 3))


def test_a_corrected_visit_date_leaves_no_phantom_deadline(persona):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(), worker=worker, referral_date=date(2025, 1, 2))
    plan = _plan(case, worker, chair, date(2025, 1, 6))
    typo = visit(case, worker, date(2025, 1, 10))
    visit(case, worker, date(2025, 2, 14))
    refresh([case.pk], TODAY())
    Visit.objects.filter(pk=typo.pk).update(visited_on=date(2025, 1, 20))
    refresh([case.pk], TODAY())
    counted = Deadline.objects.filter(case=case, rule="protection-visit", withdrawn_on=None)
    assert [d.started_on for d in counted.order_by("started_on")] == [
        plan.started_on,
        date(2025, 1, 20),
        date(2025, 2, 14),
    ]


def test_reviews_of_a_plan_with_no_initial_conference_on_record(persona):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(), worker=worker, referral_date=date(2024, 10, 1))
    plan = ProtectionPlan.objects.create(
        case=case, started_on=date(2025, 1, 6), initial_category="NEG", latest_category="NEG"
    )
    for day in (date(2025, 4, 2), date(2025, 10, 1)):
        conference(case, worker, chair, "review", day, plan)
    refresh([case.pk])
    [first] = of(case, "first-review-conference")
    assert (first.started_on, first.due_on, first.done_on) == (
        date(2025, 1, 6),
        date(2025, 4, 6),
        date(2025, 4, 2),
    )
    later = of(case, "review-conference")
    assert [(d.started_on, d.due_on, d.done_on) for d in later] == [
        (date(2025, 4, 2), date(2025, 10, 2), date(2025, 10, 1)),
        (date(2025, 10, 1), date(2026, 4, 1), None),
    ]


def test_an_enquiry_that_ruled_a_conference_out_is_not_answered_by_a_later_one(persona):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(), worker=worker, referral_date=date(2025, 4, 1))
    discussion_for(case, day=date(2025, 5, 5))
    first = case.enquiries.get()
    protection_actions.update_enquiry(
        first,
        by=worker,
        version=None,
        outcome="nfa",
        outcome_on=date(2025, 5, 9),
        no_conference_reason="Not substantiated",
    )
    discussion_for(case, day=date(2025, 6, 2))
    second = case.enquiries.exclude(pk=first.pk).get()
    conference = Conference.objects.create(
        kind="initial",
        held_on=date(2025, 6, 16),
        chair=chair,
        attendance="a",
        social_worker_report="r",
        views="v",
        recorded_by=worker,
    )
    ConferenceChild.objects.create(
        conference=conference, case=case, enquiry=second, needs_plan=False
    )
    refresh([case.pk])
    by_about = {d.about: d for d in of(case, "initial-conference")}
    ruled_out = by_about.get(f"enquiry {first.pk}")
    assert ruled_out is None or ruled_out.withdrawn_on is not None
    assert by_about[f"enquiry {second.pk}"].done_on == date(2025, 6, 16)


def test_amending_a_visit_date_leaves_no_phantom_late_visit(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(), worker=worker, referral_date=date(2024, 12, 2))
    ProtectionPlan.objects.create(
        case=case, started_on=date(2025, 1, 6), initial_category="NEG", latest_category="NEG"
    )
    typo = visit(case, worker, date(2025, 1, 10))
    visit(case, worker, date(2025, 1, 31))
    refresh([case.pk], REVIEWED)
    # The first visit was really on 20 January: correct it.
    recording_actions.amend(
        typo, by=worker, version=None, values={"visited_on": date(2025, 1, 20)}, why="Typo"
    )
    live = [
        d
        for d in Deadline.objects.filter(case=case, rule="protection-visit")
        if d.standing(REVIEWED) != Standing.NOT_NEEDED
    ]
    abouts = sorted(d.about.rsplit(" ", 1)[-1] for d in live)
    late = [d.about for d in live if d.standing(REVIEWED) == Standing.LATE]
    # Visits were 20 Jan and 31 Jan: every gap is within 10 working days.
    assert abouts == ["2025-01-06", "2025-01-20", "2025-01-31"] and not late, (abouts, late)


def test_a_plan_without_an_initial_conference_counts_its_first_review_from_its_start(persona):
    """An imported plan (no initial conference in Kith) with reviews 6 months apart."""
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(), worker=worker, referral_date=date(2023, 12, 1))
    plan = ProtectionPlan.objects.create(
        case=case, started_on=date(2024, 1, 8), initial_category="NEG", latest_category="NEG"
    )
    conference(case, worker, chair, "review", date(2024, 4, 2), plan)
    conference(case, worker, chair, "review", date(2024, 10, 1), plan)
    refresh([case.pk], date(2024, 11, 1))
    late = [
        (d.rule, d.started_on, d.due_on, d.done_on)
        for d in Deadline.objects.filter(case=case, rule__contains="review")
        if d.standing(date(2024, 11, 1)) == Standing.LATE
    ]
    assert late == []  # a review 6 months after a review is on time
