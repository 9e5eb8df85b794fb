from django.test import Client
from django.urls import reverse

from kith.accounts.models import SignedInSession
from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.test import PASSWORD, make_user

SESSIONS = reverse("accounts:sessions")


def signed_in(user, browser="Firefox on a laptop"):
    client = Client(HTTP_USER_AGENT=browser)
    client.post(reverse("accounts:sign_in"), {"username": user.username, "password": PASSWORD})
    return client


def test_each_sign_in_is_listed_with_where_it_came_from(db):
    worker = make_user(Role.SOCIAL_WORKER)
    laptop = signed_in(worker)
    signed_in(worker, "Safari on a phone")
    html = laptop.get(SESSIONS).content.decode()
    assert "Firefox on a laptop" in html
    assert "Safari on a phone" in html
    assert "This session" in html
    assert "Sign out of all other sessions" in html


def test_other_sessions_are_ended_and_this_one_kept(db):
    worker = make_user(Role.SOCIAL_WORKER)
    laptop = signed_in(worker)
    phone = signed_in(worker, "Safari on a phone")
    laptop.post(SESSIONS)
    assert phone.get(reverse("accounts:home")).status_code == 302
    assert laptop.get(reverse("accounts:home")).status_code == 200
    assert SignedInSession.objects.filter(ended_at__isnull=True).count() == 1
    assert AuditEvent.objects.get(verb=Verb.SESSIONS_ENDED).detail == {"ended": 1}


def test_someone_else_s_sessions_are_never_listed_or_ended(db):
    worker = make_user(Role.SOCIAL_WORKER)
    colleague = make_user(Role.SOCIAL_WORKER)
    mine = signed_in(worker)
    theirs = signed_in(colleague, "Edge at the office")
    assert "Edge at the office" not in mine.get(SESSIONS).content.decode()
    mine.post(SESSIONS)
    assert theirs.get(reverse("accounts:home")).status_code == 200


def test_signing_out_ends_the_session_in_the_list(db):
    worker = make_user(Role.SOCIAL_WORKER)
    laptop = signed_in(worker)
    laptop.post(reverse("accounts:sign_out"))
    assert SignedInSession.objects.get().ended_at is not None


def test_alone_there_is_nothing_to_end(db):
    worker = make_user(Role.SOCIAL_WORKER)
    html = signed_in(worker).get(SESSIONS).content.decode()
    assert "You are not signed in anywhere else." in html
