import json
import os
import subprocess
import sys
from pathlib import Path

from kith.lib.database import SQLITE_OPTIONS, database_from

ROOT = Path(__file__).resolve().parents[3]


def test_no_url_means_the_sqlite_file_with_wal_a_busy_timeout_and_immediate_transactions():
    database = database_from("", "/srv/kith/kith.sqlite3")
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == "/srv/kith/kith.sqlite3"
    assert database["OPTIONS"] == SQLITE_OPTIONS
    assert SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    assert SQLITE_OPTIONS["timeout"] == 20
    assert "journal_mode=WAL" in SQLITE_OPTIONS["init_command"]


def test_a_sqlite_url_gets_the_same_options():
    database = database_from("sqlite:////srv/kith/other.sqlite3", "/unused")
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == "/srv/kith/other.sqlite3"
    assert database["OPTIONS"] == SQLITE_OPTIONS


def test_options_written_in_a_sqlite_url_win():
    database = database_from("sqlite:////srv/kith/other.sqlite3?timeout=60", "/unused")
    assert database["OPTIONS"] == {**SQLITE_OPTIONS, "timeout": 60}


def test_a_postgres_url_gets_none_of_sqlite_s_options():
    database = database_from("postgres://kith:pw@db.example:5432/kith", "/unused")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"], database["CONN_MAX_AGE"]) == (
        "db.example",
        "kith",
        60,
    )
    assert "OPTIONS" not in database


def test_the_settings_give_a_sqlite_database_url_the_options(tmp_path):
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith("KITH_") and k != "DATABASE_URL"
    }
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "kith.settings",
            "KITH_SECRET_KEY": "x" * 50,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'kith.sqlite3'}",
        }
    )
    show = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.DATABASES['default']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", show], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    database = json.loads(done.stdout)
    assert database["NAME"] == str(tmp_path / "kith.sqlite3")
    assert database["OPTIONS"] == SQLITE_OPTIONS
