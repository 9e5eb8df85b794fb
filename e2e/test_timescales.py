"""Timescales in a real browser: a worker says why a visit was missed, an administrator changes
a local timescale, and a worker adds a significant event to a child's chronology."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import Task, check_page, sign_in
from e2e.test_sign_in_each_role import set_up_two_step
from kith.accounts.roles import Role
from kith.children.models import ChronologyEvent
from kith.protection.models import ProtectionPlan
from kith.test import make_case, make_person
from kith.timescales.deadlines import refresh
from kith.timescales.models import Deadline, LocalRule


def test_a_worker_says_why_a_visit_was_missed(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(first_name="Ellie", family_name="Jones"), worker=worker)
    ProtectionPlan.objects.create(
        case=case,
        started_on=timezone.localdate() - timedelta(days=30),
        initial_category="NEG",
        latest_category="NEG",
    )
    refresh([case.pk])
    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/")
    expect(page.get_by_role("heading", name="Timescales", exact=True)).to_be_visible()
    expect(page.get_by_test_id("missing-reasons")).to_contain_text("missed without a reason")
    check_page(page, "case-timescales")
    task = Task(page, "Say why a visit was missed")
    page.get_by_role("link", name="Say why visit the child was missed").click()
    page.get_by_role("button", name="Save the reason").click()
    expect(page.get_by_role("link", name="Say why it was missed")).to_be_visible()
    check_page(page, "late-reason-error")
    task.fill("Why was it missed?", "Ellie was in hospital; we visited her there.")
    page.get_by_role("button", name="Save the reason").click()
    expect(page.get_by_text("The reason is saved.")).to_be_visible()
    task.done()
    expect(page.get_by_text("Why: Ellie was in hospital; we visited her there.")).to_be_visible()
    assert Deadline.objects.get(rule="protection-visit").late_reason.startswith("Ellie was")


def test_an_administrator_changes_a_local_timescale(page: Page, persona):
    admin = persona[Role.ADMINISTRATOR]
    sign_in(page, admin.username)
    set_up_two_step(page, admin)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Timescales").click()
    expect(page.get_by_role("heading", name="Timescales", exact=True)).to_be_visible()
    check_page(page, "timescales")
    page.get_by_role("link", name="Change visit a child on a child protection plan").click()
    page.get_by_label("New timescale").fill("5")
    page.get_by_label("Why is it changing?").fill("Partnership procedures, April")
    check_page(page, "timescale-change")
    page.get_by_role("button", name="Change the timescale").click()
    expect(page.get_by_text("is now 5 working days")).to_be_visible()
    expect(page.get_by_test_id("changes")).to_contain_text("Partnership procedures, April")
    assert LocalRule.objects.get().offset == 5


def test_a_worker_adds_a_significant_event_to_the_chronology(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    child = make_person(first_name="Ellie", family_name="Jones")
    make_case(child, worker=worker)
    sign_in(page, worker.username)
    page.goto(f"/children/{child.pk}/chronology/")
    task = Task(page, "Add a significant event to a chronology")
    page.get_by_role("link", name="Add a significant event").click()
    task.date("Date it happened", timezone.localdate() - timedelta(days=2))
    task.fill("What happened", "Police called to the home after an argument")
    task.select("Who told us", "Police")
    check_page(page, "add-event")
    page.get_by_role("button", name="Add to the chronology").click()
    expect(page.get_by_text("The event is in the chronology.")).to_be_visible()
    task.done()
    expect(page.get_by_test_id("chronology")).to_contain_text(
        "Police called to the home after an argument"
    )
    page.get_by_label("From an agency").select_option(label="Police")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_test_id("chronology")).to_contain_text("Told by police")
    check_page(page, "chronology-agency")
    assert ChronologyEvent.objects.get().agency == "police"
