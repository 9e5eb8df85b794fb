"""The summary's first screen tells the truth at a glance: on a laptop (1280 by 900) what is
overdue, the plan and the family are visible without scrolling, an overdue visit says so, and a
child on a plan never seen alone is flagged."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role
from kith.people.models import Relationship
from kith.protection.models import ProtectionPlan
from kith.recording.models import Status, Visit
from kith.test import make_case, make_home, make_person

FOLD = 900


def test_an_overdue_visit_the_plan_and_the_family_are_on_the_first_screen(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    today = timezone.localdate()
    ellie = make_person(first_name="Ellie", date_of_birth=date(2015, 3, 14))
    make_home(ellie)
    for first, kind, born in (
        ("Kerry", "mother", date(1988, 1, 1)),
        ("Sam", "sibling", date(2018, 6, 1)),
        ("Lee", "father", date(1985, 2, 2)),
    ):
        Relationship.objects.create(
            first=make_person(first_name=first, date_of_birth=born), second=ellie, kind=kind
        )
    case = make_case(ellie, worker=worker, referral_date=today - timedelta(days=120))
    ProtectionPlan.objects.create(
        case=case,
        started_on=today - timedelta(days=90),
        initial_category="NEG",
        latest_category="NEG",
        what_must_change="Ellie is fed and gets to school every day.",
    )
    Visit.objects.create(
        case=case,
        author=worker,
        status=Status.FINAL,
        visited_on=today - timedelta(days=60),
        child_seen="yes",
        seen_alone="no",
    )
    sign_in(page, worker.username)
    page.goto(f"/children/{ellie.pk}/")
    risk = page.get_by_test_id("summary-risk-due")
    expect(risk).to_contain_text("Overdue")
    expect(risk).to_contain_text("visit was due")
    expect(page.get_by_test_id("summary-seen-alone")).to_contain_text("Not recorded")
    page.screenshot(path="var/screenshots/summary-first-screen-viewport.png")
    for shown in (
        page.get_by_test_id("summary-due"),
        page.get_by_role("heading", name="The plan"),
        page.get_by_text("Ellie is fed and gets to school every day."),
        page.get_by_test_id("summary-around"),
    ):
        box = shown.bounding_box()
        assert box is not None and box["y"] < FOLD, (shown, box)
    check_page(page, "summary-first-screen")
