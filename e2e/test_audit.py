"""The audit pages in a real browser: a manager sees who has looked at a child's record."""

from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role
from kith.test import make_person


def test_a_manager_sees_who_has_looked_at_a_record(page: Page, persona):
    ellie = make_person()
    sign_in(page, persona[Role.SOCIAL_WORKER].username)
    page.goto(f"/people/{ellie.pk}/")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, persona[Role.TEAM_MANAGER].username)
    page.goto(f"/people/{ellie.pk}/")
    page.get_by_role("link", name="Who has looked at this record").click()
    heading = page.get_by_role("heading", name="Who has looked at Ellie Jones's record")
    expect(heading).to_be_visible()
    worker = persona[Role.SOCIAL_WORKER].get_full_name()
    expect(page.get_by_role("link", name=worker)).to_be_visible()
    check_page(page, "audit-person")
