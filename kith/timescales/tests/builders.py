"""Small builders the deadline tests share."""

from __future__ import annotations

from kith.protection.models import Conference, ConferenceChild, ProtectionPlan
from kith.timescales.models import Deadline


def of(case, rule):
    return list(Deadline.objects.filter(case=case, rule=rule).order_by("started_on", "pk"))


def plan(case, worker, chair, started, reviews=()):
    """A plan from an initial conference on `started`, with review conferences on `reviews`."""
    initial = Conference.objects.create(
        kind="initial",
        held_on=started,
        chair=chair,
        attendance="a",
        social_worker_report="r",
        views="v",
        recorded_by=worker,
    )
    plan = ProtectionPlan.objects.create(
        case=case, started_on=started, initial_category="NEG", latest_category="NEG"
    )
    ConferenceChild.objects.create(
        conference=initial, case=case, plan=plan, needs_plan=True, category="NEG"
    )
    for day in reviews:
        review = Conference.objects.create(
            kind="review",
            held_on=day,
            chair=chair,
            attendance="a",
            social_worker_report="r",
            views="v",
            recorded_by=worker,
        )
        ConferenceChild.objects.create(
            conference=review, case=case, plan=plan, needs_plan=True, category="NEG"
        )
    return plan
