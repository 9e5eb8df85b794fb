"""A young person leaves care and is supported, in a real Chromium, counting what it costs (page
loads and fields filled, printed at the end of the run): their worker sets up leaving care
support with a personal adviser; the adviser finds them on "Care leavers" with contact due,
records contact, the check around their 19th birthday and staying put, writes the pathway plan
and prints it as a letter. Whether they are a care leaver is never typed: it comes from their
care history. A refusal is checked in its own test from the same starting record, so the
journey's figures are for doing the work once, without mistakes."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import Task, check_page, sign_in
from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care import actions as care
from kith.cases.models import Case
from kith.leaving_care import actions as leaving_care
from kith.leaving_care.models import AdviserContact, BirthdayCheck, CareLeaver, PathwayPlan
from kith.leaving_care.rules import window
from kith.leaving_care.status import birthday
from kith.lib.working_days import add_months
from kith.test import make_case, make_person


def on(day: date) -> str:
    return f"{day:%-d %B %Y}"


def short(day: date) -> str:
    return f"{day:%-d %b %Y}"


def care_leaver(worker: User) -> tuple[Case, date]:
    """Jade, 19 a fortnight ago: looked after from 15 with foster carers until her 18th
    birthday, when she stayed on with them (staying put). Her case is still open. Built with
    the care app's own actions; returns her case and her date of birth."""
    today = timezone.localdate()
    born = add_months(today - timedelta(days=14), -12 * 19)
    at_18 = birthday(born, 18)
    jade = make_person(first_name="Jade", family_name="Rowe", date_of_birth=born)
    came = add_months(at_18, -36)
    case = make_case(jade, worker=worker, referral_date=came - timedelta(days=30))
    period = care.come_into_care(
        [case],
        by=worker,
        coming=care.Coming(
            started_on=came,
            legal_status="C2",
            need="N1",
            previous_permanence="Z1",
            placement={"kind": "U6", "provider": "PR1", "carer": "Mr and Mrs Byrne"},
        ),
    )[0]
    care.end_care(period, by=worker, version=None, ended_on=at_18, end_reason="E17")
    return case, born


def test_a_care_leaver_is_supported_by_their_personal_adviser(page: Page, persona):
    worker, adviser = persona[Role.SOCIAL_WORKER], persona[Role.PERSONAL_ADVISER]
    today = timezone.localdate()
    case, born = care_leaver(worker)
    at_18 = birthday(born, 18)
    began = today - timedelta(weeks=9)  # at 18, after she left care (former relevant)
    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/")
    expect(page.get_by_text("From their care history: former relevant")).to_be_visible()

    start = Task(page, "Leaving care: set up support (worker)")
    page.get_by_role("link", name="Set up leaving care support").click()
    expect(
        page.get_by_text("From their care history, Jade Rowe is former relevant")
    ).to_be_visible()
    start.date("Date support began", began)
    start.select("Personal adviser", adviser.get_full_name())
    page.get_by_role("button", name="Record the support").click()
    expect(page.get_by_text("Leaving care support is recorded.")).to_be_visible()
    start.done()
    assert start.loads == 2 and len(start.form_pages) == 1 and start.fields == 4
    expect(page.get_by_test_id("adviser")).to_contain_text(adviser.get_full_name())
    leaver = CareLeaver.objects.get()
    assert leaver.adviser == adviser and leaver.started_on == began
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, adviser.username)
    support = Task(page, "Leaving care: the adviser keeps in touch")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Care leavers").click()
    expect(page.get_by_role("heading", name="Care leavers")).to_be_visible()
    row = page.get_by_test_id("caseload").get_by_role("row", name="Jade Rowe")
    # Support began 9 weeks ago and nobody has been in touch: contact was due a week ago.
    expect(row).to_contain_text(f"Overdue by {short(began + timedelta(weeks=8))}")
    expect(row).to_contain_text("last never")
    expect(row).to_contain_text(f"19th, by {short(window(born, 19)[1])}")
    check_page(page, "care-leavers")
    row.get_by_role("link", name="Jade Rowe").click()
    expect(page.get_by_role("heading", name="Leaving care")).to_be_visible()
    check_page(page, "leaving-care")

    page.get_by_role("link", name="Record contact").click()
    support.date("Date of the contact", today - timedelta(days=2))
    support.choose("How you were in touch", "Met in person")
    support.fill("How they are, in their words", '"College is good, I like living here"')
    page.get_by_role("button", name="Record the contact").click()
    expect(page.get_by_text("The contact is recorded.")).to_be_visible()

    page.get_by_role("link", name="Record the 19th birthday check").click()
    expect(page.get_by_role("heading", name="Around Jade Rowe's 19th birthday")).to_be_visible()
    check_page(page, "birthday-check")
    support.date("Date of the contact", today - timedelta(days=2))
    support.choose("Are we in touch with the young person?", "In touch")
    support.select("Their main activity", "Full-time education other than higher education")
    support.select("Where they live", "With their former foster carers (staying put)")
    support.choose("Is where they live suitable for them?", "Yes")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("How Jade is doing around their 19th birthday is recorded.")
    ).to_be_visible()

    page.get_by_role("link", name="Record staying put or staying close").click()
    support.choose("Arrangement", "Staying put (with their former foster carers after 18)")
    support.date("Date it began", at_18)
    support.fill("With whom, or where", "Mr and Mrs Byrne")
    page.get_by_role("button", name="Record the arrangement").click()
    expect(page.get_by_text("The arrangement is recorded.")).to_be_visible()

    page.get_by_role("link", name="Write the pathway plan").click()
    support.fill("About me and what I want, in my words", "I want to finish college first.")
    support.fill("Where I live", "With Sue and Dave Byrne, staying put until college ends.")
    support.fill("Education, training and work", "Level 3 in childcare at Westholm College.")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("The pathway plan is saved.")).to_be_visible()
    page.get_by_role("link", name="Back to the case").click()
    page.get_by_test_id("case-leaving-care").get_by_role("link").click()
    letter = page.get_by_role("link", name="Print it as a letter to Jade (PDF)")
    response = page.request.get(letter.get_attribute("href") or "")
    support.loads += 1  # opening the letter is a link clicked and its answer, as a page is
    support.done()
    assert support.loads == 13 and len(support.form_pages) == 4 and support.fields == 20

    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    checks = page.get_by_test_id("birthdays")
    expect(checks).to_contain_text(
        "In touch; full-time education other than higher education; with their former foster "
        f"carers (staying put) (suitable){short(today - timedelta(days=2))}"
    )
    expect(page.get_by_test_id("contacts")).to_contain_text(
        f"{short(today - timedelta(days=2))}, met in person"
    )
    expect(page.get_by_test_id("arrangements")).to_contain_text(
        f"Staying put (with their former foster carers after 18): Mr and Mrs Byrne, from "
        f"{short(at_18)}"
    )
    expect(page.get_by_test_id("pathway-plan")).to_contain_text(f"Pathway plan, {short(today)}")
    assert AdviserContact.objects.get().recorded_by == adviser
    check = BirthdayCheck.objects.get()
    assert (check.age, check.accom_code, check.activity) == (19, "Z1", "F2")
    assert PathwayPlan.objects.get().author == adviser

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Care leavers").click()
    row = page.get_by_test_id("caseload").get_by_role("row", name="Jade Rowe")
    expect(row).to_contain_text(f"last {short(today - timedelta(days=2))}")
    expect(row).to_contain_text(short(add_months(today, 6)))


