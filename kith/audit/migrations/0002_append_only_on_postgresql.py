"""On PostgreSQL the database itself refuses to change or remove an audit row, so not even a
raw SQL statement or a future bug can rewrite who looked at a child's record.

(TRUNCATE is not blocked: it needs table-owner rights, which the application's own account
should not have in production, and the test suite uses it to reset the database.)
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION kith_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Audit events cannot be changed or removed (%% on audit_auditevent)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION kith_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS kith_audit_append_only();
"""


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
