"""A family's child protection work written once: the strategy discussion lists every child of
the family and household (opening a referral for one without a case), and an enquiry's outcome,
the conference's outline plan, a plan update and a core group serve every child's own record."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Case
from kith.people.models import Address, Relationship, Residence
from kith.people.restriction import restrict_record
from kith.protection.family import children_around
from kith.protection.models import (
    ConferenceChild,
    CoreGroup,
    Enquiry,
    ProtectionPlan,
    StrategyChild,
    StrategyDiscussion,
)
from kith.protection.rules import add_months
from kith.test import (
    date_fields,
    make_case,
    make_person,
    make_team,
    make_user,
    page_text,
    signed_in_client,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


@pytest.fixture
def family(worker):
    """Ellie (the worker's case), her brother Sam (no case), their baby half-sister living with
    them (no relationship recorded), and their mother."""
    ellie = make_person(first_name="Ellie", date_of_birth=date(2015, 3, 14))
    sam = make_person(first_name="Sam", sex="M", date_of_birth=date(2018, 6, 1))
    baby = make_person(first_name="Rosa", date_of_birth=date(2024, 1, 1))
    mum = make_person(first_name="Kerry", date_of_birth=date(1990, 1, 1))
    home = Address.objects.create(line_1="1 Weir Lane", town="Westholm")
    for person in (ellie, sam, baby, mum):
        Residence.objects.create(person=person, address=home)
    Relationship.objects.create(first=ellie, second=sam, kind="sibling")
    Relationship.objects.create(first=mum, second=ellie, kind="mother")
    case = make_case(ellie, worker=worker, referral_date=timezone.localdate() - timedelta(20))
    return {"ellie": ellie, "sam": sam, "baby": baby, "mum": mum, "case": case}


class ChildrenAroundTests:
    def test_every_child_of_the_family_and_household_is_listed(self, worker, family):
        found = children_around(worker, family["case"])
        assert [c.person for c in found] == [family["ellie"], family["sam"], family["baby"]]
        assert [c.how for c in found] == ["", "Brother", "Lives with them"]
        assert all(c.may_record and c.case is None for c in found[1:])

    def test_a_sibling_in_another_team_s_work_is_listed_but_not_recorded_here(self, worker, family):
        elsewhere = make_case(family["sam"], worker=make_user(team=make_team()))
        sam = next(c for c in children_around(worker, family["case"]) if c.person == family["sam"])
        assert sam.case == elsewhere and not sam.may_record

    def test_a_restricted_sibling_is_not_there_at_all(self, worker, persona, family):
        restrict_record(family["sam"], by=persona[Role.HEAD_OF_SERVICE], why="Child of staff")
        assert family["sam"] not in [c.person for c in children_around(worker, family["case"])]


class StrategyTests:
    def _form(self, family, **extra):
        case = family["case"]
        return {
            **date_fields("held_on", timezone.localdate()),
            "held_time": "00:01",
            "people-TOTAL_FORMS": "1",
            "people-INITIAL_FORMS": "0",
            "people-0-name": "DS Lewis",
            "people-0-agency": "police",
            "information_shared": "Police: incident last night",
            "safety_plan": "Father stays away",
            f"person-{case.child.pk}-decision": "s47",
            **extra,
        }

    def test_a_brother_with_no_case_gets_his_referral_and_enquiry_from_it(self, worker, family):
        case = family["case"]
        response = signed_in_client(worker).post(
            reverse("protection:new_strategy", args=[case.pk]),
            self._form(
                family,
                reason="Violence at home",
                **{f"person-{family['sam'].pk}-decision": "s47"},
            ),
        )
        assert response.status_code == 302, page_text(response)[:2000]
        his = Case.objects.get(child=family["sam"])
        assert (his.team, his.worker, his.referral_source) == (
            case.team,
            case.worker,
            case.referral_source,
        )
        assert his.referral_date == timezone.localdate()
        assert Enquiry.objects.get(case=his).started_on == timezone.localdate()
        reasons = dict(StrategyChild.objects.values_list("case__child__first_name", "reason"))
        assert reasons == {"Ellie": "Violence at home", "Sam": "Violence at home"}

    def test_a_decision_needs_a_reason_for_the_family_or_the_child(self, worker, family):
        response = signed_in_client(worker).post(
            reverse("protection:new_strategy", args=[family["case"].pk]), self._form(family)
        )
        assert "Enter why, for Ellie Jones" in page_text(response)
        assert not StrategyDiscussion.objects.exists()

    def test_a_child_whose_past_is_another_team_s_is_not_taken_on_from_here(self, worker, family):
        """Rosa lives with them and had a case with another team: a referral opened from this
        page would open her whole history to this worker without a reason."""
        rosa = family["baby"]
        make_case(
            rosa,
            worker=make_user(team=make_team()),
            referral_date=timezone.localdate() - timedelta(days=200),
            closed_on=timezone.localdate() - timedelta(days=100),
        )
        listed = next(c for c in children_around(worker, family["case"]) if c.person == rosa)
        assert not listed.may_record
        response = signed_in_client(worker).post(
            reverse("protection:new_strategy", args=[family["case"].pk]),
            self._form(family, reason="Violence", **{f"person-{rosa.pk}-decision": "s47"}),
        )
        assert response.status_code == 302
        assert not Case.objects.filter(child=rosa, closed_on__isnull=True).exists()

    def test_a_brother_whose_case_opened_while_the_page_was_open_keeps_his_decision(
        self, worker, family
    ):
        sam = family["sam"]
        url = reverse("protection:new_strategy", args=[family["case"].pk])
        client = signed_in_client(worker)
        assert f"person-{sam.pk}-decision" in client.get(url).content.decode()
        his = make_case(sam, worker=worker)  # his referral accepted meanwhile
        response = client.post(
            url,
            self._form(
                family,
                reason="Violence",
                **{f"person-{sam.pk}-decision": "s47", f"person-{sam.pk}-reason": "Saw it all"},
            ),
        )
        assert response.status_code == 302, page_text(response)[:2000]
        assert StrategyChild.objects.get(case=his).reason == "Saw it all"

    def test_the_page_says_who_has_no_case_yet(self, worker, family):
        page = page_text(
            signed_in_client(worker).get(
                reverse("protection:new_strategy", args=[family["case"].pk])
            )
        )
        assert "No open case. Starting an enquiry opens a referral for Sam" in page
        assert "Rosa Jones" in page and "Kerry" not in page.split("The decision")[1]


@pytest.fixture
def enquiries(worker, family):
    """A strategy discussion that started enquiries for Ellie and Sam (both cases the
    worker's)."""
    sam_case = make_case(family["sam"], worker=worker, referral_date=family["case"].referral_date)
    discussion = StrategyDiscussion.objects.create(
        held_at=timezone.now() - timedelta(days=5),
        information_shared="i",
        safety_plan="s",
        recorded_by=worker,
    )
    found = []
    for case in (family["case"], sam_case):
        decision = StrategyChild.objects.create(
            discussion=discussion, case=case, decision="s47", reason="r"
        )
        found.append(
            Enquiry.objects.create(case=case, started_by=decision, started_on=discussion.held_on)
        )
    return found


class EnquiryTests:
    def _form(self, version, also=()):
        return {
            "version": version,
            "findings": "Bruising explained",
            "outcome": "icpc",
            **date_fields("outcome_on", timezone.localdate()),
            "also": list(also),
        }

    def test_one_enquiry_s_outcome_serves_the_brother_s_too(self, worker, enquiries):
        ellie, sam = enquiries
        url = reverse("protection:enquiry", args=[ellie.pk])
        client = signed_in_client(worker)
        assert f"{sam.case.child.full_name}'s enquiry" in page_text(client.get(url))
        response = client.post(url, self._form(ellie.version, [f"{sam.pk}:{sam.version}"]))
        assert response.status_code == 302
        for each in Enquiry.objects.all():
            assert (each.findings, each.outcome) == ("Bruising explained", "icpc")

    def test_a_brother_s_enquiry_with_findings_of_its_own_is_offered_but_not_ticked(
        self, worker, enquiries
    ):
        ellie, sam = enquiries
        Enquiry.objects.filter(pk=sam.pk).update(findings="Sam's own findings")
        page = page_text(
            signed_in_client(worker).get(reverse("protection:enquiry", args=[ellie.pk]))
        )
        box = re.search(rf'<input[^>]*value="{sam.pk}:{sam.version}"[^>]*>', page).group(0)
        assert "checked" not in box
        assert "written differently: ticking it puts these words in place of theirs" in page

    def test_a_brother_s_enquiry_changed_since_saves_nothing_and_says_whose(
        self, worker, enquiries
    ):
        ellie, sam = enquiries
        stale = sam.version
        Enquiry.objects.filter(pk=sam.pk).update(version=stale + 1, findings="Theirs")
        response = signed_in_client(worker).post(
            reverse("protection:enquiry", args=[ellie.pk]),
            self._form(ellie.version, [f"{sam.pk}:{stale}"]),
        )
        assert "Someone else saved Sam Jones's enquiry" in page_text(response)
        assert Enquiry.objects.get(pk=ellie.pk).findings == ""
        assert Enquiry.objects.get(pk=sam.pk).findings == "Theirs"


class ConferenceTests:
    def test_the_outline_plan_starts_every_child_s_plan_and_the_review_date_is_known(
        self, persona, enquiries
    ):
        chair = persona[Role.CHAIR]
        for each in enquiries:
            Enquiry.objects.filter(pk=each.pk).update(outcome="icpc")
        case = enquiries[0].case
        client = signed_in_client(chair)
        url = reverse("protection:new_conference", args=[case.pk, "initial"])
        assert f'value="{chair.pk}" selected' in client.get(url).content.decode()
        held = timezone.localdate()
        form = {
            **date_fields("held_on", held),
            "chair": chair.pk,
            "quorate": "yes",
            "attendance": "Mother, school",
            "social_worker_report": "Report",
            "views": "Views",
            "what_must_change": "No more violence",
            "contingency": "Legal planning",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
            "actions-0-what": "Parenting course",
            "actions-0-who": "Mother",
        }
        for each in enquiries:
            form[f"child-{each.case.pk}-decision"] = "plan"
            form[f"child-{each.case.pk}-category"] = "PHY"
        response = client.post(url, form)
        assert response.status_code == 302, page_text(response)[:2000]
        plans = ProtectionPlan.objects.all()
        assert plans.count() == 2
        for plan in plans:
            assert (plan.what_must_change, plan.contingency) == (
                "No more violence",
                "Legal planning",
            )
            assert [a.what for a in plan.actions.all()] == ["Parenting course"]
        reviews = set(ConferenceChild.objects.values_list("next_review_on", flat=True))
        assert reviews == {add_months(held, 3)}


@pytest.fixture
def plans(worker, enquiries):
    found = []
    for each in enquiries:
        found.append(
            ProtectionPlan.objects.create(
                case=each.case,
                started_on=timezone.localdate() - timedelta(days=2),
                initial_category="NEG",
                latest_category="NEG",
            )
        )
    return found


class PlanAndCoreGroupTests:
    def test_a_plan_update_serves_the_brother_s_plan_too(self, worker, plans):
        ellie, sam = plans
        response = signed_in_client(worker).post(
            reverse("protection:edit_plan", args=[ellie.pk]),
            {
                "version": ellie.version,
                "what_must_change": "No more shouting",
                "contingency": "Legal advice",
                "visit_every_working_days": "10",
                "core_group_every_weeks": "6",
                "actions-TOTAL_FORMS": "3",
                "actions-INITIAL_FORMS": "0",
                "actions-0-what": "Course",
                "actions-0-who": "Father",
                "also": [f"{sam.pk}:{sam.version}"],
            },
        )
        assert response.status_code == 302, page_text(response)[:2000]
        for plan in ProtectionPlan.objects.all():
            assert plan.what_must_change == "No more shouting"
            assert [a.what for a in plan.actions.filter(replaced_at__isnull=True)] == ["Course"]

    def _box(self, page: str, plan) -> str:
        return re.search(rf'<input[^>]*value="{plan.pk}:{plan.version}"[^>]*>', page).group(0)

    def test_a_brother_s_plan_written_the_same_is_ticked(self, worker, plans):
        ellie, sam = plans
        for plan in plans:
            ProtectionPlan.objects.filter(pk=plan.pk).update(what_must_change="The outline")
        page = page_text(
            signed_in_client(worker).get(reverse("protection:edit_plan", args=[ellie.pk]))
        )
        assert "checked" in self._box(page, sam)

    def test_a_brother_s_plan_written_differently_is_not_ticked_nor_overwritten(
        self, worker, plans
    ):
        ellie, sam = plans
        ProtectionPlan.objects.filter(pk=sam.pk).update(what_must_change="No more hitting")
        client = signed_in_client(worker)
        url = reverse("protection:edit_plan", args=[ellie.pk])
        page = page_text(client.get(url))
        assert "checked" not in self._box(page, sam)
        assert "Sam Jones's plan (written differently" in page
        # Saved as the page sends it (the box not ticked): his plan keeps his words.
        response = client.post(
            url,
            {
                "version": ellie.version,
                "what_must_change": "School every day",
                "contingency": "Legal advice",
                "visit_every_working_days": "10",
                "core_group_every_weeks": "6",
                "actions-TOTAL_FORMS": "3",
                "actions-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 302, page_text(response)[:2000]
        sam.refresh_from_db()
        assert sam.what_must_change == "No more hitting"

    def test_one_core_group_meeting_is_recorded_on_every_plan(self, worker, plans):
        ellie, sam = plans
        response = signed_in_client(worker).post(
            reverse("protection:new_core_group", args=[ellie.pk]),
            {
                **date_fields("held_on", timezone.localdate()),
                "attendance": "Mother",
                "progress": "Good",
                "decisions": "Carry on",
                "also": [f"{sam.pk}:{sam.version}"],
            },
        )
        assert response.status_code == 302, page_text(response)[:2000]
        assert set(CoreGroup.objects.values_list("plan_id", flat=True)) == {ellie.pk, sam.pk}
