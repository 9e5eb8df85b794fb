"""cases/actions.py: a child has one open case at a time; allocation keeps its history and
checks the team; no further action closes a referral as the census expects; a closed case, or
one whose closure has started, is not allocated or closed again."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases import actions as case_actions
from kith.cases.models import Allocation, Case
from kith.recording.models import Assessment, Closure, Status
from kith.test import make_case, make_person, make_user, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


@pytest.fixture
def manager(persona):
    return persona[Role.TEAM_MANAGER]


@pytest.fixture
def case(worker):
    return make_case(make_person(), worker=worker)


def today():
    return timezone.localdate()


class CaseActionTests:
    def test_a_child_has_one_open_case(self, case, worker):
        with pytest.raises(ValidationError, match="already has an open case"):
            case_actions.open_case(
                case.child, by=worker, referral_date=today(), referral_source="6"
            )

    def test_a_new_case_after_closure_keeps_the_old_one(self, case, worker):
        Case.objects.filter(pk=case.pk).update(closed_on=today(), closure_reason="RC7")
        again = case_actions.open_case(
            case.child, by=worker, referral_date=today(), referral_source="6"
        )
        assert set(Case.objects.filter(child=case.child)) == {case, again}

    def test_reallocation_ends_the_old_allocation_and_keeps_it(self, case, worker, persona):
        colleague = make_user(team=case.team)
        case_actions.allocate(
            case,
            by=persona[Role.TEAM_MANAGER],
            version=case.version,
            team=case.team,
            worker=colleague,
            note="Worker on leave",
        )
        allocations = list(Allocation.objects.filter(case=case).order_by("started_at", "pk"))
        assert [a.worker for a in allocations] == [worker, colleague]
        assert allocations[0].ended_at is not None and allocations[1].ended_at is None
        case.refresh_from_db()
        assert case.worker == colleague

    def test_a_worker_must_be_in_the_team_given(self, case, persona):
        with pytest.raises(ValidationError, match="is not in"):
            case_actions.allocate(
                case,
                by=persona[Role.TEAM_MANAGER],
                version=case.version,
                team=case.team,
                worker=make_user(),
            )

    def test_no_further_action_on_a_referral_closes_it_as_the_census_expects(self, case, worker):
        case_actions.close_without_assessment(case, by=worker, version=case.version, why="Resolved")
        case.refresh_from_db()
        assert case.no_further_action and case.closed_on == case.referral_date
        assert case.closure_reason == "RC8"

    def test_no_further_action_is_refused_once_an_assessment_started(self, case, worker):
        Assessment.objects.create(case=case, author=worker)
        with pytest.raises(ValidationError, match="assessment has been started"):
            case_actions.close_without_assessment(case, by=worker, version=case.version, why="x")

    def test_a_stale_allocation_is_refused(self, case, persona):
        stale = case.version
        case_actions.change_primary_need(
            case, by=persona[Role.TEAM_MANAGER], version=stale, primary_need="N1"
        )
        with pytest.raises(case_actions.EditConflict):
            case_actions.allocate(
                case, by=persona[Role.TEAM_MANAGER], version=stale, team=case.team, worker=None
            )


class ClosingTests:
    def test_no_further_action_is_refused_while_a_closure_is_under_way(self, case, worker):
        Closure.objects.create(case=case, author=worker, status=Status.SUBMITTED)
        with pytest.raises(ValidationError, match="closure has been started"):
            case_actions.close_without_assessment(case, by=worker, version=case.version, why="x")

    def test_a_closed_case_cannot_be_allocated(self, case, manager):
        Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate())
        case.refresh_from_db()
        with pytest.raises(ValidationError, match="closed"):
            case_actions.allocate(
                case, by=manager, version=case.version, team=case.team, worker=None
            )
        assert (
            signed_in_client(manager).get(reverse("cases:allocate", args=[case.pk])).status_code
            == 302
        )
