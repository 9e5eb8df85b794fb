"""A conference can be amended like any other record: with a reason, what it said before kept,
a version check, and only by someone who may record for every child it covers. A conference
dated at a weekend is said so where the date is typed and after saving, and the census's check
on that date leads to the conference, which holds it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.lib.working_days import is_working_day
from kith.people.restriction import restrict_record
from kith.protection import actions
from kith.protection.models import (
    Conference,
    ConferenceAmendment,
    CoreGroup,
    Enquiry,
    StrategyChild,
    StrategyDiscussion,
)
from kith.test import date_fields, make_case, make_person, make_user, page_text, signed_in_client

pytestmark = pytest.mark.django_db


def _working_day_before(day: date, weekday: int) -> date:
    """The last given weekday (0 Monday … 6 Sunday) on or before a day."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


@pytest.fixture
def held(worker, persona):
    """An initial conference for a brother and sister, held on a Wednesday, that started both
    their plans."""
    chair = persona[Role.CHAIR]
    day = _working_day_before(timezone.localdate() - timedelta(days=7), 2)
    while not (is_working_day(day) and is_working_day(day - timedelta(days=1))):
        day -= timedelta(days=7)  # around Christmas
    discussion = StrategyDiscussion.objects.create(
        held_at=timezone.now() - timedelta(days=30),
        information_shared="i",
        safety_plan="s",
        recorded_by=worker,
    )
    decisions = []
    for name in ("Ellie", "Sam"):
        case = make_case(
            make_person(first_name=name, date_of_birth=date(2016, 1, 1)),
            worker=worker,
            referral_date=timezone.localdate() - timedelta(days=40),
        )
        started = StrategyChild.objects.create(
            discussion=discussion, case=case, decision="s47", reason="r"
        )
        enquiry = Enquiry.objects.create(
            case=case, started_by=started, started_on=discussion.held_on, outcome="icpc"
        )
        decisions.append(
            {
                "case": case,
                "needs_plan": True,
                "category": "NEG",
                "next_review_on": None,
                "enquiry": enquiry,
            }
        )
    return actions.record_conference(
        by=chair,
        kind="initial",
        held_on=day,
        chair=chair,
        decisions=decisions,
        attendance="Mother, school",
        social_worker_report="Report",
        views="Views",
    )


def _amendment(conference: Conference, **changes) -> dict[str, object]:
    form = {
        **date_fields("held_on", conference.held_on),
        "chair": conference.chair_id,
        "quorate": "yes",
        "attendance": conference.attendance,
        "social_worker_report": conference.social_worker_report,
        "views": conference.views,
        "version": conference.version,
        "why": "The date was typed wrong",
    }
    form.update(changes)
    return form


