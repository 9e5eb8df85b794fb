"""What an independent attack on the hardening found, each kept shut by a test: ways round the
restriction (the admin's filters, the validator's findings, a relative's reason prompt, a
count), ways to write without the right (deciding by recording, an undecided contact kept
for ever), a crash of a legitimate page, forms sent twice, and a mark made on a stale page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.cases.models import Case, Contact
from kith.children.work import team_work
from kith.people.access import may_record_about, standing_access
from kith.people.merging import merge_people, undo_merge
from kith.people.models import BreakGlass, Person
from kith.people.restriction import name_on_record, restrict_record
from kith.protection.models import CoreGroup, Enquiry, StrategyDiscussion
from kith.recording.kinds import KINDS
from kith.recording.models import Status
from kith.returns.models import ReturnRun, RunStatus
from kith.test import date_fields, make_case, make_person, make_team, make_user, signed_in_client
from kith.web.tests.world import World, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build()


def _reason(user, person) -> None:
    BreakGlass.objects.create(
        person=person,
        user=user,
        reason="Police called out of hours about her",
        ends_at=timezone.now() + timedelta(hours=8),
    )


def test_the_admin_log_cannot_be_filtered_on_what_a_hidden_row_says(world):
    client = signed_in_client(world.users["administrator"])
    for query in (
        "?detail__terms__startswith=zqcanary",
        f"?person={world.hidden.pk}",
        "?why__icontains=member",
    ):
        response = client.get("/admin/audit/auditevent/" + query)
        assert response.status_code == 400 or "cl" not in (response.context or {})
    assert client.get("/admin/audit/auditevent/?verb=person_viewed").status_code == 200


def test_the_validator_s_findings_name_no_restricted_child_and_audit_the_others(world):
    officer, son = world.users["data officer"], world.ordinary["son"]
    run = ReturnRun.objects.create(
        year=2027,
        status=RunStatus.DONE,
        started_by=officer,
        validation={
            "issues": [
                {"rule_code": "8606", "rule_description": "Postcode", "rule_type": "ERROR",
                 "LAchildID": p.person_number}
                for p in (son, world.hidden)
            ],
            "whole_return": [],
        },
    )  # fmt: skip
    since = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    html = signed_in_client(officer).get(reverse("returns:run", args=[run.pk])).content.decode()
    assert world.hidden.person_number not in html and "A restricted record" in html
    assert son.full_name in html
    assert AuditEvent.objects.filter(pk__gt=since, by=officer, person=son).exists()


def test_a_restricted_child_s_father_opens_like_anyone_nobody_is_working_with(world):
    father, outsider = world.ordinary["father"], world.users["other-team worker"]
    page = signed_in_client(outsider).get(reverse("people:person", args=[father.pk]))
    assert page.status_code == 200  # not a reason prompt, which would say she is there


def test_the_team_view_does_not_count_a_restricted_child_s_drafts(world):
    manager, worker = world.users["team manager"], world.users["social worker"]
    load = next(
        each for each in team_work(manager, timezone.localdate()).loads if each.worker == worker
    )
    visible = sum(
        k.model._default_manager.filter(
            author=worker, status=Status.DRAFT, case__child__restricted=False
        ).count()
        for k in KINDS.values()
    )
    assert load.drafts == visible


class ContactsTests:
    @pytest.fixture
    def known_long_ago(self):
        """A child whose case closed long ago: in nobody's work now."""
        child = make_person(first_name="Nell", family_name="Ashby", date_of_birth=date(2015, 1, 1))
        case = make_case(child, worker=make_user(team=make_team("Owners")))
        Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate() - timedelta(200))
        return child

    def _contact(self, team, outcome="referral"):
        return {
            **date_fields("received_on", timezone.localdate()),
            "received_time": "00:01",
            "referrer_name": "PC Holt",
            "source": "6",
            "worries": "A call-out",
            "outcome": outcome,
            "decision_reasons": "Needs an assessment",
            "team": team.pk if team else "",
            "primary_need": "N1",
        }

    def test_business_support_records_a_contact_but_never_decides_it(self, known_long_ago):
        clerk = make_user(Role.BUSINESS_SUPPORT)
        _reason(clerk, known_long_ago)
        signed_in_client(clerk).post(
            reverse("cases:new_contact") + f"?child={known_long_ago.pk}",
            self._contact(None, "nfa"),
        )
        assert Contact.objects.get(child=known_long_ago).outcome == ""

    def test_a_reason_given_cannot_refer_a_child_to_one_s_own_team(self, known_long_ago):
        mine = make_team()
        outsider = make_user(Role.SOCIAL_WORKER, team=mine)
        _reason(outsider, known_long_ago)
        signed_in_client(outsider).post(
            reverse("cases:new_contact") + f"?child={known_long_ago.pk}", self._contact(mine)
        )
        assert not Case.objects.filter(child=known_long_ago, team=mine).exists()
        BreakGlass.objects.filter(user=outsider).delete()
        assert not standing_access(outsider, known_long_ago)

    def test_an_undecided_contact_recorded_with_a_reason_lends_no_lasting_access(
        self, known_long_ago
    ):
        front = make_user(Role.FRONT_DOOR)
        _reason(front, known_long_ago)
        signed_in_client(front).post(
            reverse("cases:new_contact") + f"?child={known_long_ago.pk}", self._contact(None, "")
        )
        BreakGlass.objects.filter(user=front).delete()
        Contact.objects.filter(child=known_long_ago).update(
            received_at=timezone.now() - timedelta(days=200)
        )
        assert not may_record_about(front, Person.objects.get(pk=known_long_ago.pk))


