"""python manage.py export_cin_census --year 2026 --output FILE.xml"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kith.returns.census import CollectionYear
from kith.returns.exports import write_cin_census


class Command(BaseCommand):
    help = (
        "Write the children in need census for a collection year (1 April to 31 March, named "
        "by the year it ends) as the XML file the DfE collects."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", type=int, required=True, help="The year the collection ends, e.g. 2026."
        )
        parser.add_argument("--output", required=True, help="Where to write the file.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 2000 <= options["year"] <= 2100:
            raise CommandError("--year must be the year the collection ends, like 2026.")
        year = CollectionYear(options["year"])
        started = time.perf_counter()
        with open(options["output"], "w", encoding="utf-8") as out:
            written = write_cin_census(year, out)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Wrote the children in need census {year.label} "
            f"({written:,} {'child' if written == 1 else 'children'}) to "
            f"{options['output']} in {seconds:.1f} s."
        )
