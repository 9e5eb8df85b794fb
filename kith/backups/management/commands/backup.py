"""python manage.py backup --output FILE"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.backups.archive import back_up
from kith.backups.engines import BackupFailed


class Command(BaseCommand):
    help = (
        "Back up Kith: the whole database as of one moment (while people carry on working), "
        "the uploaded documents, and a manifest with Kith's version, the migrations, the rows "
        "in every table and a checksum of every part. Its checksum is written to FILE.sha256."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="The backup file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        try:
            manifest = back_up(output)
        except BackupFailed as failure:
            raise CommandError(str(failure)) from failure
        record(
            by=None,
            verb=Verb.BACKUP_TAKEN,
            detail={"file": output.name, "rows": manifest.rows, "taken_at": manifest.taken_at},
        )
        self.stdout.write(
            f"Backed up {manifest.rows:,} rows in {len(manifest.counts)} tables and "
            f"{sum(n.startswith('media/') for n in manifest.checksums)} documents to {output} "
            f"(Kith {manifest.kith_version}, {manifest.database})."
        )
