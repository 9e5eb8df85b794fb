"""What backing up and restoring means for each database Kith runs on.

PostgreSQL: pg_dump's custom format, taken from a snapshot exported by a transaction that
counts every table in the same snapshot, so the counts in the manifest are the dump's own even
while people save; restored by pg_restore in one transaction. SQLite: the online backup API,
which copies a consistent database while it is in use; the counts are read from the copy."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

Counts = dict[str, int]


class BackupFailed(Exception):
    """Said to the person running the command, in words."""


def vendor() -> str:
    return connection.vendor  # "postgresql" or "sqlite"


# --- SQLite -------------------------------------------------------------------------------


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def _count(table: str) -> str:
    # The names come from the database's own catalogue, never from anyone's typing.
    return f'SELECT COUNT(*) FROM "{table}"'  # noqa: S608


def _sqlite_counts(db: sqlite3.Connection) -> Counts:
    return {t: db.execute(_count(t)).fetchone()[0] for t in _sqlite_tables(db)}


def _sqlite_migrations(db: sqlite3.Connection) -> list[str]:
    rows = db.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in rows]


def sqlite_dump(into: Path) -> tuple[Counts, list[str]]:
    connection.ensure_connection()
    source = connection.connection  # the open database, in use by others meanwhile
    copy = sqlite3.connect(into)
    try:
        source.backup(copy)  # all pages in one step: one consistent moment
        return _sqlite_counts(copy), _sqlite_migrations(copy)
    finally:
        copy.close()


def sqlite_target() -> Path:
    return Path(settings.DATABASES["default"]["NAME"])


def sqlite_tables_in_target() -> list[str]:
    path = sqlite_target()
    if not path.exists() or path.stat().st_size == 0:
        return []
    db = sqlite3.connect(path)
    try:
        return _sqlite_tables(db)
    finally:
        db.close()


def sqlite_restore(dump: Path) -> Counts:
    connection.close()
    source = sqlite3.connect(dump)
    target = sqlite3.connect(sqlite_target())
    try:
        source.backup(target)
        return _sqlite_counts(target)
    finally:
        source.close()
        target.close()


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    """pg_dump or pg_restore: from KITH_PG_BIN if set (to match the server's version), else
    the one on the PATH."""
    folder = os.environ.get("KITH_PG_BIN", "")
    found = str(Path(folder) / name) if folder else shutil.which(name)
    if not found or not Path(found).exists():
        raise BackupFailed(
            f"{name} is not installed here (apt-get install postgresql-client), or set "
            "KITH_PG_BIN to the folder it is in."
        )
    return found


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    db: dict[str, Any] = settings.DATABASES["default"]
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


@contextmanager
def _pg_snapshot() -> Iterator[tuple[str, Counts, list[str]]]:
    """A transaction that holds one moment of the database open: its snapshot's name (for
    pg_dump --snapshot), and every table's count and the migrations as of that moment."""
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _pg_counts(cursor, _pg_tables(cursor))
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
            yield snapshot, counts, migrations
        finally:
            cursor.execute("ROLLBACK")


def _run_pg(tool: str, *options: str) -> subprocess.CompletedProcess[str]:
    """pg_dump or pg_restore on Kith's database, with its settings."""
    args, env = _pg_environment()
    return subprocess.run(  # noqa: S603 (PostgreSQL's own tool, Kith's settings)
        [_pg_tool(tool), *args, "--no-owner", "--no-privileges", *options],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def pg_dump(into: Path) -> tuple[Counts, list[str]]:
    with _pg_snapshot() as (snapshot, counts, migrations):
        done = _run_pg("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={into}")
    if done.returncode != 0:
        raise BackupFailed(f"pg_dump failed: {done.stderr.strip()}")
    return counts, migrations


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = "
        "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    return [name for (name,) in cursor.fetchall()]


def _pg_counts(cursor: Any, tables: list[str]) -> Counts:
    counts = {}
    for table in tables:
        cursor.execute(_count(table))
        counts[table] = cursor.fetchone()[0]
    return counts


def pg_tables_in_target() -> list[str]:
    with connection.cursor() as cursor:
        return _pg_tables(cursor)


def pg_restore(dump: Path) -> Counts:
    connection.close()
    done = _run_pg("pg_restore", "--exit-on-error", "--single-transaction", str(dump))
    if done.returncode != 0:
        raise BackupFailed(f"pg_restore failed, and nothing was restored: {done.stderr.strip()}")
    with connection.cursor() as cursor:
        return _pg_counts(cursor, pg_tables_in_target())


# --- Either -------------------------------------------------------------------------------

DUMP_NAME = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def dump(into: Path) -> tuple[Counts, list[str]]:
    return sqlite_dump(into) if vendor() == "sqlite" else pg_dump(into)


def tables_in_target() -> list[str]:
    return sqlite_tables_in_target() if vendor() == "sqlite" else pg_tables_in_target()


def restore(from_dump: Path) -> Counts:
    return sqlite_restore(from_dump) if vendor() == "sqlite" else pg_restore(from_dump)
