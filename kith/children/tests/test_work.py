"""My work: a worker's children with what is due or overdue, their drafts, what a manager
returned, and visits due this week; in a fixed number of queries."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.children.work import my_work
from kith.protection.models import ProtectionPlan
from kith.recording.models import Assessment, CaseNote, Status
from kith.test import make_case, make_person, signed_in_client

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_worker_sees_their_children_drafts_and_returned_records(persona):
    worker = persona[Role.SOCIAL_WORKER]
    today = timezone.localdate()
    late = make_case(
        make_person(first_name="Late"), worker=worker, referral_date=today - timedelta(days=100)
    )
    fresh = make_case(make_person(first_name="Fresh"), worker=worker, referral_date=today)
    ProtectionPlan.objects.create(
        case=late,
        started_on=today - timedelta(days=30),
        initial_category="NEG",
        latest_category="NEG",
    )
    CaseNote.objects.create(case=fresh, author=worker, text="Half a note")
    Assessment.objects.create(case=late, author=worker, returned_comments="Add the child's views")
    work = my_work(worker, today)
    assert [w.case for w in work.children] == [late, fresh]  # most overdue first
    assert work.children[0].overdue >= 1 and work.children[0].on_plan
    assert [d.case for d in work.drafts] == [fresh]
    assert [r.case for r in work.returned] == [late]
    assert work.visits_this_week == [work.children[0]]  # never seen since the plan began
    page = text(signed_in_client(worker).get(reverse("accounts:home")))
    assert "Late" in page and "Overdue" in page and "Add the child's views" in page
    assert "Half a note" not in page and "Case note for Fresh" in page


def test_someone_else_s_children_are_not_on_my_work(persona):
    make_case(make_person(first_name="Theirs"), worker=persona[Role.TEAM_MANAGER])
    assert my_work(persona[Role.SOCIAL_WORKER], timezone.localdate()).children == []


@pytest.mark.parametrize("n", [1, 12])
def test_my_work_uses_fixed_queries(persona, django_assert_max_num_queries, n):
    worker = persona[Role.SOCIAL_WORKER]
    for i in range(n):
        case = make_case(make_person(first_name=f"Child{i}"), worker=worker)
        Assessment.objects.create(case=case, author=worker, status=Status.SUBMITTED)
        ProtectionPlan.objects.create(
            case=case,
            started_on=timezone.localdate(),
            initial_category="NEG",
            latest_category="NEG",
        )
    client = signed_in_client(worker)
    # The home page's 9, then one per kind of record and per kind of draft: 22 in all.
    with django_assert_max_num_queries(22):
        assert client.get(reverse("accounts:home")).status_code == 200


def test_a_manager_sees_caseloads_overdue_unallocated_and_waiting(persona):
    worker, manager = persona[Role.SOCIAL_WORKER], persona[Role.TEAM_MANAGER]
    today = timezone.localdate()
    late = make_case(
        make_person(first_name="Late"), worker=worker, referral_date=today - timedelta(days=100)
    )
    make_case(make_person(first_name="Nobody"), team=worker.team, opened_by=manager)
    Assessment.objects.create(
        case=late, author=worker, status=Status.SUBMITTED, submitted_at=timezone.now()
    )
    from kith.children.work import team_work

    team = team_work(manager, today)
    load = next(x for x in team.loads if x.worker == worker)
    assert (load.cases, load.overdue) == (1, 1)
    assert [w.case.child.first_name for w in team.unallocated] == ["Nobody"]
    assert team.waiting == 1
    assert ("Child and family assessment", 1) in team.overdue_by_type
    page = text(signed_in_client(manager).get(reverse("accounts:team")))
    assert "Open cases per worker" in page and "Nobody" in page and "allocate" in page


@pytest.mark.parametrize("n", [1, 10])
def test_the_team_page_uses_fixed_queries(persona, django_assert_max_num_queries, n):
    worker = persona[Role.SOCIAL_WORKER]
    for i in range(n):
        case = make_case(make_person(first_name=f"Child{i}"), worker=worker)
        CaseNote.objects.create(case=case, author=worker, text="draft")
    client = signed_in_client(persona[Role.TEAM_MANAGER])
    # The team page's own, then one per kind of record, of draft and of waiting record: 26.
    with django_assert_max_num_queries(26):
        assert client.get(reverse("accounts:team")).status_code == 200


def test_my_work_filters_to_overdue_or_on_a_plan(persona):
    worker = persona[Role.SOCIAL_WORKER]
    today = timezone.localdate()
    make_case(
        make_person(first_name="Overdueone"),
        worker=worker,
        referral_date=today - timedelta(days=100),
    )
    planned = make_case(make_person(first_name="Planned"), worker=worker, referral_date=today)
    make_case(make_person(first_name="Quiet"), worker=worker, referral_date=today)
    ProtectionPlan.objects.create(
        case=planned, started_on=today, initial_category="NEG", latest_category="NEG"
    )
    client = signed_in_client(worker)
    overdue = text(client.get(reverse("accounts:home"), {"only": "overdue"}))
    assert "Overdueone" in overdue and "Quiet" not in overdue
    plan = text(client.get(reverse("accounts:home"), {"only": "plan"}))
    assert "Planned" in plan and "Overdueone" not in plan and "Quiet" not in plan
    everyone = text(client.get(reverse("accounts:home")))
    assert all(name in everyone for name in ("Overdueone", "Planned", "Quiet"))
