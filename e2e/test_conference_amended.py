"""A conference dated at a weekend is said so as the date is typed, and a conference can be
amended in the browser, with the reason kept."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from e2e.test_protection import fill_date
from kith.accounts.roles import Role
from kith.lib.working_days import is_working_day
from kith.protection import actions
from kith.test import make_case, make_person


def _last(weekday: int, before: date) -> date:
    return before - timedelta(days=(before.weekday() - weekday) % 7)


def test_a_weekend_date_is_said_as_it_is_typed_and_the_conference_amended(page: Page, persona):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    today = timezone.localdate()
    case = make_case(
        make_person(first_name="Ellie", family_name="Jones"),
        worker=worker,
        referral_date=today - timedelta(days=40),
    )
    held_on = _last(2, today - timedelta(days=7))  # a Wednesday, its Tuesday a working day too
    while not (is_working_day(held_on) and is_working_day(held_on - timedelta(days=1))):
        held_on -= timedelta(days=7)
    conference = actions.record_conference(
        by=chair,
        kind="initial",
        held_on=held_on,
        chair=chair,
        decisions=[{"case": case, "needs_plan": True, "category": "NEG", "next_review_on": None}],
        attendance="Mother, school",
        social_worker_report="Report",
        views="Views",
    )

    sign_in(page, worker.username)
    page.goto(f"/protection/conferences/{conference.pk}/")
    page.get_by_role("link", name="Amend the conference").click()
    warning = page.locator("[data-kith-day-warning]")
    expect(warning).to_be_empty()
    sunday = _last(6, held_on)
    fill_date(page, "Date of the conference", sunday)
    expect(warning).to_contain_text("That is a Sunday")
    expect(warning).to_contain_text("the census queries one dated at a weekend")
    check_page(page, "conference-amend")
    fill_date(page, "Date of the conference", held_on - timedelta(days=1))
    expect(warning).to_be_empty()
    page.get_by_label("Why is it amended?").fill("The date was typed wrong")
    page.get_by_role("button", name="Save the amendment").click()
    expect(page.get_by_text("The conference is amended.")).to_be_visible()
    expect(page.get_by_text("The date was typed wrong")).to_be_visible()
    conference.refresh_from_db()
    assert conference.held_on == held_on - timedelta(days=1)