class UndoneMergesTests:
    def test_an_undone_merge_partner_later_restricted_breaks_no_page(self, persona):
        officer, head = persona[Role.DATA_OFFICER], persona[Role.HEAD_OF_SERVICE]
        kept = make_person(first_name="Ivy", family_name="Marsh")
        other = make_person(first_name="Ivy", family_name="Marsh")
        undo_merge(merge_people(kept, other, by=officer, why="Looked the same"), by=officer)
        restrict_record(Person.objects.get(pk=kept.pk), by=head, why="Child of staff")
        page = signed_in_client(persona[Role.SOCIAL_WORKER]).get(
            reverse("people:person", args=[other.pk])
        )
        assert page.status_code == 200 and "Ivy Marsh" in page.content.decode()
        assert kept.person_number not in page.content.decode()

    def test_undoing_a_restricted_child_s_merge_leaves_both_records_openable(self, persona):
        officer, head = persona[Role.DATA_OFFICER], persona[Role.HEAD_OF_SERVICE]
        child, copy = make_person(first_name="Ava"), make_person(first_name="Ava")
        merge = merge_people(child, copy, by=officer, why="Same child")
        restrict_record(child, by=head, why="Adoption order made")
        name_on_record(child, officer, by=head)
        response = signed_in_client(officer).post(
            reverse("people:undo_merge", args=[child.pk, merge.pk])
        )
        assert response.status_code == 302
        for user in (head, officer):
            client = signed_in_client(user)
            for person in (child, copy):
                assert client.get(reverse("people:person", args=[person.pk])).status_code == 200


class SentTwiceTests:
    """The same form sent twice makes one thing, and the second is shown the first."""

    def _twice(self, client, url, form):
        first = client.post(url, {**form, "once": "f" * 32})
        second = client.post(url, {**form, "once": "f" * 32})
        assert first.status_code == second.status_code == 302
        return first, second

    def test_a_strategy_discussion_and_its_enquiry(self, world):
        case = world.ordinary["case"]
        form = {
            **date_fields("held_on", timezone.localdate()),
            "held_time": "00:01",
            "people-TOTAL_FORMS": "1",
            "people-INITIAL_FORMS": "0",
            "people-0-name": "DS Lewis",
            "people-0-agency": "police",
            "information_shared": "Police were called",
            "safety_plan": "Father stays away",
            f"person-{case.child_id}-decision": "s47",
            f"person-{case.child_id}-reason": "Injury",
        }
        before = (StrategyDiscussion.objects.count(), Enquiry.objects.filter(case=case).count())
        first, second = self._twice(
            signed_in_client(world.users["social worker"]),
            reverse("protection:new_strategy", args=[case.pk]),
            form,
        )
        assert first["Location"] == second["Location"]
        after = (StrategyDiscussion.objects.count(), Enquiry.objects.filter(case=case).count())
        assert after == (before[0] + 1, before[1] + 1)

    def test_a_contact(self, world):
        son = world.ordinary["son"]
        before = Contact.objects.count()
        self._twice(
            signed_in_client(world.users["front door"]),
            reverse("cases:new_contact") + f"?child={son.pk}",
            {
                **date_fields("received_on", timezone.localdate()),
                "received_time": "00:01",
                "referrer_name": "PC Holt",
                "source": "6",
                "worries": "A call-out",
            },
        )
        assert Contact.objects.count() == before + 1

    def test_a_core_group(self, world):
        plan = world.ordinary["son_plan"]
        before = CoreGroup.objects.count()
        self._twice(
            signed_in_client(world.users["social worker"]),
            reverse("protection:new_core_group", args=[plan.pk]),
            {
                **date_fields("held_on", timezone.localdate()),
                "attendance": "Mother",
                "progress": "Good",
                "decisions": "Carry on",
            },
        )
        assert CoreGroup.objects.count() == before + 1

    def test_an_unborn_baby(self, world):
        mother = world.ordinary["mother"]
        before = Person.objects.count()
        self._twice(
            signed_in_client(world.users["social worker"]),
            reverse("people:add_unborn", args=[mother.pk]),
            {
                "family_name": "Pennock",
                **date_fields("expected_date_of_birth", timezone.localdate() + timedelta(days=60)),
            },
        )
        assert Person.objects.count() == before + 1

    def test_a_significant_event(self, world):
        from kith.children.models import ChronologyEvent

        son = world.ordinary["son"]
        before = ChronologyEvent.objects.count()
        self._twice(
            signed_in_client(world.users["social worker"]),
            reverse("children:add_event", args=[son.pk]),
            {**date_fields("happened_on", timezone.localdate()), "what": "Police call-out"},
        )
        assert ChronologyEvent.objects.count() == before + 1
