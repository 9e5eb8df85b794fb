"""cases/access.py: each condition of who may record, authorise and allocate, one by one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.access import (
    FRONT_DOOR_DAYS,
    get_case_for,
    in_work,
    may_allocate,
    may_authorise,
    may_record_on,
    visible_cases,
    works_with,
)
from kith.cases.models import Case, Contact
from kith.people.access import ReasonNeeded, get_person_for
from kith.people.break_glass import open_with_reason
from kith.people.models import BreakGlass, Relationship
from kith.people.restriction import restrict_record
from kith.test import make_case, make_person, make_team, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(persona):
    return make_case(make_person(), worker=persona[Role.SOCIAL_WORKER])


class RecordingTests:
    def test_the_allocated_worker(self, persona, case):
        assert may_record_on(persona[Role.SOCIAL_WORKER], case)

    def test_the_allocated_worker_even_if_they_moved_team(self, persona, case):
        worker = persona[Role.SOCIAL_WORKER]
        worker.team = make_team()
        assert may_record_on(worker, case)

    def test_a_colleague_in_the_team(self, persona, case):
        assert may_record_on(make_user(team=case.team), case)

    def test_the_team_manager_and_the_head_of_service(self, persona, case):
        assert may_record_on(persona[Role.TEAM_MANAGER], case)
        assert may_record_on(persona[Role.HEAD_OF_SERVICE], case)

    def test_a_worker_in_another_team_may_not(self, persona, case):
        assert not may_record_on(make_user(), case)

    def test_the_front_door_only_until_a_worker_is_allocated(self, persona, case):
        front_door = persona[Role.FRONT_DOOR]
        assert not may_record_on(front_door, case)
        case.worker = None
        assert may_record_on(front_door, case)
        case.closed_on = case.referral_date
        assert not may_record_on(front_door, case)

    def test_data_officers_and_partners_never_record(self, persona, case):
        officer = make_user(Role.DATA_OFFICER, team=case.team)
        assert not may_record_on(officer, case)
        assert not may_record_on(persona[Role.PARTNER], case)

    def test_a_refusal_says_who_can(self, persona, case):
        # The front door may open the (open) case, but it is allocated: not theirs to record on.
        with pytest.raises(PermissionDenied, match="allocated worker"):
            get_case_for(persona[Role.FRONT_DOOR], case.pk, changeable=True)


class AuthorisingTests:
    def test_the_team_manager_and_head_of_service_authorise(self, persona, case):
        assert may_authorise(persona[Role.TEAM_MANAGER], case)
        assert may_authorise(persona[Role.HEAD_OF_SERVICE], case)

    def test_another_team_s_manager_does_not(self, persona, case):
        other = make_user(Role.TEAM_MANAGER)
        other.team.manager = other
        other.team.save()
        assert not may_authorise(other, case)

    def test_a_worker_does_not(self, persona, case):
        assert not may_authorise(persona[Role.SOCIAL_WORKER], case)

    def test_an_unallocated_case_has_no_authoriser_yet(self, persona, case):
        case.team = None
        assert not may_authorise(persona[Role.TEAM_MANAGER], case)


class AllocatingTests:
    def test_managers_allocate_their_team_s_cases_and_any_unallocated_one(self, persona, case):
        other = make_user(Role.TEAM_MANAGER)
        assert may_allocate(persona[Role.TEAM_MANAGER], case)
        assert not may_allocate(other, case)
        case.team = None
        assert may_allocate(other, case)

    def test_workers_do_not_allocate(self, persona, case):
        assert not may_allocate(persona[Role.SOCIAL_WORKER], case)


class SeeingTests:
    """Whose work a child is (works_with), the front door's window, and break-glass."""

    def test_those_in_the_case_s_work_open_it(self, persona, case):
        for role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
            assert get_case_for(persona[role], case.pk) == case
        assert get_case_for(make_user(team=case.team), case.pk) == case

    def test_anyone_else_is_asked_for_a_reason(self, persona, case):
        for user in (make_user(), persona[Role.CHAIR], persona[Role.BUSINESS_SUPPORT]):
            with pytest.raises(ReasonNeeded):
                get_case_for(user, case.pk)

    def test_a_reason_opens_the_family_until_it_expires(self, persona, case):
        outsider = make_user()
        mother = make_person(first_name="Kerry")
        Relationship.objects.create(first=mother, second=case.child, kind="mother")
        grant = open_with_reason(case.child, by=outsider, why="Out of hours call from police")
        assert get_case_for(outsider, case.pk) == case
        assert get_person_for(outsider, mother.pk) == mother  # the family too
        BreakGlass.objects.filter(pk=grant.pk).update(ends_at=timezone.now())
        with pytest.raises(ReasonNeeded):
            get_case_for(outsider, case.pk)

    def test_data_officers_open_every_record(self, persona, case):
        assert get_case_for(persona[Role.DATA_OFFICER], case.pk) == case

    def test_the_front_door_sees_open_cases_and_recent_contacts_not_closed_history(
        self, persona, case
    ):
        front_door = persona[Role.FRONT_DOOR]
        assert works_with(front_door, [case.child_id])
        Case.objects.filter(pk=case.pk).update(closed_on=case.referral_date)
        assert not works_with(front_door, [case.child_id])
        contact = Contact.objects.create(
            received_at=timezone.now() - timedelta(days=FRONT_DOOR_DAYS - 1),
            child=case.child,
            referrer_name="x",
            source="2A",
            worries="y",
            outcome="nfa",
            recorded_by=front_door,
        )
        assert works_with(front_door, [case.child_id])
        Contact.objects.filter(pk=contact.pk).update(
            received_at=timezone.now() - timedelta(days=FRONT_DOOR_DAYS + 1)
        )
        assert not works_with(front_door, [case.child_id])
        # Left undecided, it still stops opening the record (else a contact recorded with a
        # reason given and never decided would be lasting access).
        Contact.objects.filter(pk=contact.pk).update(outcome="")
        assert not works_with(front_door, [case.child_id])

    def test_a_former_team_loses_the_case_when_it_moves(self, persona, case):
        colleague = make_user(team=case.team)
        Case.objects.filter(pk=case.pk).update(team=make_team(), worker=None)
        assert not works_with(colleague, [case.child_id])

    def test_someone_nobody_is_working_with_opens_for_any_staff(self, persona):
        adult = make_person(first_name="Neighbour")
        assert not in_work([adult.pk])
        assert get_person_for(make_user(), adult.pk) == adult

    def test_a_restricted_child_s_case_is_missing_to_those_not_named(self, persona, case):
        other = make_user()
        restrict_record(case.child, by=persona[Role.HEAD_OF_SERVICE], why="Staff member's child")
        with pytest.raises(Http404):
            get_case_for(other, case.pk)
        assert not visible_cases(other).exists()
        assert visible_cases(persona[Role.HEAD_OF_SERVICE]).get() == case