def test_a_birthday_check_outside_its_window_is_refused_and_what_was_typed_is_kept(
    page: Page, persona
):
    worker, adviser = persona[Role.SOCIAL_WORKER], persona[Role.PERSONAL_ADVISER]
    today = timezone.localdate()
    case, born = care_leaver(worker)
    leaver = leaving_care.start_support(
        case, by=worker, started_on=today - timedelta(weeks=9), adviser=adviser
    )
    first, last = window(born, 19)
    sign_in(page, adviser.username)
    page.goto(f"/leaving-care/{leaver.pk}/birthday/19/")
    too_early = first - timedelta(days=1)

    def type_date(day: date) -> None:
        boxes = page.get_by_role("group", name="Date of the contact")
        for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
            boxes.get_by_label(part).fill(str(value))

    type_date(too_early)
    in_touch = page.get_by_role("group", name="Are we in touch with the young person?")
    in_touch.get_by_label("In touch", exact=True).check()
    page.get_by_label("Their main activity").select_option(label="Full-time apprenticeship")
    page.get_by_label("Where they live", exact=True).select_option(label="Supported lodgings")
    suitable = page.get_by_role("group", name="Is where they live suitable for them?")
    suitable.get_by_label("Yes").check()
    page.get_by_label("Anything else").fill("Settling in well at her lodgings.")
    page.get_by_role("button", name="Save").click()

    when = page.get_by_role("group", name="Date of the contact")
    expect(when).to_contain_text(
        f"The check for their 19th birthday is made between {on(first)} and {on(last)} "
        "(3 months before to 1 month after it)"
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("The check for their 19th")
    expect(when.get_by_label("Day")).to_have_value(str(too_early.day))
    expect(when.get_by_label("Month")).to_have_value(str(too_early.month))
    expect(when.get_by_label("Year")).to_have_value(str(too_early.year))
    expect(in_touch.get_by_label("In touch", exact=True)).to_be_checked()
    expect(page.get_by_label("Their main activity")).to_have_value("F4")
    expect(page.get_by_label("Where they live", exact=True)).to_have_value("E")
    expect(suitable.get_by_label("Yes")).to_be_checked()
    expect(page.get_by_label("Anything else")).to_have_value("Settling in well at her lodgings.")
    check_page(page, "birthday-check-refused")
    assert not BirthdayCheck.objects.exists()

    # The same answers dated inside the window are recorded: the date was the only problem.
    type_date(first)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("around their 19th birthday is recorded.")).to_be_visible()
    check = BirthdayCheck.objects.get()
    assert (check.checked_on, check.accom_code, check.activity) == (first, "E1", "F4")
