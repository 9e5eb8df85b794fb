"""Opening a child's record outside one's own work, in a real browser: find them, say why,
read the record; the manager of the worker holding the case sees it."""

from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role
from kith.test import make_case, make_person, make_user


def test_an_out_of_hours_worker_opens_a_child_with_a_reason(page: Page, persona):
    case = make_case(
        make_person(first_name="Ellie", family_name="Jones"), worker=persona[Role.SOCIAL_WORKER]
    )
    duty = make_user(first_name="Dee", last_name="Duty")
    sign_in(page, duty.username)
    page.get_by_role("searchbox", name="Find a person").fill("Ellie Jones")
    page.get_by_role("button", name="Find a person").click()
    page.get_by_role("link", name="Ellie Jones").click()
    expect(page.get_by_role("heading", name="Say why you need to open this record")).to_be_visible()
    page.get_by_role("button", name="Open the record").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why you need to open this record")
    check_page(page, "reason")
    page.get_by_label("Why do you need to open this record?").fill(
        "Police called out of hours about a fight at Ellie's home"
    )
    page.get_by_role("button", name="Open the record").click()
    expect(page.get_by_role("heading", name="Ellie Jones")).to_be_visible()
    page.get_by_role("link", name=f"Case {case.reference}").click()
    expect(page.get_by_test_id("case-status")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, persona[Role.TEAM_MANAGER].username)
    opened = page.get_by_test_id("opened-with-reason")
    expect(opened).to_contain_text("Dee Duty")
    expect(opened).to_contain_text("Police called out of hours")
    check_page(page, "home-manager-opened-with-reason")
