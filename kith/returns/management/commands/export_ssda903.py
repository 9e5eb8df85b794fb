"""python manage.py export_ssda903 --year 2026 --output FOLDER"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kith.returns.census import CollectionYear
from kith.returns.ssda903 import NOT_HELD, Missing
from kith.returns.ssda903_files import NotWritten, file_name, write_ssda903

SHOWN = 200  # lines of what the record lacks, at most


class Command(BaseCommand):
    help = (
        "Write the SSDA903 return (children looked after) for a collection year (1 April to 31 "
        "March, named by the year it ends) as the DfE's CSV files, one a table, into a folder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", type=int, required=True, help="The year the collection ends, e.g. 2026."
        )
        parser.add_argument(
            "--output",
            required=True,
            help="The folder for the files: new, empty, or holding an earlier SSDA903 return.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 2000 <= options["year"] <= 2100:
            raise CommandError("--year must be the year the collection ends, like 2026.")
        year = CollectionYear(options["year"])
        folder = Path(options["output"])
        started = time.perf_counter()
        missing: list[Missing] = []
        try:
            counts = write_ssda903(year, folder, missing=missing)
        except NotWritten as problem:
            raise CommandError(str(problem)) from problem
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Wrote the SSDA903 return {year.label} ({counts['header']:,} "
            f"{'child' if counts['header'] == 1 else 'children'}) to {folder} in {seconds:.1f} s:"
        )
        width = max(len(file_name(t)) for t in counts)
        for table, n in counts.items():
            rows = "row" if n == 1 else "rows"
            self.stdout.write(f"  {file_name(table):<{width}}  {n:>9,} {rows}")
        if NOT_HELD:
            self.stdout.write("Not written, as Kith does not hold what they need:")
            for table, why in NOT_HELD.items():
                self.stdout.write(f"  {file_name(table):<{width}}  {why}")
        self.missing(missing)

    def missing(self, missing: list[Missing]) -> None:
        """What the record lacks for the return, child by child: blank in the files (and
        flagged by the community validator) until it is recorded."""
        if not missing:
            return
        children = len({m.child for m in missing})
        self.stdout.write(
            f"What the record lacks for {children} {'child' if children == 1 else 'children'} "
            "(blank in the files until it is recorded):"
        )
        for m in missing[:SHOWN]:
            self.stdout.write(f"  {m.child} {file_name(m.table)}: {m.what}")
        if len(missing) > SHOWN:
            self.stdout.write(f"  and {len(missing) - SHOWN:,} more")
