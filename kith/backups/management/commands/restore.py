"""python manage.py restore FILE"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.backups.archive import restore
from kith.backups.engines import BackupFailed


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the empty database (and documents "
        "folder) Kith is set up with. Every part's checksum is checked first; a database that "
        "is not empty is refused; every table is counted again against the manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", help="The backup file.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore(Path(options["backup"]))
        except BackupFailed as failure:
            raise CommandError(str(failure)) from failure
        record(
            by=None,
            verb=Verb.BACKUP_RESTORED,
            detail={"file": Path(options["backup"]).name, "taken_at": manifest.taken_at},
        )
        self.stdout.write(
            f"Restored {manifest.rows:,} rows in {len(manifest.counts)} tables, every table "
            f"counted and matching the manifest (backup taken {manifest.taken_at}, "
            f"Kith {manifest.kith_version}). Run `manage.py migrate` if this Kith is newer."
        )
