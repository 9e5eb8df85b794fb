"""My work: a worker's children with what is due or overdue, their drafts, what a manager
returned, and visits due this week; in a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.children.rules import Complexity, complexity
from kith.children.work import my_work
from kith.protection.models import ProtectionPlan
from kith.recording.models import Assessment, CaseNote, Status
from kith.test import make_case, make_person, make_team, page_text, signed_in_client
from kith.timescales.models import Deadline
from kith.timescales.queries import timeliness

pytestmark = pytest.mark.django_db


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
    page = page_text(signed_in_client(worker).get(reverse("accounts:home")))
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
    # The home page's (signing in, the session, the read audit), one per kind of record and per
    # kind of draft (the care plan and placement plan are two more), other forms started, and
    # the missed timescales: 28 in all, whatever n.
    # One more per kind of record: the needs assessment and pathway plan are two.
    with django_assert_max_num_queries(30):
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
    # The overdue assessment is submitted: it waits for the manager, it is not the worker's.
    assert (load.cases, load.overdue) == (1, 0)
    assert [w.case.child.first_name for w in team.unallocated] == ["Nobody"]
    assert team.waiting == 1
    assert team.overdue_by_type == []
    page = page_text(signed_in_client(manager).get(reverse("accounts:team")))
    assert "Open cases per worker" in page and "Nobody" in page and "allocate" in page


@pytest.mark.parametrize("n", [1, 10])
def test_the_team_page_uses_fixed_queries(persona, django_assert_max_num_queries, n):
    worker = persona[Role.SOCIAL_WORKER]
    for i in range(n):
        case = make_case(make_person(first_name=f"Child{i}"), worker=worker)
        CaseNote.objects.create(case=case, author=worker, text="draft")
    client = signed_in_client(persona[Role.TEAM_MANAGER])
    # The team page's own, then one per kind of record, of draft and of waiting record, and
    # the timeliness chart's: 31.
    # One more per kind of record: the needs assessment and pathway plan are two.
    with django_assert_max_num_queries(33):
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
    overdue = page_text(client.get(reverse("accounts:home"), {"only": "overdue"}))
    assert "Overdueone" in overdue and "Quiet" not in overdue
    plan = page_text(client.get(reverse("accounts:home"), {"only": "plan"}))
    assert "Planned" in plan and "Overdueone" not in plan and "Quiet" not in plan
    everyone = page_text(client.get(reverse("accounts:home")))
    assert all(name in everyone for name in ("Overdueone", "Planned", "Quiet"))


@pytest.mark.parametrize(
    ("on_cp", "on_cin", "factors", "band"),
    [
        (True, False, 0, Complexity.HIGHER),
        (True, True, 9, Complexity.HIGHER),
        (False, True, 0, Complexity.MEDIUM),
        (False, False, 4, Complexity.MEDIUM),  # MANY_FACTORS
        (False, False, 3, Complexity.STANDARD),
        (False, False, 0, Complexity.STANDARD),
    ],
)
def test_complexity_bands(on_cp, on_cin, factors, band):
    assert (
        complexity(on_protection_plan=on_cp, on_child_in_need_plan=on_cin, factors=factors) == band
    )


def _deadline(case, due, done):
    return Deadline.objects.create(
        case=case,
        rule="protection-visit",
        about=f"{due}-{done}",
        what="Visit the child",
        started_on=due - timedelta(days=10),
        due_on=due,
        done_on=done,
    )


def test_timeliness_counts_each_month_s_deadlines_for_the_team_only(persona):
    worker = persona[Role.SOCIAL_WORKER]
    ours = make_case(make_person(), worker=worker)
    theirs = make_case(make_person(), team=make_team("Elsewhere"))
    today = date(2026, 11, 22)
    _deadline(ours, date(2026, 11, 10), date(2026, 11, 10))  # on time, this month
    _deadline(ours, date(2026, 11, 1), date(2026, 11, 2))  # late, this month
    _deadline(ours, date(2026, 1, 31), date(2025, 12, 1))  # on time, 11 months ago
    _deadline(ours, date(2025, 11, 30), date(2025, 11, 30))  # a year ago: not shown
    _deadline(ours, date(2026, 11, 30), None)  # not done
    _deadline(theirs, date(2026, 11, 10), date(2026, 11, 10))  # another team's
    months = timeliness([worker.team_id], today)
    assert len(months) == 12
    assert (months[0].starts, months[-1].starts) == (date(2025, 12, 1), date(2026, 11, 1))
    assert (months[-1].on_time, months[-1].late, months[-1].percent_on_time) == (1, 1, 50)
    assert (months[0].on_time, months[0].late) == (1, 0)
    assert sum(m.done for m in months) == 3
    assert months[5].percent_on_time is None  # nothing done that month


def test_the_team_page_shows_complexity_and_timeliness(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(), worker=worker)
    today = timezone.localdate()
    _deadline(case, today, today)
    page = signed_in_client(persona[Role.TEAM_MANAGER]).get(reverse("accounts:team"))
    body = page.content.decode()
    assert "Timescales met, month by month" in body
    assert 'data-testid="timeliness-chart"' in body
    assert f"{today:%B %Y}</td>" in body and "100%" in body
    assert "Higher" in body and "Standard" in body


def test_my_work_lists_timescales_missed_without_a_reason(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(first_name="Ivy"), worker=worker)
    today = timezone.localdate()
    missed = _deadline(case, today - timedelta(days=10), None)
    _deadline(
        case, today - timedelta(days=20), today - timedelta(days=19)
    ).__class__.objects.filter(due_on=today - timedelta(days=20)).update(
        late_reason="Family away"
    )  # explained already
    _deadline(case, today + timedelta(days=10), None)  # not missed
    found = my_work(worker, today)
    assert [d.pk for d in found.unexplained] == [missed.pk]
    page = page_text(signed_in_client(worker).get(reverse("accounts:home")))
    assert "Timescales missed without a reason (1)" in page
    assert reverse("timescales:reason", args=[missed.pk]) in page


class ManagersSeeWhichTests:
    """A manager sees which work is overdue, not only how much: every count a link to its
    items, and what waits for the manager is not the worker's lateness."""

    @pytest.fixture
    def team(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        today = timezone.localdate()
        late = make_case(
            make_person(first_name="Late"), worker=worker, referral_date=today - timedelta(100)
        )
        waiting = make_case(
            make_person(first_name="Waiting"), worker=worker, referral_date=today - timedelta(100)
        )
        Assessment.objects.create(
            case=waiting, author=worker, status=Status.SUBMITTED, submitted_at=timezone.now()
        )
        unallocated = make_case(make_person(first_name="Nobody"), team=worker.team)
        return {"worker": worker, "late": late, "waiting": waiting, "unallocated": unallocated}

    def test_work_waiting_for_the_manager_is_not_the_worker_s_overdue(self, persona, team):
        from kith.children.work import team_work

        found = team_work(persona[Role.TEAM_MANAGER], timezone.localdate())
        load = next(each for each in found.loads if each.worker == team["worker"])
        assert load.overdue == 1  # Late's assessment; Waiting's is with the manager
        waiting = next(w for w in found.children if w.case == team["waiting"])
        assert waiting.overdue == 0
        assert waiting.due[0].what == "Child and family assessment: waiting for a manager"

    def test_the_manager_s_home_links_to_each_worker_s_overdue_items(self, persona, team):
        client = signed_in_client(persona[Role.TEAM_MANAGER])
        home = page_text(client.get(reverse("accounts:home")))
        assert "1 record waiting for your authorisation" in home
        assert "Nobody Jones" in home  # a referral waiting for a worker, to allocate
        overdue = reverse("children:overdue") + f"?worker={team['worker'].pk}"
        assert f'href="{overdue}"' in home.replace("&amp;", "&")
        page = page_text(client.get(overdue))
        assert "Late Jones" in page and "Child and family assessment" in page
        assert "Waiting Jones" not in page

    def test_the_team_page_s_counts_are_links_to_their_items(self, persona, team):
        client = signed_in_client(persona[Role.TEAM_MANAGER])
        page = page_text(client.get(reverse("accounts:team")))
        assert f"{reverse('children:overdue')}?worker={team['worker'].pk}" in page
        by_type = page_text(
            client.get(reverse("children:overdue"), {"what": "Child and family assessment"})
        )
        assert "Late Jones" in by_type

    def test_a_worker_gets_no_overdue_page(self, persona, team):
        client = signed_in_client(team["worker"])
        assert client.get(reverse("children:overdue")).status_code == 403


def test_forms_started_and_not_saved_are_among_my_drafts_but_not_a_hidden_child_s(persona):
    from kith.drafts.models import FormDraft
    from kith.people.restriction import restrict_record

    worker = persona[Role.SOCIAL_WORKER]
    ellie, hidden = make_person(first_name="Ellie"), make_person(first_name="Zqhidden")
    FormDraft.objects.create(
        user=worker, page="/protection/cases/1/strategy/new/", title="Strategy discussion",
        person=ellie, typed={"information_shared": ["Police: incident"]},
    )  # fmt: skip
    FormDraft.objects.create(user=worker, page="/cases/contacts/new/", title="A contact")
    FormDraft.objects.create(user=worker, page="/x/", title="Strategy discussion", person=hidden)
    restrict_record(hidden, by=persona[Role.HEAD_OF_SERVICE], why="Child of staff")
    work = my_work(worker, timezone.localdate())
    assert {f.page for f in work.forms} == {
        "/protection/cases/1/strategy/new/",
        "/cases/contacts/new/",
    }
    page = page_text(signed_in_client(worker).get(reverse("accounts:home")))
    assert "Your drafts (2)" in page
    assert 'href="/protection/cases/1/strategy/new/">Strategy discussion for Ellie' in page
    assert "Zqhidden" not in page
