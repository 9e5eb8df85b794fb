"""Brothers and sisters from a strategy discussion to their core groups, in a real browser,
counting what it costs the worker: page loads and fields filled (printed at the end of the run).

The family's work is written once: the discussion lists every child of the household (a
brother with no case of his own gets his referral from it), one enquiry's findings serve his
sister's too, the conference's outline plan starts each child's plan, and one core group meeting
is recorded for all of them. Nothing is typed twice; each further child adds a few clicks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import Task, check_page, sign_in
from kith.accounts.roles import Role
from kith.cases.models import Case
from kith.people.models import Relationship
from kith.protection.models import CoreGroup, Enquiry, ProtectionPlan
from kith.test import make_case, make_person

NAMES = ["Sam", "Mo", "Tia"]
# Two children's mechanics as measured (9 page loads, 26 fields): 102 seconds.
TWO_CHILDREN_SECONDS = 102


@pytest.mark.parametrize("brothers_and_sisters", [1, 2])
def test_siblings_from_strategy_discussion_to_core_groups(
    page: Page, persona, brothers_and_sisters
):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    ellie = make_person(first_name="Ellie", family_name="Jones")
    others = [
        make_person(first_name=name, family_name="Jones", date_of_birth=date(2018, 6, 1 + i))
        for i, name in enumerate(NAMES[:brothers_and_sisters])
    ]
    for other in others:
        Relationship.objects.create(first=ellie, second=other, kind="sibling")
    case = make_case(ellie, worker=worker, referral_date=timezone.localdate() - timedelta(days=30))
    children = [ellie, *others]
    today = timezone.localdate()

    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/")
    task = Task(page, f"{len(children)} siblings: strategy discussion to core groups")

    # One strategy discussion for the family: her brothers have no case yet, and are listed.
    page.get_by_role("link", name="Record a strategy discussion").click()
    task.fill("Name of person 1", "DS Lewis")
    task.select("Agency of person 1", "Police")
    task.fill("What each agency shared", "Police: incident last night.")
    task.fill("Immediate safety plan for the children", "Father to stay away.")
    task.fill("Why, for every child below", "Violence at home; all the children were there.")
    for other in others:
        group = page.get_by_role("group", name=other.full_name)
        expect(group).to_contain_text("No open case")
        group.get_by_label("Start a section 47 enquiry").check()
        task.fields += 1
    check_page(page, "strategy-for-the-family")
    page.get_by_role("button", name="Save the strategy discussion").click()
    expect(page.get_by_text("The strategy discussion is recorded.")).to_be_visible()

    # One enquiry's findings and outcome, for every child's enquiry.
    page.get_by_role("link", name="The enquiry").first.click()
    task.fill("What the enquiry found", "Bruising consistent with the account.")
    task.choose("Outcome", "Initial child protection conference")
    task.date("Date of the outcome", today)
    check_page(page, "enquiry-for-the-family")
    page.get_by_role("button", name="Save the enquiry").click()
    expect(page.get_by_text(f"The enquiry is saved for {ellie.full_name}")).to_be_visible()

    # The conference, with the outline plan every child's plan starts from.
    page.get_by_role("link", name="Record the initial conference").click()
    task.select("Chair", chair.get_full_name())
    task.fill("Who attended, by agency", "Mother, police, school, health")
    task.fill("The social worker's report", "Risks remain.")
    task.fill("The child's and the family's views", "They want the shouting to stop.")
    task.fill("What must change", "No more violence at home.")
    action = page.get_by_role("group", name="Action 1")
    action.get_by_label("What will happen").fill("Perpetrator programme")
    action.get_by_label("Who will do it").fill("Father")
    task.fields += 2
    task.fill("Contingency plan", "Legal planning meeting if nothing changes.")
    for child in children:
        group = page.get_by_role("group", name=child.full_name, exact=False)
        group.get_by_label("A child protection plan").check()
        group.get_by_label("Category of abuse").select_option(label="Physical abuse")
        task.fields += 2
    check_page(page, "conference-with-outline-plan")
    page.get_by_role("button", name="Save the conference").click()
    expect(page.get_by_text("The conference is recorded.")).to_be_visible()

    # One core group meeting for every child's plan.
    page.get_by_role("link", name="The plan").first.click()
    expect(page.get_by_text("No more violence at home.")).to_be_visible()
    page.get_by_role("link", name="Record a core group meeting").click()
    task.fill("Who attended", "Mother, school, social worker")
    task.fill("Progress on each action", "Father has started the programme.")
    task.fill("Decisions", "Carry on.")
    check_page(page, "core-group-for-the-family")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("The core group meeting is recorded for")).to_be_visible()
    task.done()

    assert Case.objects.filter(closed_on__isnull=True).count() == len(children)
    assert Enquiry.objects.filter(outcome="icpc").count() == len(children)
    plans = ProtectionPlan.objects.filter(ended_on__isnull=True)
    assert plans.count() == len(children)
    assert {p.what_must_change for p in plans} == {"No more violence at home."}
    assert all(p.actions.count() == 1 for p in plans)
    assert CoreGroup.objects.count() == len(children)
    # Each brother's case is with his sister's worker, in her team.
    assert {c.worker for c in Case.objects.all()} == {worker}
    # The measures (issue 14): at most 15 page loads for two children, and each further child
    # at most a minute of mechanics (keystroke-level estimate) over the two children's.
    assert task.loads <= 15
    assert task.seconds <= TWO_CHILDREN_SECONDS + 60 * (brothers_and_sisters - 1)
