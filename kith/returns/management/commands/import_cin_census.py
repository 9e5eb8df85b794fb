"""python manage.py import_cin_census FILE.xml [FILE.xml …] [--skip-rejected] [--by USER]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kith.returns.cin_import import Outcome, import_file
from kith.returns.importers import importing_user


class Command(BaseCommand):
    help = (
        "Import earlier children in need census returns to start a child's history in Kith: "
        "people (matched, never duplicated), cases, assessments, plans, enquiries, "
        "conferences and closures. Reports every child rejected and why."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="CIN census XML files")
        parser.add_argument(
            "--skip-rejected",
            action="store_true",
            help="Import the children that pass, even if others in the file are rejected.",
        )
        parser.add_argument(
            "--by", default="", help="Sign-in name of the data officer importing (default: one)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        by = importing_user(options["by"])
        refused = 0
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"There is no file {name}.")
            outcome = import_file(
                path.read_bytes(), by=by, name=path.name, skip_rejected=options["skip_rejected"]
            )
            self.report(outcome)
            refused += bool(outcome.refused)
        if refused:
            raise CommandError(f"{refused} file{'s were' if refused > 1 else ' was'} not imported.")

    def report(self, outcome: Outcome) -> None:
        write = self.stdout.write
        write(f"{outcome.name}:")
        for child_id, problems in outcome.rejected:
            write(f"  rejected {child_id}:")
            for problem in problems:
                write(f"    - {problem}")
        if outcome.refused:
            write(f"  {outcome.refused}")
            return
        write(
            f"  imported {outcome.imported} child{'ren' if outcome.imported != 1 else ''} "
            f"({outcome.matched} already in Kith), {outcome.episodes} case"
            f"{'s' if outcome.episodes != 1 else ''}"
            + (f"; {outcome.skipped_episodes} already in Kith" if outcome.skipped_episodes else "")
        )
