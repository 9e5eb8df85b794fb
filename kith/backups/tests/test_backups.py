"""A backup taken of the demo authority while a worker saves notes, restored into an empty
database: every row and every audit event in the backup comes back, exactly as it was at the
moment the backup was taken; a database that is not empty, a damaged backup and a backup of the
other kind of database are refused in words. Runs on the database the tests run on: SQLite, or
PostgreSQL (pg_dump and pg_restore) in CI's PostgreSQL run."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from kith.web.tests.live import wait_for

ROOT = Path(__file__).resolve().parents[3]
SAVER = Path(__file__).with_name("saver.py")
AUDIT = "audit_auditevent"
WRITTEN = ("recording_casenote", "recording_recordversion", AUDIT)


class Database:
    """A new, empty database of the kind the tests run on, and how to read it directly."""

    def __init__(self, tmp_path: Path, name: str):
        db = settings.DATABASES["default"]
        self.postgres = db["ENGINE"].endswith("postgresql")
        if self.postgres:
            self.name = f"kith_{name}_{uuid.uuid4().hex[:8]}"
            self.server = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"]}
            if db.get("PASSWORD"):
                self.server["password"] = db["PASSWORD"]
            with psycopg.connect(dbname="postgres", autocommit=True, **self.server) as c:
                c.execute(f'CREATE DATABASE "{self.name}"')
            password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
            self.url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{self.name}"
        else:
            self.path = tmp_path / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"
        self.media = tmp_path / f"{name}-media"

    def rows(self, table: str) -> dict[object, tuple]:
        query = f'SELECT * FROM "{table}"'
        if self.postgres:
            with psycopg.connect(dbname=self.name, **self.server) as c:
                found = c.execute(query).fetchall()
        else:
            with sqlite3.connect(self.path) as c:
                found = c.execute(query).fetchall()
        return {row[0]: tuple(row) for row in found}

    def rows_in_any_table(self) -> int:
        """How many tables the database holds (a PostgreSQL one: none, when nothing was
        restored into it)."""
        with psycopg.connect(dbname=self.name, **self.server) as c:
            return c.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            ).fetchone()[0]

    def drop(self) -> None:
        if self.postgres:
            with psycopg.connect(dbname="postgres", autocommit=True, **self.server) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def databases(tmp_path):
    made = [Database(tmp_path, "source"), Database(tmp_path, "restored")]
    yield made
    for db in made:
        db.drop()


def manage(db: Database, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(db),
        capture_output=True,
        text=True,
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def environment(db: Database) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("KITH_", "DJANGO_"))}
    return {
        **keep,
        "DATABASE_URL": db.url,
        "KITH_SECRET_KEY": "kith-tests-only-not-a-real-secret",
        "KITH_MEDIA_ROOT": str(db.media),
    }


def test_a_backup_taken_while_notes_are_saved_restores_every_row(databases, tmp_path):
    source, restored = databases
    manage(source, "migrate", "--noinput", "-v0")
    manage(source, "seed_demo", "--children", "40")
    (source.media / "documents").mkdir(parents=True)
    (source.media / "documents" / "letter.pdf").write_bytes(b"%PDF-1.4 a letter\n")
    saver = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            SAVER.read_text(),
        ],
        cwd=ROOT,
        env={**environment(source), "SAVER_FOLDER": str(tmp_path)},
        stderr=subprocess.PIPE,
        text=True,
    )
    saved = tmp_path / "saved"
    try:
        wait_for(lambda: saved.exists() or saver.poll() is not None)
        assert saved.exists(), saver.communicate()[1]
        manage(source, "backup", "--output", str(tmp_path / "kith.backup"))
        before = int(saved.read_text())
        wait_for(lambda: int(saved.read_text()) >= before + 3)  # saving carried on after it
    finally:
        (tmp_path / "stop").touch()
        _, errors = saver.communicate(timeout=60)
    assert saver.returncode == 0, errors

    with tarfile.open(tmp_path / "kith.backup") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["database"] == ("postgresql" if source.postgres else "sqlite")
    assert "jobs.0001_initial" in manifest["migrations"]
    assert (
        manifest["counts"]["people_person"] > 40
        and "media/documents/letter.pdf" in (manifest["checksums"])
    )
    told = manage(restored, "restore", str(tmp_path / "kith.backup")).stdout
    assert "every table counted and matching the manifest" in told

    for table, count in manifest["counts"].items():
        got = len(restored.rows(table))
        if table == AUDIT:
            assert got == count + 1  # and the restore itself, recorded after it
        else:
            assert got == count, table
    # What was saved is exactly as it was, and nothing saved before the backup is missing:
    # the rows of each kind come back without a gap, up to the last one in the backup.
    for table in WRITTEN:
        now, back = source.rows(table), restored.rows(table)
        if table == AUDIT:
            assert "backup_restored" in back.pop(max(back))  # the restore, recorded after it
        assert back and all(now[pk] == row for pk, row in back.items()), table
        assert set(back) == {pk for pk in now if pk <= max(back)}, table
    assert len(source.rows("recording_casenote")) > manifest["counts"]["recording_casenote"]
    assert (restored.media / "documents" / "letter.pdf").read_bytes() == b"%PDF-1.4 a letter\n"

    again = manage(restored, "restore", str(tmp_path / "kith.backup"), check=False)
    assert again.returncode == 1
    assert "is not empty" in again.stderr and "never overwrites anything" in again.stderr


def test_a_damaged_backup_is_refused_before_anything_is_touched(databases, tmp_path):
    source, restored = databases
    manage(source, "migrate", "--noinput", "-v0")
    backup = tmp_path / "kith.backup"
    manage(source, "backup", "--output", str(backup))
    assert (tmp_path / "kith.backup.sha256").read_text().endswith("  kith.backup\n")
    again = manage(source, "backup", "--output", str(backup), check=False)
    assert again.returncode == 1 and "already exists" in again.stderr

    damaged = bytearray(backup.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    backup.write_bytes(bytes(damaged))
    refused = manage(restored, "restore", str(backup), check=False)
    assert refused.returncode == 1 and "damaged" in refused.stderr
    if restored.postgres:
        assert restored.rows_in_any_table() == 0
    else:
        assert not restored.path.exists() or restored.path.stat().st_size == 0

    (tmp_path / "not-a-backup").write_text("hello")
    refused = manage(restored, "restore", str(tmp_path / "not-a-backup"), check=False)
    assert refused.returncode == 1 and "not a Kith backup" in refused.stderr


def altered(backup: Path, into: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the backup with its manifest and parts changed by `change(manifest, parts)`,
    and no checksum file beside it (as if only the backup itself had been copied)."""
    with tarfile.open(backup) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        parts = {
            m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.name != "manifest.json"
        }
    change(manifest, parts)
    with tarfile.open(into, "w:gz") as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()), *parts.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return into


