"""On SQLite too the database itself refuses to change or remove an audit row (migration 0002
does the same on PostgreSQL), so a raw SQL statement or a future bug cannot rewrite who looked
at a child's record.

Emptying the whole database (Django's flush, which the test suite runs after each test that
commits) is a DELETE on SQLite, which has no TRUNCATE: the audit app's `flush` command lifts
these triggers for it and puts them back, as TRUNCATE passes PostgreSQL's. Django rebuilds a
SQLite table to alter a column, which drops its triggers: a later migration that alters
audit_auditevent runs `create` below again (CREATE TRIGGER IF NOT EXISTS, so it is safe to).
"""

from django.db import migrations

CREATE = [
    """
CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
BEGIN
    SELECT RAISE(ABORT, 'Audit events cannot be changed or removed (UPDATE on audit_auditevent)');
END
""",
    """
CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
BEGIN
    SELECT RAISE(ABORT, 'Audit events cannot be changed or removed (DELETE on audit_auditevent)');
END
""",
]

DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_on_postgresql")]
    operations = [migrations.RunPython(create, drop)]
