from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kith.accounts.models import SignInThrottle
from kith.accounts.roles import Role
from kith.accounts.tests.attempts import counting_password_checks
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.test import PASSWORD, make_user

SIGN_IN = reverse("accounts:sign_in")


@pytest.fixture
def worker(db):
    return make_user(Role.SOCIAL_WORKER, username="sam.patel")


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password, **extra})


class SignInPageTests:
    def test_it_shows_the_sign_in_form(self, db, client):
        page = client.get(SIGN_IN)
        assert page.status_code == 200
        assert b"Sign in to Kith" in page.content
        assert b'name="csrfmiddlewaretoken"' in page.content

    def test_it_signs_in_and_goes_to_my_work(self, worker, client):
        response = sign_in(client, "sam.patel")
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:home")
        assert client.get(reverse("accounts:home")).context["user"] == worker

    def test_the_sign_in_name_is_not_case_sensitive(self, worker, client):
        assert sign_in(client, "  Sam.Patel ").status_code == 302

    def test_it_records_the_sign_in_in_the_audit_log(self, worker, client):
        sign_in(client, "sam.patel")
        event = AuditEvent.objects.get(verb=Verb.SIGNED_IN)
        assert event.by == worker
        assert event.ip_address == "127.0.0.1"

    def test_a_wrong_password_gets_a_plain_message_and_keeps_the_name(self, worker, client):
        page = sign_in(client, "sam.patel", "not-my-password")
        assert page.status_code == 401
        assert b"The sign-in name or password is not right" in page.content
        assert b'value="sam.patel"' in page.content
        assert b"not-my-password" not in page.content

    def test_a_failed_sign_in_is_audited_with_the_name_typed_not_the_password(self, worker, client):
        sign_in(client, "sam.patel", "not-my-password")
        event = AuditEvent.objects.get(verb=Verb.SIGN_IN_FAILED)
        assert event.by is None
        assert event.detail == {"username": "sam.patel"}
        assert "not-my-password" not in str(event.detail)

    def test_empty_fields_each_get_a_message(self, db, client):
        page = client.post(SIGN_IN, {"username": "", "password": ""})
        assert page.status_code == 400
        assert b"Enter your sign-in name" in page.content
        assert b"Enter your password" in page.content
        assert b"There is a problem" in page.content

    def test_someone_who_has_left_cannot_sign_in(self, worker, client):
        worker.is_active = False
        worker.save()
        assert sign_in(client, "sam.patel").status_code == 401

    def test_it_goes_back_to_the_page_asked_for(self, worker, client):
        response = sign_in(client, "sam.patel", next="/people/?q=jones")
        assert response["Location"] == "/people/?q=jones"

    def test_it_never_sends_someone_to_another_site(self, worker, client):
        response = sign_in(client, "sam.patel", next="https://evil.example/steal")
        assert response["Location"] == reverse("accounts:home")

    def test_a_signed_in_person_opening_sign_in_goes_to_their_work(self, worker, client):
        client.force_login(worker)
        assert client.get(SIGN_IN)["Location"] == reverse("accounts:home")

    def test_a_form_without_its_security_token_gets_a_plain_page(self, worker):
        client = Client(enforce_csrf_checks=True)
        page = sign_in(client, "sam.patel")
        assert page.status_code == 403
        assert b"Your form could not be sent" in page.content
        assert b"what you typed should still be there" in page.content