class AmendingTests:
    def test_the_date_is_put_right_and_what_it_said_before_is_kept(self, worker, held):
        url = reverse("protection:amend_conference", args=[held.pk])
        client = signed_in_client(worker)
        page = page_text(client.get(url))
        assert "Amend the initial child protection conference" in page
        assert "Mother, school" in page
        moved = held.held_on - timedelta(days=1)
        response = client.post(url, _amendment(held, **date_fields("held_on", moved)))
        assert response.status_code == 302, page_text(response)[:3000]
        held.refresh_from_db()
        assert held.held_on == moved and held.version == 2
        kept = ConferenceAmendment.objects.get(conference=held)
        assert kept.before["held_on"] == (moved + timedelta(days=1)).isoformat()
        assert (kept.why, kept.by) == ("The date was typed wrong", worker)
        page = page_text(client.get(reverse("protection:conference", args=[held.pk])))
        assert "amended 1 time" in page and "The date was typed wrong" in page

    def test_each_child_s_plan_starts_on_the_corrected_date(self, worker, held):
        moved = held.held_on - timedelta(days=1)
        actions.amend_conference(held, by=worker, version=held.version, why="w", held_on=moved)
        for decided in held.children.select_related("plan"):
            assert decided.plan.started_on == moved

    def test_each_child_s_record_says_it_was_amended(self, worker, held):
        actions.amend_conference(held, by=worker, version=held.version, why="w", views="New")
        amended = AuditEvent.objects.filter(verb=Verb.CONFERENCE_AMENDED)
        assert amended.count() == 2

    def test_a_reason_is_needed(self, worker, held):
        response = signed_in_client(worker).post(
            reverse("protection:amend_conference", args=[held.pk]), _amendment(held, why="")
        )
        assert response.status_code == 200
        assert "Why is it amended?" in page_text(response)
        assert not ConferenceAmendment.objects.exists()

    def test_someone_else_s_amendment_is_not_overwritten(self, worker, held):
        opened = held.version
        actions.amend_conference(held, by=worker, version=opened, why="first", views="Theirs")
        response = signed_in_client(worker).post(
            reverse("protection:amend_conference", args=[held.pk]),
            _amendment(held, version=opened, views="Mine"),
        )
        assert "Someone else changed this conference" in page_text(response)
        assert "Mine" in page_text(response)
        held.refresh_from_db()
        assert held.views == "Theirs"

    def test_not_before_the_strategy_discussion_that_started_the_enquiry(self, worker, held):
        too_early = timezone.localdate() - timedelta(days=35)
        response = signed_in_client(worker).post(
            reverse("protection:amend_conference", args=[held.pk]),
            _amendment(held, **date_fields("held_on", too_early)),
        )
        assert "cannot be before the strategy discussion" in page_text(response)
        held.refresh_from_db()
        assert held.version == 1

    def test_refused_when_it_covers_a_child_the_worker_may_not_see(self, worker, persona, held):
        sam = held.children.get(case__child__first_name="Sam").case.child
        restrict_record(sam, by=persona[Role.HEAD_OF_SERVICE], why="Child of staff")
        client = signed_in_client(worker)
        page = page_text(client.get(reverse("protection:conference", args=[held.pk])))
        assert "Amend the conference" not in page
        url = reverse("protection:amend_conference", args=[held.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, _amendment(held, views="x")).status_code == 403
        held.refresh_from_db()
        assert held.version == 1

    def test_refused_to_a_worker_of_another_team(self, held):
        stranger = make_user(role=Role.SOCIAL_WORKER)
        url = reverse("protection:amend_conference", args=[held.pk])
        response = signed_in_client(stranger).post(url, _amendment(held, views="x"))
        # Asked first why they are looking (the door to any child's record), nothing saved.
        assert response.url.startswith("/people/")
        held.refresh_from_db()
        assert held.version == 1

    def test_a_chair_who_has_left_stays_a_choice(self, worker, held):
        held.chair.is_active = False
        held.chair.save()
        response = signed_in_client(worker).post(
            reverse("protection:amend_conference", args=[held.pk]), _amendment(held, views="New")
        )
        assert response.status_code == 302, page_text(response)[:3000]


class WeekendTests:
    def test_the_date_box_carries_the_warning_for_the_browser(self, worker, held):
        page = page_text(
            signed_in_client(worker).get(reverse("protection:amend_conference", args=[held.pk]))
        )
        assert "data-kith-not-a-working-day=" in page and "data-kith-day-warning" in page

    def test_a_sunday_is_saved_and_said(self, worker, held):
        sunday = _working_day_before(held.held_on, 6)
        client = signed_in_client(worker)
        response = client.post(
            reverse("protection:amend_conference", args=[held.pk]),
            _amendment(held, **date_fields("held_on", sunday)),
            follow=True,
        )
        page = page_text(response)
        assert f"{sunday:%A} {sunday.day} {sunday:%B %Y}, which is not a working day" in page
        held.refresh_from_db()
        assert held.held_on == sunday

    def test_a_weekday_says_nothing(self, worker, held):
        response = signed_in_client(worker).post(
            reverse("protection:amend_conference", args=[held.pk]),
            _amendment(held, views="New"),
            follow=True,
        )
        assert "not a working day" not in page_text(response)

    def test_the_census_check_leads_to_the_conference(self, worker, held):
        enquiry = held.children.first().enquiry
        response = signed_in_client(worker).get(
            reverse("protection:enquiry_conference", args=[enquiry.pk])
        )
        assert response.url == reverse("protection:amend_conference", args=[held.pk])

    def test_an_enquiry_without_a_conference_opens_the_enquiry(self, worker, held):
        enquiry = held.children.first().enquiry
        held.children.update(enquiry=None)
        Conference.objects.filter(pk=held.pk).update(held_on=enquiry.started_on - timedelta(1))
        response = signed_in_client(worker).get(
            reverse("protection:enquiry_conference", args=[enquiry.pk])
        )
        assert response.url == reverse("protection:enquiry", args=[enquiry.pk])


class AmendedDatesTests:
    """An amendment is held to the checks the conference had when recorded, and to those its
    plan's later records put on it."""

    def test_a_review_cannot_be_moved_before_the_plan_began(self, worker, persona, held):
        chair = persona[Role.CHAIR]
        plans = [d.plan for d in held.children.select_related("plan__case")]
        review = actions.record_conference(
            by=chair,
            kind="review",
            held_on=held.held_on + timedelta(days=3),
            chair=chair,
            decisions=[
                {"case": p.case, "needs_plan": True, "category": "NEG", "next_review_on": None}
                for p in plans
            ],
            attendance="a",
            social_worker_report="r",
            views="v",
        )
        early = held.held_on - timedelta(days=5)
        response = signed_in_client(worker).post(
            reverse("protection:amend_conference", args=[review.pk]),
            _amendment(review, **date_fields("held_on", early)),
        )
        assert "a review cannot be before it" in page_text(response)
        review.refresh_from_db()
        assert review.held_on == held.held_on + timedelta(days=3)

    def test_an_initial_conference_cannot_be_moved_after_its_plan_s_core_group(self, worker, held):
        plan = held.children.select_related("plan").first().plan
        CoreGroup.objects.create(
            plan=plan,
            held_on=held.held_on + timedelta(days=1),
            recorded_by=worker,
            attendance="a",
            progress="p",
            decisions="d",
        )
        with pytest.raises(ValidationError, match="cannot be after it"):
            actions.amend_conference(
                held, by=worker, version=held.version, why="w", held_on=held.held_on + timedelta(3)
            )
        plan.refresh_from_db()
        assert plan.started_on == held.held_on

    def test_an_initial_conference_can_be_moved_up_to_its_plan_s_first_record(self, worker, held):
        plan = held.children.select_related("plan").first().plan
        CoreGroup.objects.create(
            plan=plan,
            held_on=held.held_on + timedelta(days=2),
            recorded_by=worker,
            attendance="a",
            progress="p",
            decisions="d",
        )
        moved = held.held_on + timedelta(days=2)
        actions.amend_conference(held, by=worker, version=held.version, why="w", held_on=moved)
        plan.refresh_from_db()
        assert plan.started_on == moved
