"""Fast inserts for the demo generator's big tables.

Django's bulk_create builds SQL for every batch and every value, which dominates at 50,000
children; these rows need no primary keys back, so they go straight to the database: COPY on
PostgreSQL, executemany on SQLite. Values must already be what the column stores.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    table = model._meta.db_table
    names = [str(model._meta.get_field(c).column) for c in columns]  # type: ignore[union-attr]
    json_columns = {
        i for i, c in enumerate(columns) if isinstance(model._meta.get_field(c), models.JSONField)
    }
    rows = [[json.dumps(v) if i in json_columns else v for i, v in enumerate(row)] for row in rows]
    if not rows:
        return 0
    quoted = ", ".join(connection.ops.quote_name(n) for n in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(names))
            # Table and column names come from the model, never from input.
            sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)
    return len(rows)
