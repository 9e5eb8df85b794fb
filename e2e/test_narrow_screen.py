"""At 320 pixels wide (a phone, or a laptop zoomed to 400%: WCAG's reflow width) the header,
the menu and the search take one short band, the search button is on the screen, no page is
wider than the screen, and My work shows each child's overdue count and what is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role
from kith.test import make_case, make_person

WIDTH = 320
# The header, the menu and the search, for a worker (a manager's menu is a line longer).
BAND = {Role.SOCIAL_WORKER: 250, Role.TEAM_MANAGER: 290}


def _fits(page: Page, name: str, role: str) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{name} is {width} pixels wide at {WIDTH}"
    menu = page.locator(".kith-primary-navigation").bounding_box()
    assert menu and menu["y"] + menu["height"] <= BAND[role], f"{name}: the menu ends at {menu}"
    find = page.get_by_role("button", name="Find a person").bounding_box()
    assert find and find["x"] + find["width"] <= WIDTH, f"Find is off the screen on {name}"


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER])
def test_every_page_of_the_day_fits_320_pixels(page: Page, persona, role):
    worker = persona[Role.SOCIAL_WORKER]
    today = timezone.localdate()
    cases = [
        make_case(
            make_person(first_name=f"Child{i}", family_name="Featherstonehaugh-Smythe"),
            worker=worker,
            referral_date=today - timedelta(days=60),
        )
        for i in range(3)
    ]
    page.set_viewport_size({"width": WIDTH, "height": 640})
    sign_in(page, persona[role].username)
    pages = {
        "My work": "/",
        "the case": f"/cases/{cases[0].pk}/",
        "the summary": f"/children/{cases[0].child.pk}/",
        "the chronology": f"/children/{cases[0].child.pk}/chronology/",
        "contacts": "/cases/contacts/",
        "cases": "/cases/",
        "find a person": "/people/?q=Featherstonehaugh",
    }
    if role == Role.TEAM_MANAGER:
        pages |= {"the team": "/accounts/team/", "overdue": "/children/overdue/"}
    for name, url in pages.items():
        page.goto(url)
        _fits(page, name, role)


def test_my_work_shows_what_is_overdue_and_due_for_each_child(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    make_case(
        make_person(first_name="Ellie", family_name="Featherstonehaugh-Smythe"),
        worker=worker,
        referral_date=timezone.localdate() - timedelta(days=90),
    )
    page.set_viewport_size({"width": WIDTH, "height": 640})
    sign_in(page, worker.username)
    children = page.get_by_test_id("my-children")
    for column in ("Overdue", "Due"):
        cell = children.locator(f'td[data-label="{column}"]').first
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (column, box)
    expect(children.locator('td[data-label="Due"]').first).to_contain_text("Overdue")
    check_page(page, "my-work-320")
