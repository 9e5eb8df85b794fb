"""Thirty wrong passwords sent at the same moment for one name from one address: only the
allowance (KITH_SIGN_IN_MAX_FAILURES) is tried, the rest are refused without a password check."""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kith.accounts.roles import Role
from kith.accounts.tests.attempts import at_once, counting_password_checks, sign_in_at_once
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.test import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[3]
AT_ONCE = 30
ALLOWANCE = 5


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_only_the_allowance_is_tried(settings):
    settings.KITH_SIGN_IN_MAX_FAILURES = ALLOWANCE
    make_user(Role.SOCIAL_WORKER, username="sam.patel")
    with counting_password_checks() as checks:
        statuses = sign_in_at_once("sam.patel", AT_ONCE)
    assert len(checks) == ALLOWANCE
    assert statuses == [401] * ALLOWANCE + [429] * (AT_ONCE - ALLOWANCE)
    assert AuditEvent.objects.filter(verb=Verb.SIGN_IN_FAILED).count() == ALLOWANCE
    assert AuditEvent.objects.filter(verb=Verb.SIGN_IN_REFUSED).count() == AT_ONCE - ALLOWANCE


@pytest.mark.parametrize("named_by", ["KITH_SQLITE_PATH", "DATABASE_URL"])
def test_on_a_sqlite_file_only_the_allowance_is_tried(tmp_path, named_by):
    """SQLite lets one writer in at a time; IMMEDIATE transactions make each attempt's count
    wait its turn rather than fail, however the file is named (kith/lib/database.py)."""
    path = tmp_path / "kith.sqlite3"
    environ = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "KITH_SQLITE_PATH"}}
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "kith.settings",
            "KITH_SIGN_IN_MAX_FAILURES": str(ALLOWANCE),
            named_by: str(path) if named_by == "KITH_SQLITE_PATH" else f"sqlite:///{path}",
        }
    )
    done = subprocess.run(
        [sys.executable, "-m", "kith.accounts.tests.sqlite_race", "sam.patel", str(AT_ONCE)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["options"]["transaction_mode"] == "IMMEDIATE"
    assert result["checks"] == ALLOWANCE
    assert result["statuses"] == [401] * ALLOWANCE + [429] * (AT_ONCE - ALLOWANCE)
    assert (result["failed"], result["refused"]) == (ALLOWANCE, AT_ONCE - ALLOWANCE)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_wrong_codes_sent_at_once_are_checked_one_at_a_time():
    """The code step shares the risk: django-otp checks its wait, then the code, then counts the
    failure. With the device locked while a code is checked, only the first of thirty wrong
    codes sent together is compared; the rest meet django-otp's one-second wait. The clock is
    held still so a slow machine cannot let a second one through."""
    worker = make_user(Role.SOCIAL_WORKER, username="sam.patel")
    device = TOTPDevice.objects.create(user=worker, name="app", confirmed=True)
    clients = [Client() for _ in range(AT_ONCE)]
    for client in clients:
        client.post(reverse("accounts:sign_in"), {"username": "sam.patel", "password": PASSWORD})
    right = {
        f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"
        for drift in (-1, 0, 1)
    }
    wrong = next(code for code in ("000000", "111111", "222222", "333333") if code not in right)
    compared = []
    real_verify = TOTP.verify

    def verify(self, *args, **kwargs):
        compared.append(1)
        return real_verify(self, *args, **kwargs)

    held = timezone.now()
    with (
        mock.patch.object(TOTP, "verify", verify),
        mock.patch("django_otp.models.timezone", mock.Mock(now=lambda: held)),
    ):
        statuses = at_once(clients, reverse("accounts:sign_in_code"), {"code": wrong})
    assert statuses == [400] * AT_ONCE
    assert len(compared) == 1
    assert TOTPDevice.objects.get(pk=device.pk).throttling_failure_count == 1
    failed = AuditEvent.objects.filter(verb=Verb.SIGN_IN_FAILED, detail__step="code")
    assert failed.count() == 1
