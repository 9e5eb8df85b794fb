"""No form loses typed words: not when its author is signed out for being idle, not when the
session has gone, not with the same form open in a second tab, not when the connection drops.
Each in a real browser, with the words checked after."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role
from kith.protection.models import ProtectionPlan
from kith.recording.models import CaseNote
from kith.test import make_case, make_person

KEPT = "Draft kept at"


def _idle(page: Page) -> None:
    """As if the person had left the laptop for longer than the idle limit."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for cookie in page.context.cookies():
        if cookie["name"] == settings.SESSION_COOKIE_NAME:
            session = store(session_key=cookie["value"])
            session["kith_last_seen"] = (timezone.now() - timedelta(hours=2)).timestamp()
            session.save()


def test_signed_out_for_being_idle_a_contact_s_words_come_back(page: Page, persona):
    front_door = persona[Role.FRONT_DOOR]
    sign_in(page, front_door.username)
    page.goto("/cases/contacts/new/")
    page.get_by_label("Name of the person who contacted us").fill("PC Holt")
    page.get_by_label("What they are worried about").fill("Shouting heard at 2am.")
    expect(page.get_by_text(KEPT)).to_be_visible(timeout=10000)
    # More words, then the laptop is left; pressing Save finds the person signed out.
    page.get_by_label("What they are worried about").fill(
        "Shouting heard at 2am. A child crying for an hour."
    )
    _idle(page)
    page.get_by_role("button", name="Save the contact").click()
    expect(page.get_by_text("You were signed out")).to_be_visible()
    page.get_by_label("Sign-in name").fill(front_door.username)
    page.get_by_label("Password", exact=True).fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Record a contact")).to_be_visible()
    expect(page.get_by_label("What they are worried about")).to_have_value(
        "Shouting heard at 2am. A child crying for an hour."
    )
    expect(page.get_by_label("Name of the person who contacted us")).to_have_value("PC Holt")
    check_page(page, "words-put-back")


def test_a_session_that_has_gone_says_so_and_keeps_the_words(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(first_name="Ellie"), worker=worker)
    plan = ProtectionPlan.objects.create(
        case=case,
        started_on=timezone.localdate() - timedelta(days=10),
        initial_category="NEG",
        latest_category="NEG",
    )
    sign_in(page, worker.username)
    page.goto(f"/protection/plans/{plan.pk}/core-groups/new/")
    Session.objects.all().delete()  # the server forgot every session (a restart, an expiry)
    page.get_by_label("Progress on each action").fill("Father has started the programme.")
    expect(page.get_by_text("you have been signed out")).to_be_visible(timeout=10000)
    page.get_by_role("button", name="Save the meeting").click()
    page.get_by_label("Sign-in name").fill(worker.username)
    page.get_by_label("Password", exact=True).fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("Progress on each action")).to_have_value(
        "Father has started the programme."
    )
    expect(page.get_by_test_id("words-put-back")).to_be_visible()


def test_the_same_form_in_a_second_tab_is_told_and_keeps_its_words(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(first_name="Ellie"), worker=worker)
    note = CaseNote.objects.create(case=case, author=worker, text="")
    sign_in(page, worker.username)
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(f"/cases/records/note/{note.pk}/edit/")
    page.get_by_label("Note", exact=True).fill("Typed in the first tab.")
    expect(page.get_by_text(KEPT)).to_be_visible(timeout=10000)
    other.get_by_label("Note", exact=True).fill("Typed in the second tab.")
    expect(other.get_by_text("someone else has saved this record")).to_be_visible(timeout=10000)
    other.get_by_role("button", name="Save as draft").click()
    # The second tab's words are not lost: both versions side by side, nothing overwritten.
    expect(other.get_by_test_id("their-version")).to_contain_text("Typed in the first tab.")
    expect(other.get_by_label("Note", exact=True)).to_have_value("Typed in the second tab.")
    other.close()


def test_a_lost_connection_keeps_the_words_and_sends_them_when_it_is_back(page: Page, persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(first_name="Ellie"), worker=worker)
    sign_in(page, worker.username)
    page.goto(f"/cases/{case.pk}/new/note/")
    page.context.set_offline(True)
    page.get_by_label("Note", exact=True).fill("Rang the school from the car park.")
    expect(page.get_by_text("there is no connection")).to_be_visible(timeout=10000)
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_text(KEPT)).to_be_visible(timeout=10000)
    saved = CaseNote.objects.get(case=case)
    assert saved.draft["text"] == ["Rang the school from the car park."]
    # And if the connection drops as Save is pressed, the words are there when it is back.
    page.get_by_label("Note", exact=True).fill("Rang the school. The head will call back.")
    page.context.set_offline(True)
    page.get_by_role("button", name="Save the case note").click()
    page.context.set_offline(False)
    page.goto(f"/cases/records/note/{saved.pk}/edit/")
    expect(page.get_by_label("Note", exact=True)).to_have_value(
        "Rang the school. The head will call back."
    )
