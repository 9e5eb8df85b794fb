"""A family through child protection, page by page: one strategy discussion for two siblings,
their enquiries, one initial conference deciding a plan for each, the plan's outline and core
group, and the review conference that ends one plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.protection.models import (
    Conference,
    CoreGroup,
    Enquiry,
    ProtectionPlan,
    StrategyDiscussion,
)
from kith.protection.tests.builders import boxes, strategy
from kith.test import page_text, signed_in_client

pytestmark = pytest.mark.django_db


def test_a_family_from_strategy_discussion_to_a_plan_s_end(family, persona):
    ellie_case, sam_case = family
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    day = timezone.localdate() - timedelta(days=20)
    response = strategy(worker, ellie_case, sam_case, day)
    assert response.status_code == 302, page_text(response)[:3000]
    discussion = StrategyDiscussion.objects.get()
    assert discussion.children.count() == 2
    assert set(discussion.agencies_missing()) == {"Children's social care", "Education"}
    enquiries = list(Enquiry.objects.order_by("case_id"))
    assert [e.started_on for e in enquiries] == [day, day]

    for enquiry in enquiries:
        worker.post(
            reverse("protection:enquiry", args=[enquiry.pk]),
            {
                "version": enquiry.version,
                "findings": "Bruising consistent with the account",
                "concerns_substantiated": "yes",
                "continuing_risk": "yes",
                "outcome": "icpc",
                **boxes("outcome_on", day + timedelta(days=5)),
            },
        )
    assert Enquiry.objects.filter(outcome="icpc").count() == 2

    conference_day = day + timedelta(days=14)
    chair = persona[Role.CHAIR]
    chair_client = signed_in_client(chair)
    response = chair_client.post(
        reverse("protection:new_conference", args=[ellie_case.pk, "initial"]),
        {
            **boxes("held_on", conference_day),
            "chair": chair.pk,
            "quorate": "yes",
            "attendance": "Mother, police, school, health",
            "social_worker_report": "Report",
            "views": "Ellie wants Dad to come home but to stop shouting.",
            f"child-{ellie_case.pk}-decision": "plan",
            f"child-{ellie_case.pk}-category": "PHY",
            **boxes(f"child-{ellie_case.pk}-next_review_on", conference_day + timedelta(days=80)),
            f"child-{sam_case.pk}-decision": "plan",
            f"child-{sam_case.pk}-category": "EMO",
            **boxes(f"child-{sam_case.pk}-next_review_on", conference_day + timedelta(days=80)),
        },
    )
    assert response.status_code == 302, page_text(response)[:4000]
    plans = {p.case_id: p for p in ProtectionPlan.objects.all()}
    assert plans[ellie_case.pk].initial_category == "PHY"
    assert plans[sam_case.pk].initial_category == "EMO"
    conference = Conference.objects.get()
    letter = chair_client.get(
        reverse("protection:conference_letter", args=[conference.pk, ellie_case.pk])
    )
    assert letter.content.startswith(b"%PDF")

    # Every page of Ellie's case shows the plan in its header.
    page = page_text(worker.get(reverse("recording:case", args=[ellie_case.pk])))
    assert "Child protection plan" in page and "Physical abuse" in page

    plan = plans[ellie_case.pk]
    response = worker.post(
        reverse("protection:edit_plan", args=[plan.pk]),
        {
            "version": plan.version,
            "what_must_change": "No more violence at home",
            "contingency": "Legal planning meeting",
            "visit_every_working_days": "10",
            "core_group_every_weeks": "6",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
            "actions-0-what": "Father to attend a perpetrator programme",
            "actions-0-who": "Father",
        },
    )
    assert response.status_code == 302, page_text(response)[:3000]
    worker.post(
        reverse("protection:new_core_group", args=[plan.pk]),
        {
            **boxes("held_on", conference_day + timedelta(days=5)),
            "attendance": "All",
            "progress": "Father started the course",
            "decisions": "Carry on",
        },
    )
    assert CoreGroup.objects.filter(plan=plan).exists()

    review_day = timezone.localdate()
    chair_client.post(
        reverse("protection:new_conference", args=[ellie_case.pk, "review"]),
        {
            **boxes("held_on", review_day),
            "chair": chair.pk,
            "quorate": "yes",
            "attendance": "All",
            "social_worker_report": "Much better",
            "views": "Happy",
            f"child-{ellie_case.pk}-decision": "no_plan",
            f"child-{sam_case.pk}-decision": "plan",
            f"child-{sam_case.pk}-category": "NEG",
            **boxes(f"child-{sam_case.pk}-next_review_on", review_day + timedelta(days=150)),
        },
    )
    plan.refresh_from_db()
    assert plan.ended_on == review_day and plan.end_reason == "review"
    sam_plan = ProtectionPlan.objects.get(case=sam_case)
    assert (
        sam_plan.is_open
        and sam_plan.latest_category == "NEG"
        and sam_plan.initial_category == "EMO"
    )


class BadInputTests:
    def test_an_initial_conference_before_its_strategy_discussion(self, family, persona):
        ellie_case, sam_case = family
        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        day = timezone.localdate() - timedelta(days=10)
        strategy(worker, ellie_case, sam_case, day)
        Enquiry.objects.update(outcome="icpc", outcome_on=day)
        response = worker.post(
            reverse("protection:new_conference", args=[ellie_case.pk, "initial"]),
            {
                **boxes("held_on", day - timedelta(days=1)),
                "chair": persona[Role.CHAIR].pk,
                "quorate": "yes",
                "attendance": "All",
                "social_worker_report": "Kept report",
                "views": "v",
                f"child-{ellie_case.pk}-decision": "plan",
                f"child-{ellie_case.pk}-category": "PHY",
                **boxes(f"child-{ellie_case.pk}-next_review_on", day + timedelta(days=60)),
            },
        )
        page = page_text(response)
        assert "cannot be before the strategy discussion" in page and "Kept report" in page
        assert not Conference.objects.exists()

    def test_a_plan_without_a_category(self, family, persona):
        ellie_case, sam_case = family
        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        day = timezone.localdate() - timedelta(days=10)
        strategy(worker, ellie_case, sam_case, day)
        Enquiry.objects.update(outcome="icpc", outcome_on=day)
        response = worker.post(
            reverse("protection:new_conference", args=[ellie_case.pk, "initial"]),
            {
                **boxes("held_on", day),
                "chair": persona[Role.CHAIR].pk,
                "quorate": "yes",
                "attendance": "All",
                "social_worker_report": "r",
                "views": "v",
                f"child-{ellie_case.pk}-decision": "plan",
            },
        )
        assert "Choose the category of abuse" in page_text(response)
        assert not ProtectionPlan.objects.exists()

    def test_a_chair_who_is_not_a_chair(self, family, persona):
        ellie_case, sam_case = family
        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        day = timezone.localdate() - timedelta(days=10)
        strategy(worker, ellie_case, sam_case, day)
        Enquiry.objects.update(outcome="icpc", outcome_on=day)
        response = worker.post(
            reverse("protection:new_conference", args=[ellie_case.pk, "initial"]),
            {
                **boxes("held_on", day),
                "chair": persona[Role.SOCIAL_WORKER].pk,
                "quorate": "yes",
                "attendance": "All",
                "social_worker_report": "r",
                "views": "v",
                f"child-{ellie_case.pk}-decision": "no_plan",
            },
        )
        assert "Choose a chair: an independent reviewing officer" in page_text(response)

    def test_a_review_for_a_child_with_no_plan_is_not_offered(self, family, persona):
        ellie_case, _ = family
        page = page_text(
            signed_in_client(persona[Role.SOCIAL_WORKER]).get(
                reverse("protection:new_conference", args=[ellie_case.pk, "review"])
            )
        )
        assert "No child in this family is on a child protection plan" in page

    def test_a_second_open_plan_for_the_same_child(self, family, persona):
        from django.core.exceptions import ValidationError

        from kith.protection.actions import record_conference

        ellie_case, _ = family
        ProtectionPlan.objects.create(
            case=ellie_case,
            started_on=timezone.localdate(),
            initial_category="NEG",
            latest_category="NEG",
        )
        with pytest.raises(ValidationError, match="already on a child protection plan"):
            record_conference(
                by=persona[Role.SOCIAL_WORKER],
                kind="initial",
                held_on=timezone.localdate(),
                chair=persona[Role.CHAIR],
                attendance="a",
                social_worker_report="r",
                views="v",
                decisions=[
                    {
                        "case": ellie_case,
                        "needs_plan": True,
                        "category": "PHY",
                        "next_review_on": None,
                    }
                ],
            )

    def test_no_conference_needs_its_reason(self, family, persona):
        ellie_case, sam_case = family
        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        strategy(worker, ellie_case, sam_case, timezone.localdate() - timedelta(days=1))
        enquiry = Enquiry.objects.filter(case=ellie_case).get()
        response = worker.post(
            reverse("protection:enquiry", args=[enquiry.pk]),
            {
                "version": enquiry.version,
                "findings": "Kept findings",
                "outcome": "cin",
                **boxes("outcome_on", timezone.localdate()),
            },
        )
        page = page_text(response)
        assert "Say why no conference is needed" in page and "Kept findings" in page
