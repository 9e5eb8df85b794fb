"""The database settings, from DATABASE_URL or the embedded SQLite file."""

from __future__ import annotations

from typing import Any

import dj_database_url

SQLITE = "django.db.backends.sqlite3"

# Every SQLite database Kith opens, however it was named: WAL mode so pages can be read while a
# record is being saved; a busy timeout so two people saving at once wait instead of failing;
# IMMEDIATE transactions so a transaction that will write takes the write lock when it starts
# (a read-then-write one cannot fail half-way, and sign-in attempts are counted one at a time).
SQLITE_OPTIONS: dict[str, Any] = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}


def database_from(url: str, sqlite_path: str) -> dict[str, Any]:
    """The `default` database: DATABASE_URL when set (PostgreSQL, or SQLite elsewhere), the SQLite
    file at `sqlite_path` when not. SQLite gets SQLITE_OPTIONS either way; options written in the
    URL win."""
    if url:
        # A connection kept between requests is checked before each one, so a database that
        # restarted is reconnected to on the next page, with no restart of Kith.
        database: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
    else:
        database = {"ENGINE": SQLITE, "NAME": sqlite_path}
    if database["ENGINE"] == SQLITE:
        database["OPTIONS"] = {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}
    return database
