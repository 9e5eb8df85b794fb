"""The checks on each record's form, at their edges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kith.cases.models import Case
from kith.recording.forms import (
    AssessmentForm,
    ClosureForm,
    PlanForm,
    PlanReviewForm,
    VisitForm,
)

REFERRAL = date(2026, 9, 1)


def boxes(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


@pytest.fixture
def case():
    return Case(referral_date=REFERRAL, referral_source="2A")


class VisitFormTests:
    def test_a_draft_needs_nothing(self, case):
        assert VisitForm({}, case=case).is_valid()

    def test_submitting_needs_the_date_and_whether_the_child_was_seen(self, case):
        form = VisitForm({}, case=case, submitting=True)
        assert not form.is_valid()
        assert set(form.errors) == {"visited_on", "child_seen"}

    def test_seen_alone_needs_seen(self, case):
        form = VisitForm(
            {**boxes("visited_on", REFERRAL), "child_seen": "no", "seen_alone": "yes"},
            case=case,
            submitting=True,
        )
        assert not form.is_valid()
        assert "cannot be seen alone" in form.errors["seen_alone"][0]

    def test_a_visit_in_the_future_is_refused(self, case):
        tomorrow = timezone.localdate() + timedelta(days=1)
        form = VisitForm({**boxes("visited_on", tomorrow), "child_seen": "yes"}, case=case)
        assert "must be today or in the past" in form.errors["visited_on"][0]

    def test_a_visit_before_the_referral_is_refused_on_the_day_before_only(self, case):
        on = VisitForm({**boxes("visited_on", REFERRAL), "child_seen": "yes"}, case=case)
        before = VisitForm(
            {**boxes("visited_on", REFERRAL - timedelta(days=1)), "child_seen": "yes"}, case=case
        )
        assert on.is_valid()
        assert "on or after the referral" in before.errors["visited_on"][0]


class AssessmentFormTests:
    def test_submitting_needs_the_analysis_factors_outcome_and_need(self, case):
        form = AssessmentForm({}, case=case, submitting=True)
        assert not form.is_valid()
        assert set(form.errors) == {"started_on", "analysis", "factors", "outcome", "primary_need"}

    def test_the_need_list_leaves_out_not_decided(self, case):
        values = [v for v, _ in AssessmentForm(case=case).fields["primary_need"].choices]
        assert "N0" not in values and "N1" in values


class ClosureFormTests:
    def test_closing_before_the_referral_is_refused(self, case):
        form = ClosureForm(
            {**boxes("closed_on", REFERRAL - timedelta(days=1)), "reason": "RC7", "summary": "x"},
            case=case,
            submitting=True,
        )
        assert "on or after the referral" in form.errors["closed_on"][0]


class PlanFormTests:
    def test_an_end_before_the_start_is_refused(self, case):
        form = PlanForm(
            {
                **boxes("starts_on", REFERRAL),
                **boxes("ends_on", REFERRAL - timedelta(days=1)),
                "needs": "x",
            },
            case=case,
        )
        assert "The end date must be on or after the start date" in form.errors["ends_on"][0]

    def test_a_plan_ending_the_day_it_starts_is_fine(self, case):
        form = PlanForm(
            {**boxes("starts_on", REFERRAL), **boxes("ends_on", REFERRAL), "needs": "x"}, case=case
        )
        assert form.is_valid(), form.errors


class ReviewFormTests:
    def test_a_review_before_the_plan_started_is_refused(self):
        form = PlanReviewForm(
            {
                **boxes("held_on", REFERRAL - timedelta(days=1)),
                "attendees": "x",
                "what_changed": "y",
                "decision": "continue",
            },
            plan_start=REFERRAL,
        )
        assert "on or after the plan's start" in form.errors["held_on"][0]

    def test_the_next_review_cannot_be_in_the_past(self):
        form = PlanReviewForm(
            {
                **boxes("held_on", REFERRAL),
                **boxes("next_review_on", REFERRAL),
                "attendees": "x",
                "what_changed": "y",
                "decision": "continue",
            },
            plan_start=REFERRAL,
        )
        assert "must be today or in the future" in form.errors["next_review_on"][0]
