"""Sign in as each role, see the home page, sign out: in a real Chromium."""

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role
from kith.test import current_code

CASEWORK = ["My work", "Find a person", "Cases", "Contacts"]
MENUS = {
    Role.SOCIAL_WORKER: CASEWORK,
    Role.TEAM_MANAGER: [*CASEWORK, "To authorise", "Conferences", "Team"],
    Role.PARTNER: ["My work"],
    Role.ADMINISTRATOR: [*CASEWORK, "Timescales", "Jobs", "Admin"],
}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_signs_in_sees_their_home_and_signs_out(page: Page, persona, role):
    user = persona[role]
    sign_in(page, user.username)
    if role == Role.ADMINISTRATOR:
        set_up_two_step(page, user)

    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    expect(page.get_by_test_id("signed-in-user")).to_contain_text(user.get_full_name())
    expect(page.get_by_test_id("signed-in-user")).to_contain_text(user.team.name)
    if role in MENUS:
        links = page.get_by_role("navigation", name="Main").get_by_role("link")
        expect(links).to_have_text(MENUS[role])
    check_page(page, f"home-{role.value}")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.goto("/home/")
    expect(page.get_by_role("heading", name="Sign in to Kith")).to_be_visible()


def test_the_sign_in_page_and_its_errors_are_accessible(page: Page, persona):
    page.goto("/sign-in/")
    expect(page.get_by_role("heading", name="Sign in to Kith")).to_be_visible()
    check_page(page, "sign-in")

    sign_in(page, persona[Role.SOCIAL_WORKER].username, "wrong-password")
    expect(page.get_by_role("alert")).to_contain_text("The sign-in name or password is not right")
    expect(page.get_by_label("Sign-in name")).to_have_value(persona[Role.SOCIAL_WORKER].username)
    expect(page).to_have_title("Error: Sign in – Kith – Westholm and Caerwen Council")
    check_page(page, "sign-in-error")


def test_the_password_can_be_shown_while_typing(page: Page, persona):
    page.goto("/sign-in/")
    page.get_by_label("Password", exact=True).fill("secret words")
    page.get_by_role("button", name="Show password").click()
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("type", "text")


def test_where_you_are_signed_in(page: Page, persona):
    sign_in(page, persona[Role.SOCIAL_WORKER].username)
    page.get_by_role("link", name="Where you are signed in").click()
    expect(page.get_by_role("heading", name="Where you are signed in")).to_be_visible()
    expect(page.get_by_text("This session")).to_be_visible()
    check_page(page, "sessions")


def set_up_two_step(page: Page, user) -> None:
    """Administrators must set up two-step sign-in before anything else."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    expect(
        page.get_by_role("img", name="QR code to scan with your authenticator app")
    ).to_be_visible()
    check_page(page, "two-step-set-up")
    device = TOTPDevice.objects.get(user=user)
    page.get_by_label("Code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Turn on two-step sign-in").click()


def test_signing_in_with_a_code_after_the_password(page: Page, persona):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    worker = persona[Role.SOCIAL_WORKER]
    device = TOTPDevice.objects.create(user=worker, name="app", confirmed=True)
    sign_in(page, worker.username)
    expect(
        page.get_by_role("heading", name="Enter the code from your authenticator app")
    ).to_be_visible()
    check_page(page, "sign-in-code")
    page.get_by_label("Code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
