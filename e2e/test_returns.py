"""A data officer makes the census in a real browser: the file is made (as a job; the tests run
jobs at once, and kith/jobs/tests run the real worker), it downloads, and the data quality page
links each problem to its record."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role
from kith.recording.models import Assessment, Status
from kith.test import make_case, make_person


def test_a_data_officer_makes_the_census_and_fixes_what_it_finds(page: Page, persona, settings):
    worker = persona[Role.SOCIAL_WORKER]
    child = make_person(
        first_name="Mia",
        family_name="Owen",
        date_of_birth=date(2015, 6, 1),
        sex="F",
        disabilities=[],
        upn_unknown="UN3",
    )
    case = make_case(child, worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    Assessment.objects.create(
        case=case, author=worker, status=Status.DRAFT, started_on=date(2025, 4, 30)
    )
    sign_in(page, persona[Role.DATA_OFFICER].username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Returns").click()
    expect(page.get_by_role("heading", name="Returns")).to_be_visible()
    check_page(page, "returns")
    page.get_by_label("1 April 2025 to 31 March 2026").check()
    page.get_by_role("button", name="Make the census file").click()
    expect(page.get_by_text("The file is ready")).to_be_visible(timeout=15000)
    check_page(page, "census-run")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CIN_Census_938_2026.xml").click()
    assert download.value.suggested_filename == "CIN_Census_938_2026.xml"
    page.goto("/returns/data-quality/?year=2026")
    expect(page.get_by_test_id("quality-summary")).to_contain_text("2 errors")
    check_page(page, "data-quality")
    page.get_by_role("link", name="Open the record for Mia Owen: record disability").click()
    expect(page.get_by_test_id("census-problems")).to_contain_text(
        "Whether the child has a disability is not recorded"
    )
