"""Edges found by an independent review of child protection and access by relationship, each
kept fixed by a test."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.access import works_with
from kith.cases.models import Case
from kith.people.break_glass import open_with_reason
from kith.people.models import Relationship
from kith.people.restriction import restrict_record
from kith.protection import actions, rules
from kith.protection.access import waiting_for_conference
from kith.protection.codes import CategoryOfAbuse
from kith.protection.forms import EnquiryForm, StrategyForm
from kith.protection.models import (
    Conference,
    ConferenceChild,
    CoreGroup,
    Enquiry,
    ProtectionPlan,
    StrategyChild,
    StrategyDiscussion,
)
from kith.recording import actions as recording_actions
from kith.recording.models import Closure
from kith.test import make_case, make_person, make_team, make_user, page_text, signed_in_client

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def discussion_for(*cases, day=None):
    day = day or TODAY() - timedelta(days=10)
    held = timezone.make_aware(datetime.combine(day, time(9)))
    found = StrategyDiscussion.objects.create(
        held_at=held, information_shared="i", safety_plan="s", recorded_by=cases[0].opened_by
    )
    for case in cases:
        child = StrategyChild.objects.create(
            discussion=found,
            case=case,
            decision="s47",
            reason=f"Reason for {case.child.first_name}",
        )
        Enquiry.objects.create(case=case, started_by=child, started_on=day, outcome="icpc")
    return found


@pytest.fixture
def three(persona):
    """A, B and C in one family, each held by a different worker in a different team."""
    workers = [make_user(team=make_team()) for _ in range(3)]
    children = [make_person(first_name=n) for n in ("Anna", "Bella", "Cara")]
    Relationship.objects.create(first=children[0], second=children[1], kind="sibling")
    Relationship.objects.create(first=children[0], second=children[2], kind="sibling")
    cases = [
        make_case(c, worker=w, referral_date=TODAY() - timedelta(days=30))
        for c, w in zip(children, workers, strict=True)
    ]
    return cases, workers


class MultiChildAccessTests:
    def test_a_discussion_shows_only_the_children_the_user_may_open(self, three):
        (a, b, c), (_, _, worker_c) = three
        discussion = discussion_for(a, b, c)
        page = page_text(
            signed_in_client(worker_c).get(reverse("protection:strategy", args=[discussion.pk]))
        )
        assert "Reason for Cara" in page
        assert "Reason for Bella" not in page  # Bella is not Cara's worker's work
        assert "Reason for Anna" in page  # Anna is Cara's sister: the family opens

    def test_nobody_openable_asks_for_a_reason_about_the_first_visible_child(self, three):
        (a, b, _), _ = three
        discussion = discussion_for(a, b)
        outsider = make_user()
        response = signed_in_client(outsider).get(
            reverse("protection:strategy", args=[discussion.pk])
        )
        assert response.status_code == 302
        assert f"/people/{a.child_id}/reason/" in response["Location"]

    def test_a_conference_letter_for_a_child_the_user_may_not_open_is_not_found(
        self, three, persona
    ):
        (_, b, c), (_, _, worker_c) = three
        conference = Conference.objects.create(
            kind="initial",
            held_on=TODAY(),
            chair=persona[Role.CHAIR],
            attendance="a",
            social_worker_report="r",
            views="v",
            recorded_by=worker_c,
        )
        for case in (b, c):
            ConferenceChild.objects.create(conference=conference, case=case, needs_plan=False)
        client = signed_in_client(worker_c)
        assert (
            client.get(
                reverse("protection:conference_letter", args=[conference.pk, c.pk])
            ).status_code
            == 200
        )
        assert (
            client.get(
                reverse("protection:conference_letter", args=[conference.pk, b.pk])
            ).status_code
            == 404
        )

    def test_a_worker_cannot_decide_a_plan_for_a_sibling_held_by_another_team(self, three):
        (a, b, _), (worker_a, _, _) = three
        discussion_for(a, b)
        page = page_text(
            signed_in_client(worker_a).get(
                reverse("protection:new_conference", args=[a.pk, "initial"])
            )
        )
        assert "Anna" in page and "Bella" not in page

    def test_the_worker_of_a_second_child_may_attach_a_report(self, three, persona):
        (a, _, c), (_, _, worker_c) = three
        conference = Conference.objects.create(
            kind="initial",
            held_on=TODAY(),
            chair=persona[Role.CHAIR],
            attendance="a",
            social_worker_report="r",
            views="v",
            recorded_by=worker_c,
        )
        for case in (a, c):
            ConferenceChild.objects.create(conference=conference, case=case, needs_plan=False)
        page = page_text(
            signed_in_client(worker_c).get(reverse("protection:conference", args=[conference.pk]))
        )
        assert "Attach a report" in page


class WorksWithTests:
    def test_someone_with_no_team_does_not_work_with_unallocated_cases(self, persona):
        case = make_case(make_person(), referral_date=TODAY())
        nobody = make_user()
        nobody.team = None
        nobody.save()
        assert case.team is None
        assert not works_with(nobody, [case.child_id])


class ManagerListTests:
    def test_a_restricted_child_is_not_listed_to_a_manager_not_named(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        case = make_case(make_person(first_name="Hidden"), worker=worker)
        restrict_record(case.child, by=persona[Role.HEAD_OF_SERVICE], why="Staff member's child")
        open_with_reason(
            case.child, by=persona[Role.HEAD_OF_SERVICE], why="Checking the family tonight"
        )
        page = page_text(signed_in_client(persona[Role.TEAM_MANAGER]).get(reverse("accounts:home")))
        assert "Hidden" not in page

    def test_a_closed_case_s_child_is_still_listed(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        case = make_case(make_person(first_name="Closedchild"), worker=worker)
        Case.objects.filter(pk=case.pk).update(closed_on=TODAY())
        open_with_reason(case.child, by=make_user(), why="Police call about the family tonight")
        page = page_text(signed_in_client(persona[Role.TEAM_MANAGER]).get(reverse("accounts:home")))
        assert "Closedchild" in page


class PlanStateTests:
    def test_a_case_does_not_close_with_a_plan_open(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        case = make_case(make_person(), worker=worker)
        ProtectionPlan.objects.create(
            case=case, started_on=TODAY(), initial_category="NEG", latest_category="NEG"
        )
        with pytest.raises(ValidationError, match="child protection plan"):
            recording_actions.save(
                None,
                model=Closure,
                case=case,
                by=worker,
                version=None,
                values={"closed_on": TODAY(), "reason": "RC7", "summary": "x"},
                typed={},
                submit=True,
            )

    def test_a_plan_left_open_on_an_earlier_case_blocks_a_second(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        child = make_person()
        old = make_case(child, worker=worker)
        ProtectionPlan.objects.create(
            case=old,
            started_on=TODAY() - timedelta(days=400),
            initial_category="NEG",
            latest_category="NEG",
        )
        Case.objects.filter(pk=old.pk).update(closed_on=TODAY() - timedelta(days=100))
        new = make_case(child, worker=worker)
        with pytest.raises(ValidationError, match="already on a child protection plan"):
            actions.record_conference(
                by=worker,
                kind="initial",
                held_on=TODAY(),
                chair=persona[Role.CHAIR],
                attendance="a",
                social_worker_report="r",
                views="v",
                decisions=[
                    {"case": new, "needs_plan": True, "category": "NEG", "next_review_on": None}
                ],
            )

    def test_a_review_before_the_last_conference_is_refused(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        case = make_case(make_person(), worker=worker)
        plan = ProtectionPlan.objects.create(
            case=case,
            started_on=TODAY() - timedelta(days=200),
            initial_category="NEG",
            latest_category="NEG",
        )
        last = Conference.objects.create(
            kind="review",
            held_on=TODAY() - timedelta(days=20),
            chair=persona[Role.CHAIR],
            attendance="a",
            social_worker_report="r",
            views="v",
            recorded_by=worker,
        )
        ConferenceChild.objects.create(
            conference=last, case=case, plan=plan, needs_plan=True, category="NEG"
        )
        with pytest.raises(ValidationError, match="before the last conference"):
            actions.record_conference(
                by=worker,
                kind="review",
                held_on=TODAY() - timedelta(days=30),
                chair=persona[Role.CHAIR],
                attendance="a",
                social_worker_report="r",
                views="v",
                decisions=[
                    {"case": case, "needs_plan": True, "category": "NEG", "next_review_on": TODAY()}
                ],
            )

    def test_no_core_group_on_an_ended_plan(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        case = make_case(make_person(), worker=worker)
        plan = ProtectionPlan.objects.create(
            case=case,
            started_on=TODAY() - timedelta(days=90),
            ended_on=TODAY() - timedelta(days=5),
            initial_category="NEG",
            latest_category="NEG",
        )
        with pytest.raises(ValidationError, match="has ended"):
            actions.record_core_group(
                plan,
                by=worker,
                held_on=TODAY(),
                attendance="a",
                progress="p",
                concerns="",
                decisions="d",
            )
        assert not CoreGroup.objects.exists()

    def test_one_initial_conference_answers_every_earlier_enquiry(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        case = make_case(make_person(), worker=worker)
        discussion_for(case, day=TODAY() - timedelta(days=20))
        discussion_for(case, day=TODAY() - timedelta(days=10))
        assert waiting_for_conference().filter(case=case).count() == 2
        conference = Conference.objects.create(
            kind="initial",
            held_on=TODAY(),
            chair=persona[Role.CHAIR],
            attendance="a",
            social_worker_report="r",
            views="v",
            recorded_by=worker,
        )
        ConferenceChild.objects.create(conference=conference, case=case, needs_plan=False)
        assert not waiting_for_conference().filter(case=case).exists()

    def test_a_closed_case_is_not_waiting_for_a_conference(self, persona):
        case = make_case(make_person(), worker=persona[Role.SOCIAL_WORKER])
        discussion_for(case)
        Case.objects.filter(pk=case.pk).update(closed_on=TODAY())
        assert not waiting_for_conference().exists()


class DateTests:
    def test_the_next_review_is_the_one_the_latest_conference_set(self):
        plan = ProtectionPlan(
            pk=1, started_on=date(2025, 1, 6), initial_category="NEG", latest_category="NEG"
        )
        first = ConferenceChild(
            conference=Conference(pk=1, kind="initial", held_on=date(2025, 1, 6)),
            next_review_on=date(2025, 4, 1),
            needs_plan=True,
        )
        brought_forward = ConferenceChild(
            conference=Conference(pk=2, kind="review", held_on=date(2025, 2, 14)),
            next_review_on=date(2025, 3, 14),
            needs_plan=True,
        )
        due = rules.review_timescale(plan, [first, brought_forward], date(2025, 2, 15)).due
        assert due == date(2025, 3, 14)

    def test_later_core_groups_are_counted_in_calendar_weeks(self):
        plan = ProtectionPlan(
            pk=1,
            started_on=date(2025, 12, 1),
            initial_category="NEG",
            latest_category="NEG",
            core_group_every_weeks=6,
        )
        due = rules.core_group_timescale(
            plan, [CoreGroup(held_on=date(2025, 12, 15))], date(2025, 12, 16)
        ).due
        assert due == date(2026, 1, 26)

    def test_an_enquiry_outcome_before_it_started_is_refused(self):
        form = EnquiryForm(
            {
                "version": "1",
                "outcome": "icpc",
                "outcome_on_day": "1",
                "outcome_on_month": "1",
                "outcome_on_year": "2020",
            },
            started_on=date(2026, 1, 5),
        )
        assert "cannot be before the enquiry started" in form.errors["outcome_on"][0]

    def test_a_strategy_discussion_later_today_is_refused(self, monkeypatch):
        ten = timezone.make_aware(datetime.combine(TODAY(), time(10, 0)))
        monkeypatch.setattr("kith.protection.forms.strategy_discussions.timezone.now", lambda: ten)
        day = TODAY()
        data = {
            "held_on_day": day.day,
            "held_on_month": day.month,
            "held_on_year": day.year,
            "information_shared": "i",
            "safety_plan": "s",
        }
        assert (
            "Time must be now or in the past"
            in StrategyForm({**data, "held_time": "10:01"}).errors["held_time"][0]
        )
        assert StrategyForm({**data, "held_time": "10:00"}).is_valid()

    def test_the_multiple_category_s_label_is_plain(self):
        assert CategoryOfAbuse.MULTIPLE.label == "Multiple categories"


class PageTests:
    def test_a_next_review_before_the_conference_is_refused_naming_the_child(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        case = make_case(
            make_person(first_name="Ellie", family_name="Jones"),
            worker=worker,
            referral_date=TODAY() - timedelta(days=30),
        )
        discussion_for(case, day=TODAY() - timedelta(days=5))
        day = TODAY()
        response = signed_in_client(worker).post(
            reverse("protection:new_conference", args=[case.pk, "initial"]),
            {
                "held_on_day": day.day,
                "held_on_month": day.month,
                "held_on_year": day.year,
                "chair": persona[Role.CHAIR].pk,
                "quorate": "yes",
                "attendance": "a",
                "social_worker_report": "r",
                "views": "v",
                f"child-{case.pk}-decision": "plan",
                f"child-{case.pk}-category": "NEG",
                f"child-{case.pk}-next_review_on_day": day.day,
                f"child-{case.pk}-next_review_on_month": day.month,
                f"child-{case.pk}-next_review_on_year": day.year,
            },
        )
        page = page_text(response)
        assert "Ellie Jones: The next review must be after this conference" in page
        assert not ProtectionPlan.objects.exists()

    def test_the_enquiry_page_drops_the_conference_timescale_after_another_outcome(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        case = make_case(make_person(), worker=worker, referral_date=TODAY() - timedelta(days=90))
        discussion_for(case, day=TODAY() - timedelta(days=60))
        enquiry = Enquiry.objects.get()
        Enquiry.objects.filter(pk=enquiry.pk).update(outcome="nfa", no_conference_reason="x")
        page = page_text(
            signed_in_client(worker).get(reverse("protection:enquiry", args=[enquiry.pk]))
        )
        assert "overdue" not in page

    def test_the_conferences_list_counts_everything_and_keeps_the_oldest(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        old = make_case(make_person(first_name="Oldplan"), worker=worker)
        ProtectionPlan.objects.create(
            case=old,
            started_on=TODAY() - timedelta(days=400),
            initial_category="NEG",
            latest_category="NEG",
        )
        page = page_text(
            signed_in_client(persona[Role.TEAM_MANAGER]).get(reverse("protection:conferences"))
        )
        assert "Oldplan" in page and "(1)" in page


def test_the_demo_has_no_core_group_after_its_plan_ended(db):
    from io import StringIO

    from django.core.management import call_command

    call_command(
        "seed_demo", "--children", "1500", "--seed", "5", "--today", "2026-11-21", stdout=StringIO()
    )
    for meeting in CoreGroup.objects.select_related("plan"):
        assert meeting.plan.ended_on is None or meeting.held_on <= meeting.plan.ended_on
