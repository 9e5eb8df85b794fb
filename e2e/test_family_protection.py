"""Two brothers and sisters from a strategy discussion to their core groups, in a real browser,
counting what it costs the worker and the chair: page loads and fields filled."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import Task, sign_in
from kith.accounts.roles import Role
from kith.people.models import Relationship
from kith.test import make_case, make_person


def test_two_siblings_from_strategy_discussion_to_core_groups(page: Page, persona):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    ellie = make_person(first_name="Ellie", family_name="Jones")
    sam = make_person(first_name="Sam", family_name="Jones", date_of_birth=date(2018, 6, 1))
    Relationship.objects.create(first=ellie, second=sam, kind="sibling")
    referred = timezone.localdate() - timedelta(days=30)
    case = make_case(ellie, worker=worker, referral_date=referred)
    make_case(sam, worker=worker, referral_date=referred)
    today = timezone.localdate()

    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/")
    task = Task(page, "Two siblings: strategy discussion to core groups")
    page.get_by_role("link", name="Record a strategy discussion").click()
    task.fill("Name of person 1", "DS Lewis")
    task.select("Agency of person 1", "Police")
    task.fill("What each agency shared", "Police: incident last night.")
    task.fill("Immediate safety plan for the children", "Father to stay away.")
    for child in ("Ellie Jones", "Sam Jones"):
        group = page.get_by_role("group", name=child)
        group.get_by_label("Start a section 47 enquiry").check()
        group.get_by_label("Why").fill("Incident at home")
        task.fields += 2
    page.get_by_role("button", name="Save the strategy discussion").click()
    expect(page.get_by_text("The strategy discussion is recorded.")).to_be_visible()

    for n in range(2):
        page.get_by_role("link", name="The enquiry").nth(n).click()
        task.fill("What the enquiry found", "Bruising consistent with the account.")
        task.choose("Outcome", "Initial child protection conference")
        task.date("Date of the outcome", today)
        page.get_by_role("button", name="Save the enquiry").click()
        expect(page.get_by_text("The enquiry is saved.")).to_be_visible()
        page.go_back()
        page.go_back()

    page.goto(f"/protection/cases/{case.pk}/conference/initial/new/")
    task.select("Chair", chair.get_full_name())
    task.fill("Who attended, by agency", "Mother, police, school, health")
    task.fill("The social worker's report", "Risks remain.")
    task.fill("The child's and the family's views", "They want the shouting to stop.")
    for child in ("Ellie Jones", "Sam Jones"):
        group = page.get_by_role("group", name=child)
        group.get_by_label("A child protection plan").check()
        group.get_by_label("Category of abuse").select_option(label="Physical abuse")
        boxes = group.get_by_role("group", name="Date of the next review conference")
        review = today + timedelta(days=80)
        for part, value in (("Day", review.day), ("Month", review.month), ("Year", review.year)):
            boxes.get_by_label(part).fill(str(value))
        task.fields += 5
    page.get_by_role("button", name="Save the conference").click()
    expect(page.get_by_text("The conference is recorded.")).to_be_visible()

    for n in range(2):
        page.get_by_role("link", name="The plan").nth(n).click()
        page.get_by_role("link", name="Update the plan").click()
        task.fill("What must change", "No more violence at home.")
        action = page.get_by_role("group", name="Action 1")
        action.get_by_label("What will happen").fill("Perpetrator programme")
        action.get_by_label("Who will do it").fill("Father")
        task.fields += 2
        task.fill("Contingency plan", "Legal planning meeting if nothing changes.")
        page.get_by_role("button", name="Save the plan").click()
        expect(page.get_by_text("The child protection plan is saved.")).to_be_visible()
        page.get_by_role("link", name="Record a core group meeting").click()
        task.fill("Who attended", "Mother, school, social worker")
        task.fill("Progress on each action", "Father has started the programme.")
        task.fill("Decisions", "Carry on.")
        page.get_by_role("button", name="Save the meeting").click()
        expect(page.get_by_text("The core group meeting is recorded.")).to_be_visible()
        page.goto(f"/protection/conferences/{_conference(case)}/")
    task.done()


def _conference(case) -> int:
    from kith.protection.models import ConferenceChild

    return ConferenceChild.objects.filter(case=case).latest("pk").conference_id
