"""Settings come from the environment, strictly, with secure defaults when debug is off.
Each case starts a fresh Python so the settings module is read with that environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHOW = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({k: str(getattr(settings, k, None)) for k in %r}))"
)
KEYS = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "ALLOWED_HOSTS",
    "KITH_IDLE_TIMEOUT_MINUTES",
    "SESSION_COOKIE_AGE",
    "X_FRAME_OPTIONS",
]


def settings_with(**env):
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith("KITH_") and k != "DATABASE_URL"
    }
    environ.update({"DJANGO_SETTINGS_MODULE": "kith.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", SHOW % ([*KEYS, "DATABASES"],)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def read(**env):
    done = settings_with(**env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_debug_off_by_default_with_secure_cookies_and_hsts():
    s = read(KITH_SECRET_KEY="x" * 50)
    assert s["DEBUG"] == "False"
    assert s["SESSION_COOKIE_SECURE"] == "True"
    assert s["CSRF_COOKIE_SECURE"] == "True"
    assert s["SECURE_HSTS_SECONDS"] == "31536000"
    assert s["X_FRAME_OPTIONS"] == "DENY"
    assert s["ALLOWED_HOSTS"] == "[]"


def test_debug_must_be_strictly_true_or_false():
    done = settings_with(KITH_SECRET_KEY="x" * 50, KITH_DEBUG="yes please")
    assert done.returncode != 0
    assert "KITH_DEBUG must be true or false" in done.stderr


def test_the_idle_time_out_is_configurable():
    s = read(KITH_SECRET_KEY="x" * 50, KITH_IDLE_TIMEOUT_MINUTES="15")
    assert s["KITH_IDLE_TIMEOUT_MINUTES"] == "15"


def test_allowed_hosts_come_from_a_comma_separated_list():
    s = read(KITH_SECRET_KEY="x" * 50, KITH_ALLOWED_HOSTS="kith.example.gov.uk, localhost")
    assert s["ALLOWED_HOSTS"] == "['kith.example.gov.uk', 'localhost']"


def test_no_database_url_means_sqlite_in_wal_mode_with_a_busy_timeout():
    s = read(KITH_SECRET_KEY="x" * 50)
    assert "sqlite3" in s["DATABASES"]
    assert "journal_mode=WAL" in s["DATABASES"]
    assert "'timeout': 20" in s["DATABASES"]


def test_a_postgres_url_means_postgresql():
    s = read(KITH_SECRET_KEY="x" * 50, DATABASE_URL="postgres://kith:pw@db.example:5432/kith")
    assert "postgresql" in s["DATABASES"]
    assert "db.example" in s["DATABASES"]


@pytest.mark.parametrize("missing", ["", " "])
def test_without_a_secret_key_kith_will_not_start(tmp_path, missing):
    done = settings_with(KITH_SECRET_KEY=missing, KITH_SECRET_KEY_FILE=str(tmp_path / "none"))
    assert done.returncode != 0
    assert "KITH_SECRET_KEY is not set" in done.stderr
