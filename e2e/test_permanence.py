"""A looked-after child's road to permanence, in a real Chromium, counting what it costs the
worker (page loads and fields filled, printed at the end of the run): the plan for permanence
in the care plan, the permanence planning meeting and a long-term fostering match; and the
adoption journey (decision, placement order, match, placed, adoption order) with the adoption
scorecard's figures on the child's page and on the manager's Adoption timescales. Every date
is typed in the pages the worker uses; what the care record already holds (the placement order
is a legal status, placed for adoption is a move, the adoption order is how care ended) is
never typed twice. A refusal is checked in its own test from the same starting record, so the
journeys' figures are for doing the work once, without mistakes."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import Task, check_page, sign_in
from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care import actions as care
from kith.care.models import CarePeriod
from kith.care.plans import CarePlan
from kith.permanence import actions as permanence
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting
from kith.permanence.tests.builders import adopters_placement, into_care
from kith.recording.actions import authorise
from kith.test import make_case, make_person


def exactly(name: str) -> re.Pattern[str]:
    """A group's whole name: "The adopters" is also in "Are the adopters the child's foster
    carers?"."""
    return re.compile(rf"^{re.escape(name)}$")


def on(day: date) -> str:
    return f"{day:%-d %B %Y}"


def looked_after_child(worker: User, first_name: str, came_into_care: date) -> CarePeriod:
    """A child looked after since `came_into_care` (full care order, foster care with the
    Okafors), built with the care app's own actions: the starting record of each test here."""
    child = make_person(
        first_name=first_name,
        family_name="Hale",
        date_of_birth=came_into_care - timedelta(days=400),
    )
    case = make_case(child, worker=worker, referral_date=came_into_care - timedelta(days=30))
    return into_care(case, came_into_care, worker)


def type_date(page: Page, group: str, day: date) -> None:
    boxes = page.get_by_role("group", name=group)
    for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        boxes.get_by_label(part).fill(str(value))


def test_the_plan_for_permanence_the_meeting_and_a_long_term_match(page: Page, persona):
    worker, manager = persona[Role.SOCIAL_WORKER], persona[Role.TEAM_MANAGER]
    today = timezone.localdate()
    period = looked_after_child(worker, "Leah", today - timedelta(days=150))
    sign_in(page, worker.username)
    page.goto(f"/looked-after/{period.pk}/")

    plan = Task(page, "Permanence: the plan in the care plan")
    page.get_by_role("link", name="Write the care plan").click()
    plan.fill("The child's needs and how they will be met", "Leah needs a settled home ...")
    plan.choose("Where the child will grow up", "Long-term fostering")
    plan.date("Date the plan for permanence was agreed", today - timedelta(days=30))
    plan.fill("The plan for permanence", "Leah stays with the Okafors until she is grown up.")
    page.get_by_role("button", name="Submit for authorisation").click()
    expect(page.get_by_text("Your care plan is submitted.")).to_be_visible()
    plan.done()
    assert plan.loads == 2 and len(plan.form_pages) == 1 and plan.fields == 6
    written = CarePlan.objects.get()
    assert written.permanence_option == "long_term_fostering"
    assert written.permanence_agreed_on == today - timedelta(days=30)
    authorise(written, by=manager, version=written.version)  # the manager's own task

    meeting = Task(page, "Permanence: planning meeting and long-term match")
    page.get_by_role("link", name="Back to the case").click()
    page.get_by_role("link", name="Looked after since").first.click()
    expect(page.get_by_test_id("care-permanence")).to_contain_text(
        f"The plan is long-term fostering, agreed {today - timedelta(days=30):%-d %b %Y}."
    )
    page.get_by_role("link", name="Permanence and adoption").click()
    expect(page.get_by_role("heading", name="Permanence and adoption")).to_be_visible()
    expect(page.get_by_test_id("permanence-due")).to_contain_text(
        "Hold the permanence planning meeting"
    )
    page.get_by_role("link", name="Record a permanence planning meeting").click()
    meeting.date("Date of the meeting", today - timedelta(days=28))
    meeting.choose("Where the child will grow up", "Long-term fostering")
    meeting.fill("What was decided, and why", "The Okafors will care for Leah long-term.")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_text("The permanence planning meeting is recorded.")).to_be_visible()
    page.get_by_role("link", name="Record a long-term fostering match").click()
    meeting.date("Date the match was agreed", today - timedelta(days=7))
    meeting.fill("The foster carers", "Mr and Mrs Okafor")
    meeting.fill("How it was agreed", "Agreed at the fostering panel.")
    page.get_by_role("button", name="Record the match").click()
    expect(page.get_by_text("The long-term fostering match is recorded.")).to_be_visible()
    meeting.done()
    assert meeting.loads == 7 and len(meeting.form_pages) == 2 and meeting.fields == 10

    expect(page.get_by_test_id("permanence-plan")).to_contain_text("Long-term fostering.")
    expect(page.get_by_test_id("permanence-plan")).to_contain_text(
        f"The care plan, agreed {today - timedelta(days=30):%-d %b %Y}."
    )
    expect(page.get_by_test_id("meetings")).to_contain_text(
        f"{on(today - timedelta(days=28))}: Long-term fostering. The Okafors will care"
    )
    expect(page.get_by_test_id("long-term")).to_contain_text(
        f"Matched with Mr and Mrs Okafor on {on(today - timedelta(days=7))}"
    )
    expect(page.get_by_test_id("achieved")).to_contain_text(
        f"Permanence achieved: Long-term fostering, {on(today - timedelta(days=7))}"
    )
    expect(page.get_by_test_id("permanence-due")).to_contain_text(
        f"Hold the permanence planning meeting: done {today - timedelta(days=28):%-d %b %Y}"
    )
    check_page(page, "permanence")
    assert PermanenceMeeting.objects.get().period == period
    assert LongTermMatch.objects.get().carers == "Mr and Mrs Okafor"


