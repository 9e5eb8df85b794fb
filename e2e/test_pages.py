"""The foundation's other pages in a real browser: find a person (as you type), a person,
the team page, and the pages for mistakes (not found, not allowed)."""

from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role
from kith.test import make_home, make_person


def test_find_a_person_as_you_type_and_open_them(page: Page, persona):
    ellie = make_person(first_name="Ellie", family_name="Jones")
    make_home(ellie)
    make_person(first_name="Mo", family_name="Khan")
    sign_in(page, persona[Role.SOCIAL_WORKER].username)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Find a person").click()
    page.get_by_label("Name, date of birth, NHS number or UPN").press_sequentially("jon")
    expect(page.get_by_role("link", name="Ellie JONES")).to_be_visible()
    expect(page.get_by_text("Mo KHAN")).to_have_count(0)
    check_page(page, "find-a-person")

    page.get_by_role("link", name="Ellie JONES").click()
    expect(page.get_by_role("heading", name="Ellie JONES")).to_be_visible()
    expect(page.get_by_text("12 Mill Road")).to_be_visible()
    check_page(page, "person")


def test_the_header_search_box_finds_a_person(page: Page, persona):
    make_person(first_name="Ellie", family_name="Jones")
    sign_in(page, persona[Role.FRONT_DOOR].username)
    page.get_by_role("searchbox", name="Find a person").fill("Ellie 14/03/2015")
    page.get_by_role("button", name="Find a person").click()
    expect(page.get_by_role("link", name="Ellie JONES")).to_be_visible()


def test_the_team_page(page: Page, persona):
    sign_in(page, persona[Role.TEAM_MANAGER].username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", name="Safeguarding Team 1", level=1)).to_be_visible()
    expect(
        page.get_by_role("cell", name=persona[Role.SOCIAL_WORKER].get_full_name())
    ).to_be_visible()
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
