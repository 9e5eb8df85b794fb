"""cases/access.py: each condition of who may record, authorise and allocate, one by one."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kith.accounts.roles import Role
from kith.cases.access import (
    get_case_for,
    may_allocate,
    may_authorise,
    may_record_on,
    visible_cases,
)
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
        with pytest.raises(PermissionDenied, match="allocated worker"):
            get_case_for(make_user(), case.pk, changeable=True)


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
    def test_staff_see_a_case_and_a_restricted_child_s_case_is_missing(self, persona, case):
        other = make_user()
        assert get_case_for(other, case.pk) == case
        restrict_record(case.child, by=persona[Role.HEAD_OF_SERVICE], why="Staff member's child")
        with pytest.raises(Http404):
            get_case_for(other, case.pk)
        assert not visible_cases(other).exists()
        assert visible_cases(persona[Role.HEAD_OF_SERVICE]).get() == case
