"""Small builders the deadline tests share."""

from __future__ import annotations

from kith.protection.models import Conference, ConferenceChild, ProtectionPlan
from kith.recording.models import Status, Visit
from kith.timescales.models import Deadline


def of(case, rule):
    return list(Deadline.objects.filter(case=case, rule=rule).order_by("started_on", "pk"))


def conference(case, worker, chair, kind, day, plan):
    """A conference on `day` that decided `plan` goes on."""
    held = Conference.objects.create(
        kind=kind,
        held_on=day,
        chair=chair,
        attendance="a",
        social_worker_report="r",
        views="v",
        recorded_by=worker,
    )
    ConferenceChild.objects.create(
        conference=held, case=case, plan=plan, needs_plan=True, category="NEG"
    )
    return held


def visit(case, worker, day):
    """A visit on `day` at which the child was seen."""
    return Visit.objects.create(
        case=case, author=worker, status=Status.FINAL, visited_on=day, child_seen="yes"
    )


def plan(case, worker, chair, started, reviews=()):
    """A plan from an initial conference on `started`, with review conferences on `reviews`."""
    plan = ProtectionPlan.objects.create(
        case=case, started_on=started, initial_category="NEG", latest_category="NEG"
    )
    conference(case, worker, chair, "initial", started, plan)
    for day in reviews:
        conference(case, worker, chair, "review", day, plan)
    return plan
