"""Django's flush, able to empty the audit log on SQLite too.

The database refuses to change or remove audit rows (audit migrations 0002 and 0003). Emptying
the whole database is the one exception: PostgreSQL's TRUNCATE passes its row triggers, but
SQLite has no TRUNCATE and flush is a DELETE there, so the triggers come off for the flush and
go straight back on. The test suite flushes after every test that commits (the browser tests,
the background returns).
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.commands import flush
from django.db import connections

triggers = importlib.import_module("kith.audit.migrations.0003_append_only_on_sqlite")


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            super().handle(**options)
            return
        with connection.cursor() as cursor:
            for statement in triggers.DROP:
                cursor.execute(statement)
        try:
            super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                for statement in triggers.CREATE:
                    cursor.execute(statement)
