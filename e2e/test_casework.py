"""A case's journey in a real browser, each task done as the person who does it would, with
what it costs them (page loads, form pages, fields filled) printed at the end of the run."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import Task, check_page, sign_in
from kith.accounts.roles import Role
from kith.cases.models import Case, Contact
from kith.recording.models import Assessment, ChildInNeedPlan, Status, Visit
from kith.test import make_case, make_person


def test_front_door_records_a_contact_and_refers_it(page: Page, persona):
    child = make_person(first_name="Ellie", family_name="Jones")
    sign_in(page, persona[Role.FRONT_DOOR].username)
    page.goto(f"/people/{child.pk}/")
    task = Task(page, "Record a contact and its decision")
    page.get_by_role("link", name="Record a contact about Ellie").click()
    expect(page.get_by_role("heading", name="Record a contact")).to_be_visible()
    # Date and time received start as now: a contact is recorded as it comes in.
    task.fill("Name of the person who contacted us", "Ms Patel")
    task.fill("Their organisation", "Mill Road Primary")
    task.select("Who they are", "School")
    task.fill("What they are worried about", "Ellie came to school with a bruise on her arm.")
    task.check("Yes, the family agreed to the contact being made")
    task.check("Referral to children's social care")
    task.fill("Reasons for the decision", "Unexplained injury: needs an assessment.")
    task.select("Team to take the referral", persona[Role.SOCIAL_WORKER].team.name)
    task.select(
        "Main need, as far as you can tell now",
        "Abuse or neglect, or the risk of it (including domestic abuse)",
    )
    page.get_by_role("button", name="Save the contact").click()
    expect(page.get_by_text(re.compile(r"Contact C\d+ is recorded\."))).to_be_visible()
    task.done()
    expect(page.get_by_text("Referral to children's social care")).to_be_visible()
    check_page(page, "contact")
    case = Case.objects.get(child=child)
    assert case.team == persona[Role.SOCIAL_WORKER].team

    page.get_by_role("link", name="Letter to the referrer").click()
    expect(page.get_by_text("Dear Ms Patel")).to_be_visible()
    check_page(page, "contact-letter")
    page.goto("/cases/contacts/")
    check_page(page, "contacts")


def test_a_contact_with_problems_says_what_to_fix_and_keeps_what_was_typed(page: Page, persona):
    sign_in(page, persona[Role.FRONT_DOOR].username)
    page.goto("/cases/contacts/new/")
    page.get_by_label("What they are worried about").fill("Words that must not be lost")
    page.get_by_label("Referral to children's social care").check()
    page.get_by_role("button", name="Save the contact").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Enter name of the person who contacted us")
    expect(alert).to_contain_text("Enter the reasons for the decision")
    expect(alert).to_contain_text("Choose the team to take the referral")
    expect(page.get_by_label("What they are worried about")).to_have_value(
        "Words that must not be lost"
    )
    check_page(page, "contact-new-errors")
    assert not Contact.objects.exists()


def test_an_unmatched_contact_is_matched_to_a_child(page: Page, persona):
    make_person(first_name="Sam", family_name="Rivers")
    contact = Contact.objects.create(
        received_at=timezone.now() - timedelta(hours=1),
        child_name="Sam Rivers",
        referrer_name="A neighbour",
        source="1B",
        worries="Shouting every night.",
        recorded_by=persona[Role.FRONT_DOOR],
    )
    sign_in(page, persona[Role.FRONT_DOOR].username)
    page.goto(f"/cases/contacts/{contact.pk}/")
    page.get_by_role("link", name="Find the child").click()
    expect(page.get_by_role("heading", name="Find the child")).to_be_visible()
    check_page(page, "contact-match")
    page.get_by_role("button", name="This is the child").click()
    expect(page.get_by_text("The contact is now on Sam Rivers's record.")).to_be_visible()


def test_a_social_worker_records_a_visit_on_one_page(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(), worker=worker)
    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/")
    check_page(page, "case")
    task = Task(page, "Record a visit")
    page.get_by_role("link", name="Record a visit").first.click()
    # The date starts as today.
    task.fill("Time", "10:30")
    task.choose("Was the child seen?", "Yes")
    task.choose("Was the child seen alone?", "Yes")
    task.fill("What you saw", "Warm, tidy home. Ellie showed me her drawings.")
    check_page(page, "visit-form")
    page.get_by_role("button", name="Save the visit").click()
    expect(page.get_by_text("The visit is recorded.")).to_be_visible()
    task.done()
    assert task.loads == 2 and len(task.form_pages) == 1
    check_page(page, "visit")
    visit = Visit.objects.get()
    assert visit.child_seen == "yes" and visit.seen_alone == "yes" and visit.is_locked
    page.get_by_role("link", name="History (1 version)").click()
    check_page(page, "visit-history")


def test_typing_is_saved_as_a_draft_without_pressing_save(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(), worker=worker)
    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/new/note/")
    page.get_by_label("Note", exact=True).fill("Rang mum about the school meeting")
    expect(page.get_by_text("Draft kept at")).to_be_visible(timeout=10000)
    page.reload()  # a lost connection, a closed laptop: the words are still there
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Case note", exact=True).click()
    expect(page.get_by_text("Rang mum about the school meeting")).to_be_visible()


def test_a_social_worker_writes_a_plan_with_three_actions(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(), worker=worker)
    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/")
    task = Task(page, "Write a child in need plan with three actions")
    page.get_by_role("link", name="Write a child in need plan").click()
    task.fill("What needs to change", "Ellie needs to get to school every day.")
    for number, (what, who) in enumerate(
        [
            ("Walk Ellie to school", "Mum"),
            ("Check attendance weekly", "School"),
            ("Parenting course", "Early help"),
        ],
        1,
    ):
        action = page.get_by_role("group", name=f"Action {number}")
        action.get_by_label("What will happen").fill(what)
        action.get_by_label("Who will do it").fill(who)
        task._counted()
        task._counted()
    check_page(page, "plan-form")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("The child in need plan is saved.")).to_be_visible()
    task.done()
    check_page(page, "plan")
    plan = ChildInNeedPlan.objects.get()
    assert [a.who for a in plan.current_actions()] == ["Mum", "School", "Early help"]


def test_a_manager_authorises_an_assessment(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(first_name="Ellie"), worker=worker)
    assessment = Assessment.objects.create(
        case=case,
        author=worker,
        status=Status.SUBMITTED,
        submitted_at=timezone.now(),
        started_on=case.referral_date,
        analysis="Needs support",
        factors=["16A"],
        outcome="cin_plan",
        primary_need="N1",
    )
    sign_in(page, persona[Role.TEAM_MANAGER].username)
    task = Task(page, "Authorise an assessment (manager)")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="To authorise").click()
    check_page(page, "waiting")
    # Authorising opens the record first, and the button says whose it is.
    page.get_by_role("button", name="Read and decide").filter(
        has_text="assessment for Ellie"
    ).click()
    expect(page.get_by_role("heading", name="Your decision")).to_be_visible()
    page.get_by_role("button", name="Authorise Ellie Jones's child and family assessment").click()
    expect(page.get_by_text("The assessment is authorised.")).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting for your authorisation")).to_be_visible()
    task.done()
    assessment.refresh_from_db()
    assert assessment.status == Status.AUTHORISED
    case.refresh_from_db()
    assert case.primary_need == "N1"


def test_a_social_worker_starts_an_assessment_and_the_page_is_accessible(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(), worker=worker)
    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/new/assessment/")
    page.get_by_role("button", name="Submit for authorisation").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter analysis")
    check_page(page, "assessment-errors")
    page.goto("/cases/")
    check_page(page, "caseload")


def test_a_manager_allocates_and_authorises_a_closure(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    manager = persona[Role.TEAM_MANAGER]
    case = make_case(make_person(first_name="Ellie"), team=worker.team, opened_by=manager)
    sign_in(page, manager.username)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Allocate the case").click()
    page.get_by_label("Social worker").select_option(
        label=f"{worker.get_full_name()} ({worker.team.name})"
    )
    check_page(page, "allocate")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"The case is allocated to {worker.get_full_name()}.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Close the case").click()
    page.get_by_label("Services ended, for example the child is no longer in need").check()
    page.get_by_label("Summary").fill("Things are settled; school will keep an eye.")
    page.get_by_role("button", name="Submit for authorisation").click()
    expect(page.get_by_text("Your closure is submitted.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, manager.username)
    page.goto("/cases/waiting-for-you/")
    page.get_by_role("button", name="Read and decide").filter(has_text="closure for Ellie").click()
    page.get_by_role("button", name="Authorise Ellie Jones's closure").click()
    expect(page.get_by_text("The closure is authorised.")).to_be_visible()
    case.refresh_from_db()
    assert not case.is_open and case.closure_reason == "RC7"


def test_a_duty_worker_reads_a_child_s_summary_and_chronology(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    child = make_person(first_name="Ellie", family_name="Jones")
    case = make_case(child, worker=worker)
    Visit.objects.create(
        case=case,
        author=worker,
        status=Status.FINAL,
        visited_on=timezone.localdate(),
        child_seen="yes",
        seen_alone="yes",
        observations="Ellie showed me her room",
    )
    sign_in(page, persona[Role.FRONT_DOOR].username)
    page.get_by_role("searchbox", name="Find a person").fill("Ellie Jones")
    page.get_by_role("button", name="Find a person").click()
    page.get_by_role("link", name="Ellie Jones").click()
    expect(page.get_by_test_id("summary-status")).to_be_visible()
    expect(page.get_by_test_id("summary-seen")).to_contain_text(
        timezone.localdate().strftime("%-d %B %Y")
    )
    check_page(page, "summary")
    page.get_by_role("link", name="Chronology").first.click()
    expect(page.get_by_test_id("chronology")).to_contain_text("Visit: child seen alone")
    page.get_by_label("Significant events only").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_test_id("chronology")).not_to_contain_text("Visit: child seen alone")
    check_page(page, "chronology")


def test_my_work_and_the_team_view(page: Page, persona):
    worker, manager = persona[Role.SOCIAL_WORKER], persona[Role.TEAM_MANAGER]
    make_case(
        make_person(first_name="Ellie", family_name="Jones"),
        worker=worker,
        referral_date=timezone.localdate() - timedelta(days=100),
    )
    make_case(
        make_person(first_name="Sam", family_name="Rivers"), team=worker.team, opened_by=manager
    )
    sign_in(page, worker.username)
    expect(page.get_by_test_id("my-children")).to_contain_text("Ellie Jones")
    expect(page.get_by_test_id("my-children")).to_contain_text("Overdue")
    check_page(page, "my-work-social-worker")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, manager.username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    expect(page.get_by_test_id("caseloads")).to_contain_text(worker.get_full_name())
    expect(page.get_by_test_id("unallocated")).to_contain_text("Sam Rivers")
    check_page(page, "team-view")
