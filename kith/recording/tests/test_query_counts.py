"""The case page and the manager's waiting list use a fixed number of queries, whatever their
size (the caseload and the contacts list: kith/cases/tests/test_query_counts.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.recording.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    Closure,
    PlanAction,
    PlanReview,
    Status,
    Visit,
)
from kith.test import make_case, make_person, signed_in_client

pytestmark = pytest.mark.django_db


def _busy_case(worker, n):
    case = make_case(make_person(), worker=worker)
    today = timezone.localdate()
    for _ in range(n):
        Visit.objects.create(
            case=case,
            author=worker,
            status=Status.FINAL,
            visited_on=today,
            child_seen="yes",
            seen_alone="yes",
        )
        CaseNote.objects.create(
            case=case, author=worker, status=Status.FINAL, text="x", happened_on_date=today
        )
        Assessment.objects.create(
            case=case, author=worker, status=Status.SUBMITTED, started_on=today
        )
        plan = ChildInNeedPlan.objects.create(
            case=case, author=worker, status=Status.FINAL, starts_on=today
        )
        PlanAction.objects.create(plan=plan, position=1, what="x", who="y")
        PlanReview.objects.create(
            plan=plan,
            held_on=today,
            attendees="a",
            what_changed="b",
            decision="continue",
            recorded_by=worker,
        )
        Closure.objects.create(case=case, author=worker, status=Status.DRAFT)
    return case


@pytest.mark.parametrize("n", [1, 8])
def test_the_case_page(persona, django_assert_max_num_queries, n):
    worker = persona[Role.SOCIAL_WORKER]
    case = _busy_case(worker, n)
    client = signed_in_client(worker)
    # Session and user, the case, its records (5 kinds, plan actions and reviews), allocations,
    # the contact, the access checks (the family, whether anyone is in a case, whether it is the
    # user's work), the audit write, and child protection: the plan for the header's risk, and
    # the case's strategy decisions, enquiries (with their conferences), conferences and plans.
    # The census checks read the child as the census does: 8 more (returns/census.py read).
    # And whether the child is looked after in this case: 1.
    with django_assert_max_num_queries(36):
        assert client.get(reverse("recording:case", args=[case.pk])).status_code == 200


@pytest.mark.parametrize("n", [1, 10])
def test_the_manager_s_waiting_list(persona, django_assert_max_num_queries, n):
    worker = persona[Role.SOCIAL_WORKER]
    for _ in range(n):
        case = make_case(make_person(), worker=worker)
        Assessment.objects.create(
            case=case, author=worker, status=Status.SUBMITTED, submitted_at=timezone.now()
        )
        Closure.objects.create(
            case=case, author=worker, status=Status.SUBMITTED, submitted_at=timezone.now()
        )
    client = signed_in_client(persona[Role.TEAM_MANAGER])
    # One per kind of record a manager authorises (the care plan is one), whatever how many.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("recording:waiting"))
    assert response.status_code == 200
    assert len(response.context["records"]) == 2 * n
