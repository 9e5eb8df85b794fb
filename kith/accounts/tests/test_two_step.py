import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.test import PASSWORD, current_code, make_user

SIGN_IN = reverse("accounts:sign_in")
CODE = reverse("accounts:sign_in_code")
SET_UP = reverse("accounts:two_step_set_up")
HOME = reverse("accounts:home")


def password(client, user):
    return client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})


@pytest.fixture
def worker_with_app(db):
    worker = make_user(Role.SOCIAL_WORKER)
    device = TOTPDevice.objects.create(user=worker, name="app", confirmed=True)
    return worker, device


class CodeStepTests:
    def test_the_password_alone_does_not_sign_in_when_two_step_is_on(self, worker_with_app, client):
        worker, _ = worker_with_app
        assert password(client, worker)["Location"] == CODE
        assert client.get(HOME).status_code == 302
        assert not AuditEvent.objects.filter(verb=Verb.SIGNED_IN).exists()

    def test_the_right_code_signs_in(self, worker_with_app, client):
        worker, device = worker_with_app
        password(client, worker)
        response = client.post(CODE, {"code": current_code(device)})
        assert response["Location"] == HOME
        assert client.get(HOME).status_code == 200
        assert AuditEvent.objects.filter(verb=Verb.SIGNED_IN, by=worker).exists()

    def test_a_wrong_code_is_refused_audited_and_explained(self, worker_with_app, client):
        worker, device = worker_with_app
        password(client, worker)
        wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
        page = client.post(CODE, {"code": wrong})
        assert page.status_code == 400
        assert b"The code is not right" in page.content
        assert client.get(HOME).status_code == 302
        event = AuditEvent.objects.get(verb=Verb.SIGN_IN_FAILED)
        assert event.detail == {"username": worker.username, "step": "code"}

    def test_the_code_page_without_a_password_first_goes_back_to_sign_in(self, db, client):
        assert client.get(CODE)["Location"] == SIGN_IN

    def test_a_blank_code_gets_a_message(self, worker_with_app, client):
        worker, _ = worker_with_app
        password(client, worker)
        assert b"Enter the 6-digit code" in client.post(CODE, {"code": ""}).content


class SetUpTests:
    def test_an_administrator_without_two_step_is_sent_to_set_it_up(self, db):
        admin = make_user(Role.ADMINISTRATOR)
        client = Client()
        password(client, admin)
        assert client.get(HOME)["Location"] == SET_UP
        assert client.get("/admin/")["Location"] == SET_UP
        page = client.get(SET_UP)
        assert b"Administrators must sign in with a code" in page.content
        assert b'role="img"' in page.content

    def test_setting_it_up_needs_a_right_code_then_lets_them_in(self, db):
        admin = make_user(Role.ADMINISTRATOR)
        client = Client()
        password(client, admin)
        client.get(SET_UP)
        device = TOTPDevice.objects.get(user=admin)
        assert (
            b"The code is not right"
            in client.post(
                SET_UP, {"code": "000000" if current_code(device) != "000000" else "111111"}
            ).content
        )
        # django-otp slows down guessing after a wrong code; a minute later it lets them in.
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
        assert client.post(SET_UP, {"code": current_code(device)})["Location"] == HOME
        assert TOTPDevice.objects.get(user=admin).confirmed
        assert client.get(HOME).status_code == 200
        assert AuditEvent.objects.filter(verb=Verb.TWO_STEP_SET_UP, by=admin).exists()

    def test_other_staff_may_set_it_up_but_need_not(self, persona):
        client = Client()
        client.force_login(persona[Role.SOCIAL_WORKER])
        assert client.get(HOME).status_code == 200
        assert client.get(SET_UP).status_code == 200

    def test_partners_do_not_set_it_up_here(self, persona):
        client = Client()
        client.force_login(persona[Role.PARTNER])
        assert client.get(SET_UP).status_code == 403

    def test_an_administrator_can_still_sign_out_before_setting_it_up(self, db):
        admin = make_user(Role.ADMINISTRATOR)
        client = Client()
        password(client, admin)
        assert client.post(reverse("accounts:sign_out"))["Location"] == SIGN_IN
