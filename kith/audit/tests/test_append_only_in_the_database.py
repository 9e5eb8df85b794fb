"""The database itself refuses raw SQL that would change or remove an audit row: a trigger on
SQLite (migration 0003) and on PostgreSQL (migration 0002). The same tests run on both; only
emptying the whole database (flush) still empties the log."""

import importlib
import sqlite3

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from kith.audit.log import record
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb


def sqlite_triggers():
    return importlib.import_module("kith.audit.migrations.0003_append_only_on_sqlite")


@pytest.fixture
def events(db):
    return [record(by=None, verb=Verb.SIGN_IN_FAILED, detail={"username": n}) for n in "abc"]


def raw(sql, *params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


class RawSqlTests:
    def test_an_audit_row_cannot_be_rewritten(self, events):
        with pytest.raises(DatabaseError, match="cannot be changed or removed"):
            raw("UPDATE audit_auditevent SET why = 'rewritten' WHERE id = %s", events[1].pk)
        assert AuditEvent.objects.get(pk=events[1].pk).why == ""

    def test_no_audit_row_can_be_rewritten_in_bulk(self, events):
        with pytest.raises(DatabaseError, match="cannot be changed or removed"):
            raw("UPDATE audit_auditevent SET by_id = NULL, verb = 'nothing'")
        assert set(AuditEvent.objects.values_list("verb", flat=True)) == {"sign_in_failed"}

    def test_one_audit_row_cannot_be_removed(self, events):
        with pytest.raises(DatabaseError, match="cannot be changed or removed"):
            raw("DELETE FROM audit_auditevent WHERE id = %s", events[1].pk)
        assert AuditEvent.objects.count() == 3

    def test_the_audit_log_cannot_be_emptied_with_delete(self, events):
        with pytest.raises(DatabaseError, match="cannot be changed or removed"):
            raw("DELETE FROM audit_auditevent")
        assert AuditEvent.objects.count() == 3

    def test_new_rows_are_still_added(self, events):
        raw(
            "INSERT INTO audit_auditevent (at, verb, why, detail) VALUES (%s, %s, '', '{}')",
            events[0].at,
            "sign_in_failed",
        )
        assert AuditEvent.objects.count() == 4


class FakeSchemaEditor:
    def __init__(self, vendor):
        self.connection = type("Connection", (), {"vendor": vendor})()
        self.statements = []

    def execute(self, sql):
        self.statements.append(sql)


class SqliteMigrationTests:
    """Migration 0003's SQL, run on a SQLite database of its own (whatever the test database
    is), forwards and back."""

    @pytest.fixture
    def sqlite(self):
        database = sqlite3.connect(":memory:")
        database.execute("CREATE TABLE audit_auditevent (id INTEGER PRIMARY KEY, why TEXT)")
        database.execute("INSERT INTO audit_auditevent (why) VALUES ('')")
        yield database
        database.close()

    def test_forwards_refuses_update_and_delete_and_backwards_lifts_it(self, sqlite):
        forwards, backwards = FakeSchemaEditor("sqlite"), FakeSchemaEditor("sqlite")
        sqlite_triggers().create(None, forwards)
        sqlite_triggers().drop(None, backwards)
        for sql in forwards.statements:
            sqlite.execute(sql)
        with pytest.raises(sqlite3.IntegrityError, match=r"changed or removed \(UPDATE"):
            sqlite.execute("UPDATE audit_auditevent SET why = 'rewritten'")
        with pytest.raises(sqlite3.IntegrityError, match=r"changed or removed \(DELETE"):
            sqlite.execute("DELETE FROM audit_auditevent")
        for sql in backwards.statements:
            sqlite.execute(sql)
        sqlite.execute("UPDATE audit_auditevent SET why = 'rewritten'")
        sqlite.execute("DELETE FROM audit_auditevent")
        assert sqlite.execute("SELECT count(*) FROM audit_auditevent").fetchone() == (0,)

    def test_it_can_run_again_after_a_table_rebuild(self, sqlite):
        forwards = FakeSchemaEditor("sqlite")
        sqlite_triggers().create(None, forwards)
        for sql in forwards.statements * 2:
            sqlite.execute(sql)

    def test_it_leaves_postgresql_to_migration_0002(self):
        editor = FakeSchemaEditor("postgresql")
        sqlite_triggers().create(None, editor)
        sqlite_triggers().drop(None, editor)
        assert editor.statements == []


@pytest.mark.django_db(transaction=True)
def test_emptying_the_whole_database_empties_the_log_and_the_guard_stays():
    """Django's flush (the test suite's, after each test that commits) empties the log too, as
    TRUNCATE does on PostgreSQL; on SQLite the audit app's flush command lifts the triggers for
    it and puts them back."""
    record(by=None, verb=Verb.SIGN_IN_FAILED)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    record(by=None, verb=Verb.SIGN_IN_FAILED)
    with pytest.raises(DatabaseError, match="cannot be changed or removed"):
        raw("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == 1
