"""A family through child protection, page by page: one strategy discussion for two siblings,
their enquiries, one initial conference deciding a plan for each, the plan's outline and core
group, and the review conference that ends one plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.people.models import Relationship
from kith.protection.models import (
    Conference,
    ConferenceChild,
    CoreGroup,
    Enquiry,
    ProtectionPlan,
    StrategyDiscussion,
)
from kith.test import make_case, make_person, page_text, signed_in_client

pytestmark = pytest.mark.django_db


def boxes(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


@pytest.fixture
def family(persona):
    worker = persona[Role.SOCIAL_WORKER]
    ellie = make_person(first_name="Ellie", date_of_birth=date(2015, 3, 14))
    sam = make_person(first_name="Sam", date_of_birth=date(2018, 6, 1))
    Relationship.objects.create(first=ellie, second=sam, kind="sibling")
    ellie_case = make_case(
        ellie, worker=worker, referral_date=timezone.localdate() - timedelta(days=40)
    )
    sam_case = make_case(
        sam, worker=worker, referral_date=timezone.localdate() - timedelta(days=40)
    )
    return ellie_case, sam_case


def strategy(client, ellie_case, sam_case, day):
    return client.post(
        reverse("protection:new_strategy", args=[ellie_case.pk]),
        {
            **boxes("held_on", day),
            "held_time": "10:00",
            "people-TOTAL_FORMS": "5",
            "people-INITIAL_FORMS": "0",
            "people-0-name": "DS Lewis",
            "people-0-agency": "police",
            "people-1-name": "Nurse Jones",
            "people-1-agency": "health",
            "information_shared": "Police: incident last night. Health: bruising seen.",
            "safety_plan": "Father not to return home; mother agreed.",
            f"person-{ellie_case.child.pk}-decision": "s47",
            f"person-{ellie_case.child.pk}-reason": "Injury",
            f"person-{sam_case.child.pk}-decision": "s47",
            f"person-{sam_case.child.pk}-reason": "Same home",
        },
    )


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


def test_the_chair_of_a_conference_opens_the_child_s_record(family, persona):
    ellie_case, _ = family
    other_chair = signed_in_client(persona[Role.CHAIR])
    # Not waiting for a conference, no plan: the chair is asked for a reason.
    assert other_chair.get(reverse("recording:case", args=[ellie_case.pk])).status_code == 302
    conference = Conference.objects.create(
        kind="initial",
        held_on=timezone.localdate(),
        chair=persona[Role.CHAIR],
        attendance="a",
        social_worker_report="r",
        views="v",
        recorded_by=persona[Role.SOCIAL_WORKER],
    )
    ConferenceChild.objects.create(conference=conference, case=ellie_case, needs_plan=False)
    assert other_chair.get(reverse("recording:case", args=[ellie_case.pk])).status_code == 200


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


class ReportTests:
    @pytest.fixture
    def conference(self, family, persona):
        ellie_case, _ = family
        conference = Conference.objects.create(
            kind="initial",
            held_on=timezone.localdate(),
            chair=persona[Role.CHAIR],
            attendance="a",
            social_worker_report="r",
            views="v",
            recorded_by=persona[Role.SOCIAL_WORKER],
        )
        ConferenceChild.objects.create(conference=conference, case=ellie_case, needs_plan=False)
        return conference

    def upload(self, client, conference, name, content, **extra):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return client.post(
            reverse("protection:conference", args=[conference.pk]),
            {
                "agency": "education",
                "title": "School report",
                "document": SimpleUploadedFile(name, content),
                **extra,
            },
        )

    def test_a_report_is_attached_and_opened_with_each_look_audited(self, conference, persona):
        from kith.audit.models import AuditEvent

        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        response = self.upload(worker, conference, "school report.pdf", b"%PDF-1.4 report")
        assert response.status_code == 302
        report = conference.reports.get()
        assert report.original_name == "school report.pdf" and report.size == 15
        opened = worker.get(reverse("protection:report", args=[conference.pk, report.pk]))
        assert b"".join(opened.streaming_content) == b"%PDF-1.4 report"
        assert 'filename="school report.pdf"' in opened["Content-Disposition"]
        assert AuditEvent.objects.filter(verb="document_opened").count() == 1
        assert AuditEvent.objects.filter(verb="document_added").count() == 1

    def test_a_program_is_refused_and_the_title_kept(self, conference, persona):
        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        response = self.upload(worker, conference, "report.exe", b"MZ")
        page = page_text(response)
        assert "must be a PDF, Word, OpenDocument, text, JPG or PNG file" in page
        assert 'value="School report"' in page
        assert not conference.reports.exists()

    def test_a_document_too_big_is_refused(self, conference, persona, settings):
        settings.KITH_MAX_UPLOAD_MB = 1
        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        response = self.upload(worker, conference, "big.pdf", b"x" * (1024 * 1024 + 1))
        assert "smaller than 1 MB" in page_text(response)

    def test_a_partner_or_outsider_cannot_attach(self, conference, persona):
        from kith.test import make_user

        outsider = signed_in_client(make_user())
        assert self.upload(outsider, conference, "a.pdf", b"x").status_code == 302  # reason
        assert (
            self.upload(
                signed_in_client(persona[Role.PARTNER]), conference, "a.pdf", b"x"
            ).status_code
            == 403
        )
        assert not conference.reports.exists()
