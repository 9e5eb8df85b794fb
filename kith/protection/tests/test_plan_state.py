"""A child's plan and the conferences it needs: one plan open at a time (even across cases),
a case not closed with one open, reviews in order, core groups only while the plan lasts, and
every earlier enquiry answered by one initial conference; the pages that show what is due say
so, with a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Case
from kith.protection import actions
from kith.protection.access import waiting_for_conference
from kith.protection.models import Conference, ConferenceChild, CoreGroup, Enquiry, ProtectionPlan
from kith.protection.tests.builders import discussion_for
from kith.recording import actions as recording_actions
from kith.recording.models import Closure
from kith.test import make_case, make_person, page_text, signed_in_client

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


class PlanStateTests:
    def test_a_case_does_not_close_with_a_plan_open(self, persona):
        worker = persona[Role.SOCIAL_WORKER]
        case = make_case(make_person(), worker=worker)
        ProtectionPlan.objects.create(
            case=case, started_on=TODAY(), initial_category="NEG", latest_category="NEG"
        )
        with pytest.raises(ValidationError, match="child protection plan"):
            recording_actions.submit_record(
                None,
                model=Closure,
                case=case,
                by=worker,
                version=None,
                values={"closed_on": TODAY(), "reason": "RC7", "summary": "x"},
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


@pytest.mark.parametrize("n", [1, 6])
def test_the_plan_page_and_the_conferences_list_use_fixed_queries(
    family, persona, django_assert_max_num_queries, n
):
    ellie_case, _ = family
    plan = ProtectionPlan.objects.create(
        case=ellie_case,
        started_on=timezone.localdate(),
        initial_category="NEG",
        latest_category="NEG",
    )
    for i in range(n):
        conference = Conference.objects.create(
            kind="review",
            held_on=timezone.localdate(),
            chair=persona[Role.CHAIR],
            attendance="a",
            social_worker_report="r",
            views="v",
            recorded_by=persona[Role.SOCIAL_WORKER],
        )
        ConferenceChild.objects.create(
            conference=conference, case=ellie_case, plan=plan, needs_plan=True, category="NEG"
        )
        CoreGroup.objects.create(
            plan=plan,
            held_on=timezone.localdate(),
            attendance="a",
            progress="p",
            decisions="d",
            recorded_by=persona[Role.SOCIAL_WORKER],
        )
        other = make_case(make_person(first_name=f"Other{i}"), worker=persona[Role.SOCIAL_WORKER])
        ProtectionPlan.objects.create(
            case=other,
            started_on=timezone.localdate(),
            initial_category="EMO",
            latest_category="EMO",
        )
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    with django_assert_max_num_queries(24):
        assert worker.get(reverse("protection:plan", args=[plan.pk])).status_code == 200
    manager = signed_in_client(persona[Role.TEAM_MANAGER])
    with django_assert_max_num_queries(12):
        assert manager.get(reverse("protection:conferences")).status_code == 200
