"""python manage.py import_ssda903 DIR [DIR …] [--skip-rejected] [--by USER] [--year YEAR]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kith.returns.importers import importing_user
from kith.returns.ssda903_import import Outcome, import_folder


class Command(BaseCommand):
    help = (
        "Import earlier SSDA903 returns (a folder of the DfE's CSV files each) to start "
        "children's history in care: people (matched, never duplicated), periods of care, "
        "legal statuses, placements, reviews, missing episodes, earlier orders, decisions to "
        "place for adoption, adoptions, care leavers and their birthday checks. Reports every "
        "child rejected and why; nothing is half-imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folders", nargs="+", help="Folders of SSDA903 CSV files")
        parser.add_argument(
            "--skip-rejected",
            action="store_true",
            help="Import the children that pass, even if others in the return are rejected.",
        )
        parser.add_argument(
            "--by", default="", help="Sign-in name of the data officer importing (default: one)."
        )
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="The year each return's collection ends, e.g. 2026 (default: the year of the "
            "latest date in it). The care leavers' rows are about the birthday in that year.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        by = importing_user(options["by"])
        refused = 0
        for name in options["folders"]:
            folder = Path(name)
            if not folder.is_dir():
                raise CommandError(f"There is no folder {name}.")
            outcome = import_folder(
                folder, by=by, skip_rejected=options["skip_rejected"], year=options["year"]
            )
            self.report(outcome)
            refused += bool(outcome.refused)
        if refused:
            raise CommandError(
                f"{refused} return{'s were' if refused > 1 else ' was'} not imported."
            )

    def report(self, outcome: Outcome) -> None:
        write = self.stdout.write
        write(f"{outcome.folder}:")
        for child_id, problems in outcome.rejected:
            write(f"  rejected {child_id}:")
            for problem in problems:
                write(f"    - {problem}")
        if outcome.refused:
            write(f"  {outcome.refused}")
            return
        write(
            f"  imported {outcome.imported} child{'ren' if outcome.imported != 1 else ''} "
            f"({outcome.matched} already in Kith), {outcome.periods} period"
            f"{'s' if outcome.periods != 1 else ''} of care"
        )
        if outcome.year is not None:
            write(f"  collection year {outcome.year - 1} to {outcome.year}")
        write(
            f"  {outcome.decisions} new decision{'s' if outcome.decisions != 1 else ''} to place "
            f"for adoption, {outcome.adoptions} adoption{'s' if outcome.adoptions != 1 else ''}, "
            f"{outcome.leavers} care leaver{'s' if outcome.leavers != 1 else ''} with "
            f"{outcome.checks} new birthday check{'s' if outcome.checks != 1 else ''}"
        )
        if outcome.not_imported:
            write(
                "  not imported (a year's outcomes and social workers, which Kith records "
                f"itself): {', '.join(outcome.not_imported)}"
            )
