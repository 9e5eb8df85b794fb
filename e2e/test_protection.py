"""A child (and her brother) from a strategy discussion to the end of a child protection plan,
in a real browser, as the social worker, the conference chair and the team manager do it."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role
from kith.people.models import Relationship
from kith.protection.models import ProtectionPlan
from kith.test import make_case, make_person


def fill_date(where: Page | Locator, group: str, day: date) -> None:
    boxes = where.get_by_role("group", name=group)
    boxes.get_by_label("Day").fill(str(day.day))
    boxes.get_by_label("Month").fill(str(day.month))
    boxes.get_by_label("Year").fill(str(day.year))


def test_from_strategy_discussion_to_the_end_of_a_plan(page: Page, persona):
    worker, chair, manager = (
        persona[Role.SOCIAL_WORKER],
        persona[Role.CHAIR],
        persona[Role.TEAM_MANAGER],
    )
    ellie = make_person(first_name="Ellie", family_name="Jones")
    sam = make_person(first_name="Sam", family_name="Jones", date_of_birth=date(2018, 6, 1))
    Relationship.objects.create(first=ellie, second=sam, kind="sibling")
    referred = timezone.localdate() - timedelta(days=30)
    case = make_case(ellie, worker=worker, referral_date=referred)
    make_case(sam, worker=worker, referral_date=referred)

    # The social worker records one strategy discussion for both children.
    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Record a strategy discussion").click()
    page.get_by_label("Name of person 1").fill("DS Lewis")
    page.get_by_label("Agency of person 1").select_option(label="Police")
    page.get_by_label("Name of person 2").fill("Nurse Jones")
    page.get_by_label("Agency of person 2").select_option(label="Health")
    page.get_by_label("What each agency shared").fill("Police: incident last night.")
    page.get_by_label("Immediate safety plan for the children").fill("Father to stay away.")
    sam_group = page.get_by_role("group", name="Sam Jones")
    sam_group.get_by_label("Start a section 47 enquiry").check()
    sam_group.get_by_label("Why").fill("Same home")
    page.get_by_role("group", name="Ellie Jones").get_by_label("Why").fill("Bruise seen by school")
    check_page(page, "strategy-form")
    page.get_by_role("button", name="Save the strategy discussion").click()
    expect(page.get_by_text("The strategy discussion is recorded.")).to_be_visible()
    check_page(page, "strategy")

    # The enquiry: findings and an initial conference.
    page.get_by_role("link", name="The enquiry").first.click()
    page.get_by_label("What the enquiry found").fill("Bruising consistent with the account.")
    page.get_by_role("group", name="Outcome").get_by_label(
        "Initial child protection conference"
    ).check()
    fill_date(page, "Date of the outcome", timezone.localdate())
    check_page(page, "enquiry")
    page.get_by_role("button", name="Save the enquiry").click()
    expect(page.get_by_text("The enquiry is saved for Ellie Jones and Sam Jones.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    # The chair finds Ellie among those waiting and records the conference.
    sign_in(page, chair.username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Conferences").click()
    check_page(page, "conferences")
    page.get_by_role("link", name="Ellie Jones").click()
    page.get_by_role("link", name="Record the initial conference").click()
    page.get_by_label("Chair").select_option(label=chair.get_full_name())
    page.get_by_label("Who attended, by agency").fill("Mother, police, school, health")
    page.get_by_label("The social worker's report").fill("Risks remain.")
    page.get_by_label("The child's and the family's views").fill(
        "Ellie wants the shouting to stop."
    )
    ellie_group = page.get_by_role("group", name="Ellie Jones")
    ellie_group.get_by_label("A child protection plan").check()
    ellie_group.get_by_label("Category of abuse").select_option(label="Physical abuse")
    review_on = timezone.localdate() + timedelta(days=80)
    fill_date(ellie_group, "Date of the next review conference", review_on)
    check_page(page, "conference-form")
    page.get_by_role("button", name="Save the conference").click()
    expect(page.get_by_text("The conference is recorded.")).to_be_visible()
    check_page(page, "conference")
    page.get_by_role("button", name="Sign out").click()

    # The worker sees the plan on every page of the case, writes its outline and a core group.
    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/")
    risk = page.get_by_test_id("risk")
    expect(risk).to_contain_text("Child protection plan")
    expect(risk).to_contain_text("Physical abuse")
    risk.get_by_role("link", name="the plan").click()
    check_page(page, "cp-plan")
    page.get_by_role("link", name="Update the plan").click()
    page.get_by_label("What must change").fill("No more violence at home.")
    page.get_by_role("group", name="Action 1").get_by_label("What will happen").fill(
        "Perpetrator programme"
    )
    page.get_by_role("group", name="Action 1").get_by_label("Who will do it").fill("Father")
    page.get_by_label("Contingency plan").fill("Legal planning meeting if nothing changes.")
    check_page(page, "cp-plan-edit")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("The child protection plan is saved.")).to_be_visible()
    page.get_by_role("link", name="Record a core group meeting").click()
    page.get_by_label("Who attended").fill("Mother, school, social worker")
    page.get_by_label("Progress on each action").fill("Father has started the programme.")
    page.get_by_label("Decisions").fill("Carry on.")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("The core group meeting is recorded.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    # The team manager records the review conference that ends the plan.
    sign_in(page, manager.username)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Record a review conference").click()
    page.get_by_label("Chair").select_option(label=chair.get_full_name())
    page.get_by_label("Who attended, by agency").fill("Mother, school")
    page.get_by_label("The social worker's report").fill("Much better.")
    page.get_by_label("The child's and the family's views").fill("Home is calmer.")
    page.get_by_role("group", name="Ellie Jones").get_by_label("The plan ends").check()
    page.get_by_role("button", name="Save the conference").click()
    expect(page.get_by_text("The conference is recorded.")).to_be_visible()
    plan = ProtectionPlan.objects.get(case=case)
    assert plan.ended_on == timezone.localdate() and plan.end_reason == "review"
    page.goto(f"/cases/{case.pk}/")
    expect(page.get_by_test_id("risk")).to_have_count(0)