def test_a_child_is_adopted_and_the_scorecard_counts_the_days(page: Page, persona):
    worker, manager = persona[Role.SOCIAL_WORKER], persona[Role.TEAM_MANAGER]
    today = timezone.localdate()
    came = today - timedelta(days=500)
    period = looked_after_child(worker, "Ruby", came)
    decided, order = today - timedelta(days=450), today - timedelta(days=400)
    matched, placed, adopted = (today - timedelta(days=n) for n in (200, 150, 10))
    sign_in(page, worker.username)
    page.goto(f"/looked-after/{period.pk}/")

    adoption = Task(page, "Adoption: decision to adoption order")
    page.get_by_role("link", name="Permanence and adoption").click()
    page.get_by_role("link", name="Record the decision that the child should be adopted").click()
    adoption.date("Date of the decision that the child should be adopted", decided)
    adoption.fill("The agency decision maker", "Ms Adeyemi, agency decision maker")
    adoption.fill("What was decided, and why", "Ruby cannot return home; adoption is best.")
    page.get_by_role("button", name="Record the decision").click()
    expect(
        page.get_by_text("The decision that the child should be adopted is recorded.")
    ).to_be_visible()

    page.get_by_role("link", name="Record the placement order (a new legal status)").click()
    adoption.select("New legal status", "Placement order granted")
    adoption.date("Date it began", order)
    page.get_by_role("button", name="Record the legal status").click()
    expect(page.get_by_text("The new legal status is recorded.")).to_be_visible()

    page.get_by_role("link", name="Permanence and adoption").click()
    page.get_by_role("link", name="Record the match with adopters").click()
    expect(page.get_by_role("heading", name="Ruby Hale is matched with adopters")).to_be_visible()
    check_page(page, "adoption-match")
    adoption.date("Date the child was matched with adopters", matched)
    adoption.choose("How many adopters", "A couple")
    adoption.choose(exactly("The adopters"), "A male and female couple")
    adoption.select("The adopters' legal status", "Married couple of different sexes")
    adoption.choose("Are the adopters the child's foster carers?", "No")
    page.get_by_role("button", name="Record the match").click()
    expect(page.get_by_text("The match with the adopters is recorded.")).to_be_visible()
    scorecard = page.get_by_test_id("scorecard")
    # Waiting to be placed: days so far, over the national threshold of 426.
    expect(scorecard).to_contain_text(
        "Coming into care to moving in with the adoptive family: 500 days so far "
        "(national threshold 426) Over"
    )
    expect(scorecard).to_contain_text(
        "Placement order to the match with adopters: 200 days (national threshold 121) Over"
    )

    page.get_by_role("link", name="Record the move to the adopters (placed for adoption)").click()
    adoption.date("Date the child moved", placed)
    adoption.select("Why the last placement ended", "A planned move under the care plan")
    adoption.select(
        "Type of placement", "Placed for adoption under a placement order, with new carers"
    )
    adoption.select("Who provides it", "Our own authority")
    adoption.fill("The carers or the home", "Prospective adopters")
    page.get_by_role("button", name="Record the move").click()
    expect(page.get_by_text("The move is recorded.")).to_be_visible()

    page.get_by_role("link", name="Permanence and adoption").click()
    expect(page.get_by_test_id("scorecard")).to_contain_text(
        "Coming into care to moving in with the adoptive family: 350 days "
        "(national threshold 426) Within"
    )
    page.get_by_role("link", name="Record the adoption order (the end of care)").click()
    adoption.date("Date care ended", adopted)
    adoption.select("Why care ended", "Adopted: the application was unopposed")
    page.get_by_role("button", name="Record the end of care").click()
    expect(page.get_by_text("The end of care is recorded.")).to_be_visible()
    page.get_by_role("link", name="Permanence and adoption").click()
    adoption.done()
    assert adoption.loads == 14 and len(adoption.form_pages) == 5 and adoption.fields == 27

    steps = page.get_by_test_id("adoption-steps")
    for label, day in (
        ("Decision that the child should be adopted", decided),
        ("Placement order", order),
        ("Matched with adopters", matched),
        ("Placed for adoption", placed),
        ("Adoption order", adopted),
    ):
        expect(steps).to_contain_text(f"{label}{on(day)}")
    expect(steps).to_contain_text("A male and female couple, married couple of different sexes")
    expect(page.get_by_test_id("achieved")).to_contain_text(
        f"Permanence achieved: Adoption, {on(adopted)}"
    )
    scorecard = page.get_by_test_id("scorecard")
    expect(scorecard).to_contain_text("moving in with the adoptive family: 350 days (national")
    expect(scorecard).to_contain_text("to the match with adopters: 200 days (national")
    check_page(page, "permanence-adopted")
    period.refresh_from_db()
    assert period.end_reason == "E11" and period.ended_on == adopted
    assert AdoptionPlan.objects.get().matched_on == matched

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, manager.username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    page.get_by_role("link", name="Adoption timescales").click()
    expect(page.get_by_role("heading", name="Adoption timescales")).to_be_visible()
    teams = page.get_by_test_id("adoption-teams")
    expect(teams.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        ["Safeguarding Team 1", "1", "350", "200"]
    )
    children = page.get_by_test_id("adoption-children")
    expect(children).to_contain_text("Ruby Hale")
    expect(children).to_contain_text("350 days")
    expect(children).to_contain_text("200 days Over")
    check_page(page, "adoption-timescales")


