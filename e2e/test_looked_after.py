"""A child comes into care and their care plan is written, in a real Chromium, counting what it
costs the worker (page loads and fields filled, printed at the end of the run). The measure of
the care plan (issue 18): nothing Kith already holds is typed again; the names, family,
professionals, legal status, placement, health and school are drawn in beside the page."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import Task, check_page, sign_in
from kith.accounts.roles import Role
from kith.care.actions import record_check
from kith.care.models import CarePeriod, Placement
from kith.care.plans import CarePlan
from kith.people.models import Involvement, Relationship
from kith.test import make_case, make_person


def test_a_child_comes_into_care_and_the_care_plan_draws_in_what_kith_holds(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    child = make_person(first_name="Maisie", family_name="Price", date_of_birth=date(2016, 2, 9))
    mother = make_person(first_name="Donna", family_name="Price", date_of_birth=date(1990, 4, 2))
    Relationship.objects.create(
        first=mother, second=child, kind="mother", has_parental_responsibility=True
    )
    Involvement.objects.create(person=child, kind="gp", organisation="Mill Road Surgery")
    case = make_case(child, worker=worker, referral_date=timezone.localdate() - timedelta(days=40))
    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/")

    coming = Task(page, "Come into care (one child)")
    page.get_by_role("link", name="Record the child coming into care").click()
    expect(page.get_by_role("heading", name="Maisie Price comes into care")).to_be_visible()
    check_page(page, "come-into-care")
    coming.date("Date the child came into care", timezone.localdate() - timedelta(days=2))
    coming.select("Legal status", "Interim care order")
    coming.select("Category of need", "Abuse or neglect")
    coming.select("Type of placement", "Foster care")
    coming.select("Who provides it", "Our own authority")
    coming.fill("The carers or the home", "Mr and Mrs Okafor")
    page.get_by_role("button", name="Record coming into care").click()
    expect(page.get_by_text("Coming into care is recorded.")).to_be_visible()
    coming.done()
    assert coming.loads == 2 and len(coming.form_pages) == 1
    check_page(page, "care")
    expect(page.get_by_test_id("placements")).to_contain_text("Mr and Mrs Okafor")
    expect(page.get_by_test_id("care-due")).to_contain_text("Hold the first looked-after review")

    period = CarePeriod.objects.get()
    record_check(case, by=worker, kind="iha", done_on=timezone.localdate())
    record_check(
        case, by=worker, kind="school", done_on=date(2021, 9, 1), school="Westholm Primary"
    )

    plan = Task(page, "Write the care plan")
    page.get_by_role("link", name="Write the care plan").click()
    drawn = page.get_by_test_id("drawn-in")
    for held in (
        "Maisie Price",
        "Donna Price (mother)",
        "Mill Road Surgery",
        "Interim care order",
        "Mr and Mrs Okafor",
        "Initial health assessment",
        "Westholm Primary",
    ):
        expect(drawn).to_contain_text(held)
    check_page(page, "care-plan-form")
    plan.fill("The child's needs and how they will be met", "Maisie needs a settled home ...")
    plan.fill("The plan for permanence", "Return home to her mother if the work succeeds.")
    plan.fill("The contingency plan", "Long-term fostering with the Okafors.")
    plan.fill("The child's wishes and feelings, in their words", '"I want to see mum on Sundays"')
    page.get_by_role("button", name="Submit for authorisation").click()
    expect(page.get_by_text("submitted", exact=False).first).to_be_visible()
    plan.done()
    assert plan.loads == 2 and len(plan.form_pages) == 1 and plan.fields == 4
    written = CarePlan.objects.get()
    assert written.case_id == period.case_id and written.agreed_on == timezone.localdate()
    assert Placement.objects.get().carer == "Mr and Mrs Okafor"


def test_the_reviewing_officer_s_children(page: Page, persona):
    from kith.care.actions import Coming, come_into_care

    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(first_name="Jac", family_name="Morgan"), worker=worker)
    come_into_care(
        [case],
        by=worker,
        coming=Coming(
            started_on=timezone.localdate() - timedelta(days=40),
            legal_status="C2",
            need="N1",
            previous_permanence="Z1",
            placement={"kind": "U6", "provider": "PR1", "carer": "The Lloyds"},
            iro=chair,
        ),
    )
    sign_in(page, chair.username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Looked after").click()
    expect(page.get_by_role("heading", name="The children I review")).to_be_visible()
    expect(page.get_by_test_id("reviewing")).to_contain_text("Jac Morgan")
    expect(page.get_by_test_id("reviewing")).to_contain_text("Overdue")
    check_page(page, "reviewing")