class ThrottlingTests:
    def attempt(self, client, username="sam.patel", password=PASSWORD, **meta):
        """A sign-in from the address in `meta` (the test client's own is 127.0.0.1)."""
        return client.post(SIGN_IN, {"username": username, "password": password}, **meta)

    def fail(self, client, times, username="sam.patel", **meta):
        for _ in range(times):
            assert self.attempt(client, username, "wrong-password", **meta).status_code == 401

    def test_four_failures_still_let_the_right_password_in(self, worker, client, settings):
        settings.KITH_SIGN_IN_MAX_FAILURES = 5
        self.fail(client, 4)
        assert sign_in(client, "sam.patel").status_code == 302

    def test_five_failures_lock_the_name_even_with_the_right_password(self, worker, client):
        self.fail(client, 5)
        page = sign_in(client, "sam.patel")
        assert page.status_code == 429
        assert b"too many attempts to sign in" in page.content
        assert b"wait 15 minutes" in page.content
        assert AuditEvent.objects.filter(verb=Verb.SIGN_IN_REFUSED).count() == 1
        assert not AuditEvent.objects.filter(verb=Verb.SIGNED_IN).exists()

    def test_a_refused_attempt_is_not_tried(self, worker, client):
        self.fail(client, 5)
        with counting_password_checks() as checks:
            assert sign_in(client, "sam.patel").status_code == 429
        assert checks == []

    def test_a_lock_on_one_name_does_not_lock_another(self, worker, client):
        other = make_user(Role.SOCIAL_WORKER, username="jo.bloggs")
        self.fail(client, 5)
        assert sign_in(Client(), other.username).status_code == 302

    def test_failures_with_many_names_from_one_address_do_not_lock_out_the_office(
        self, worker, client
    ):
        for n in range(30):
            sign_in(client, f"guess{n}", "wrong-password")
        assert sign_in(client, "sam.patel").status_code == 302

    def test_a_lock_at_one_address_only_delays_the_name_at_another_for_seconds(
        self, worker, client
    ):
        self.fail(client, 5, REMOTE_ADDR="203.0.113.9")
        page = self.attempt(Client(), REMOTE_ADDR="192.0.2.10")
        assert page.status_code == 429
        assert b"wait 1 second and try again" in page.content
        SignInThrottle.objects.update(last_failure_at=F("last_failure_at") - timedelta(seconds=1))
        assert self.attempt(Client(), REMOTE_ADDR="192.0.2.10").status_code == 302

    def test_signing_in_gives_back_the_attempts_used(self, worker, client):
        self.fail(client, 4)
        assert sign_in(client, "sam.patel").status_code == 302
        client.post(reverse("accounts:sign_out"))
        self.fail(client, 4)
        assert sign_in(client, "sam.patel").status_code == 302

    def test_the_right_password_before_the_code_step_gives_back_the_attempts(self, worker, client):
        TOTPDevice.objects.create(user=worker, name="app", confirmed=True)
        self.fail(client, 4)
        assert sign_in(client, "sam.patel")["Location"] == reverse("accounts:sign_in_code")
        self.fail(Client(), 4)
        assert sign_in(Client(), "sam.patel").status_code == 302

    def test_each_failure_is_audited_with_the_address_it_came_from(self, worker, client):
        self.fail(client, 5, REMOTE_ADDR="203.0.113.9")
        self.attempt(client, REMOTE_ADDR="203.0.113.9")
        failed = AuditEvent.objects.filter(verb=Verb.SIGN_IN_FAILED)
        assert [e.ip_address for e in failed] == ["203.0.113.9"] * 5
        refused = AuditEvent.objects.get(verb=Verb.SIGN_IN_REFUSED)
        assert (refused.ip_address, refused.detail) == ("203.0.113.9", {"username": "sam.patel"})

    def test_behind_a_trusted_proxy_each_browser_is_counted_at_its_own_address(
        self, worker, client, settings
    ):
        settings.KITH_TRUSTED_PROXIES = ["10.0.0.0/8"]
        guesser = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
        self.fail(client, 5, **guesser)
        # Making up an address of its own does not get the guesser out of the lock …
        spoofed = {**guesser, "HTTP_X_FORWARDED_FOR": "192.0.2.10, 203.0.113.9"}
        assert self.attempt(client, **spoofed).status_code == 429
        # … while the person at the office waits for the name's second, not the lock.
        SignInThrottle.objects.update(last_failure_at=F("last_failure_at") - timedelta(seconds=1))
        office = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "192.0.2.10"}
        assert self.attempt(Client(), **office).status_code == 302
        assert AuditEvent.objects.get(verb=Verb.SIGNED_IN).ip_address == "192.0.2.10"


class SignOutTests:
    def test_opening_sign_out_asks_to_confirm(self, worker, client):
        client.force_login(worker)
        page = client.get(reverse("accounts:sign_out"))
        assert page.status_code == 200
        assert b"Sign out of Kith" in page.content
        assert client.get(reverse("accounts:home")).status_code == 200

    def test_it_signs_out_and_says_so(self, worker, client):
        client.force_login(worker)
        page = client.post(reverse("accounts:sign_out"), follow=True)
        assert b"You have signed out." in page.content
        assert AuditEvent.objects.filter(verb=Verb.SIGNED_OUT, by=worker).count() == 1
        assert client.get(reverse("accounts:home")).status_code == 302


class IdleTimeoutTests:
    def leave_idle(self, client, minutes):
        session = client.session
        session["kith_last_seen"] = (timezone.now() - timedelta(minutes=minutes)).timestamp()
        session.save()

    def test_a_session_idle_just_under_the_limit_carries_on(self, worker, client, settings):
        settings.KITH_IDLE_TIMEOUT_MINUTES = 30
        client.force_login(worker)
        self.leave_idle(client, 29.5)
        assert client.get(reverse("accounts:home")).status_code == 200

    def test_a_session_idle_past_the_limit_is_signed_out_with_a_reason(
        self, worker, client, settings
    ):
        settings.KITH_IDLE_TIMEOUT_MINUTES = 30
        client.force_login(worker)
        self.leave_idle(client, 31)
        response = client.get(reverse("accounts:team"))
        assert response.status_code == 302
        assert response["Location"].startswith(SIGN_IN + "?next=/team/")
        page = client.get(response["Location"])
        assert b"had not used Kith for 30 minutes" in page.content
        assert AuditEvent.objects.filter(verb=Verb.SIGNED_OUT_IDLE, by=worker).count() == 1
        assert not AuditEvent.objects.filter(verb=Verb.SIGNED_OUT).exists()

    def test_an_htmx_request_after_the_limit_is_told_to_go_to_sign_in(
        self, worker, client, settings
    ):
        settings.KITH_IDLE_TIMEOUT_MINUTES = 30
        client.force_login(worker)
        self.leave_idle(client, 45)
        response = client.get("/people/?q=jones", headers={"HX-Request": "true"})
        assert response["HX-Redirect"].startswith(SIGN_IN)
