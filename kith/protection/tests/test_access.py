"""Who sees and records which child's part of a record covering several children: each reader
sees the children they may open (and a sibling's, where the family opens), records only for
the children whose records they may change, and a manager's list keeps out a restricted child.
A conference's chair opens the child's record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.access import works_with
from kith.cases.models import Case
from kith.people.break_glass import open_with_reason
from kith.people.models import Relationship
from kith.people.restriction import restrict_record
from kith.protection.models import Conference, ConferenceChild
from kith.protection.tests.builders import discussion_for
from kith.test import make_case, make_person, make_team, make_user, page_text, signed_in_client

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


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