def test_a_backup_altered_inside_is_refused_in_words(databases, tmp_path):
    source, restored = databases
    manage(source, "migrate", "--noinput", "-v0")
    backup = tmp_path / "kith.backup"
    manage(source, "backup", "--output", str(backup))
    dump = "database.pgdump" if source.postgres else "database.sqlite3"

    def flip(manifest, parts):  # type: ignore[no-untyped-def]
        data = bytearray(parts[dump])
        data[len(data) // 2] ^= 0xFF
        parts[dump] = bytes(data)

    def other_kind(manifest, parts):  # type: ignore[no-untyped-def]
        manifest["database"] = "sqlite" if source.postgres else "postgresql"

    def outside(manifest, parts):  # type: ignore[no-untyped-def]
        name = "media/" + "../" * 2 + "outside.txt"  # out of the documents folder
        manifest["checksums"][name] = hashlib.sha256(b"x").hexdigest()
        parts[name] = b"x"

    for change, said in [
        (flip, f"The backup is damaged: {dump} does not match its checksum"),
        (other_kind, "Restore it into the same kind of database"),
        (outside, "The backup names a file outside the documents folder"),
    ]:
        copy = altered(backup, tmp_path / f"{change.__name__}.backup", change)
        refused = manage(restored, "restore", str(copy), check=False)
        assert refused.returncode == 1 and said in refused.stderr, refused.stderr
        assert not (tmp_path / "outside.txt").exists()
    if not restored.postgres:
        assert not restored.path.exists() or restored.path.stat().st_size == 0
    else:
        assert restored.rows_in_any_table() == 0
