"""The foundation's pages in a real browser: the team page, and the pages for mistakes (not
found, not allowed)."""

from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role


def test_the_team_page(page: Page, persona):
    sign_in(page, persona[Role.TEAM_MANAGER].username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", name="Safeguarding Team 1", level=1)).to_be_visible()
    worker = persona[Role.SOCIAL_WORKER].get_full_name()
    expect(
        page.get_by_test_id("caseloads").get_by_role("cell", name=worker, exact=True)
    ).to_be_visible()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    check_page(page, "team")


def test_a_page_that_does_not_exist(page: Page, persona):
    sign_in(page, persona[Role.SOCIAL_WORKER].username)
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    check_page(page, "not-found")


def test_a_page_the_role_may_not_open(page: Page, persona):
    sign_in(page, persona[Role.SOCIAL_WORKER].username)
    response = page.goto("/team/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="You cannot open this page")).to_be_visible()
    check_page(page, "forbidden")