def test_a_match_before_the_decision_is_refused_and_what_was_typed_is_kept(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    today = timezone.localdate()
    period = looked_after_child(worker, "Ruby", today - timedelta(days=500))
    decided = today - timedelta(days=450)
    plan = permanence.decide_adoption(
        period, by=worker, decided_on=decided, decision_maker="Ms Adeyemi"
    )
    sign_in(page, worker.username)
    page.goto(f"/permanence/{period.pk}/")
    page.get_by_role("link", name="Record the match with adopters").click()
    before = decided - timedelta(days=1)
    type_date(page, "Date the child was matched with adopters", before)
    page.get_by_role("group", name="How many adopters").get_by_label("One adopter").check()
    page.get_by_role("group", name=exactly("The adopters")).get_by_label("A single woman").check()
    page.get_by_label("The adopters' legal status").select_option(label="Single adopter")
    foster_carers = page.get_by_role("group", name="Are the adopters the child's foster carers?")
    foster_carers.get_by_label("Yes").check()
    page.get_by_role("button", name="Record the match").click()

    when = page.get_by_role("group", name="Date the child was matched with adopters")
    expect(when).to_contain_text(
        f"The match cannot be before the decision that the child should be adopted ({on(decided)})"
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("The match cannot be before")
    expect(when.get_by_label("Day")).to_have_value(str(before.day))
    expect(when.get_by_label("Month")).to_have_value(str(before.month))
    expect(when.get_by_label("Year")).to_have_value(str(before.year))
    expect(
        page.get_by_role("group", name="How many adopters").get_by_label("One adopter")
    ).to_be_checked()
    expect(
        page.get_by_role("group", name=exactly("The adopters")).get_by_label("A single woman")
    ).to_be_checked()
    expect(page.get_by_label("The adopters' legal status")).to_have_value("L0")
    expect(foster_carers.get_by_label("Yes")).to_be_checked()
    check_page(page, "adoption-match-refused")
    plan.refresh_from_db()
    assert plan.matched_on is None

    # The same answers with the date corrected are recorded: the date was the only problem.
    type_date(page, "Date the child was matched with adopters", decided)
    page.get_by_role("button", name="Record the match").click()
    expect(page.get_by_text("The match with the adopters is recorded.")).to_be_visible()
    plan.refresh_from_db()
    assert plan.matched_on == decided and plan.adopters_sex == "F1"


def test_an_adoption_order_before_the_child_is_placed_is_refused(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    today = timezone.localdate()
    period = looked_after_child(worker, "Ruby", today - timedelta(days=500))
    plan = permanence.decide_adoption(
        period, by=worker, decided_on=today - timedelta(days=450), decision_maker="Ms Adeyemi"
    )
    care.change_legal_status(
        period, by=worker, version=None, status="E1", started_on=today - timedelta(days=400)
    )
    permanence.record_match(
        plan,
        by=worker,
        version=None,
        matched_on=today - timedelta(days=200),
        adopters_number=2,
        adopters_sex="MF",
        adopters_legal_status="L11",
        foster_carers_adopting=False,
    )
    sign_in(page, worker.username)
    page.goto(f"/looked-after/{period.pk}/")
    page.get_by_role("link", name="Record the end of care").click()
    ordered = today - timedelta(days=10)
    type_date(page, "Date care ended", ordered)
    page.get_by_label("Why care ended").select_option(
        label="Adopted: the application was unopposed"
    )
    page.get_by_label("What happens next").fill("Ruby lives with her adoptive parents.")
    page.get_by_role("button", name="Record the end of care").click()

    boxes = page.get_by_role("group", name="Date care ended")
    expect(boxes).to_contain_text(
        "An adoption order comes after the child was placed for adoption: record the move to "
        "the adopters first"
    )
    expect(boxes.get_by_label("Day")).to_have_value(str(ordered.day))
    expect(boxes.get_by_label("Month")).to_have_value(str(ordered.month))
    expect(boxes.get_by_label("Year")).to_have_value(str(ordered.year))
    expect(page.get_by_label("Why care ended")).to_have_value("E11")
    expect(page.get_by_label("What happens next")).to_have_value(
        "Ruby lives with her adoptive parents."
    )
    check_page(page, "adoption-order-refused")
    period.refresh_from_db()
    assert period.is_open

    # Once the move to the adopters is recorded, the same order is accepted.
    adopters_placement(period, today - timedelta(days=150), worker)
    page.goto(f"/looked-after/{period.pk}/end/")
    type_date(page, "Date care ended", ordered)
    page.get_by_label("Why care ended").select_option(
        label="Adopted: the application was unopposed"
    )
    page.get_by_role("button", name="Record the end of care").click()
    expect(page.get_by_text("The end of care is recorded.")).to_be_visible()
    period.refresh_from_db()
    assert period.end_reason == "E11" and period.ended_on == ordered
