"""python manage.py load_postcode_locations FILE.csv

Loads where postcodes are on the national grid from the ONS Postcode Directory (ONSPD, Open
Government Licence; the CSV's `pcds` or `pcd`, `oseast1m` and `osnrth1m` columns), so Kith can
say how far a child's placement is from home. Loading again replaces what was there."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kith.people.postcodes import PostcodeLocation, normalise_postcode

BATCH = 5000


class Command(BaseCommand):
    help = "Load postcode grid references from the ONS Postcode Directory (CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        loaded = skipped = 0
        batch: list[PostcodeLocation] = []
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = csv.DictReader(f)
            names = set(rows.fieldnames or [])
            column = "pcds" if "pcds" in names else "pcd"
            if not {column, "oseast1m", "osnrth1m"} <= names:
                raise CommandError(
                    "This is not the ONS Postcode Directory: it needs the columns pcds (or "
                    "pcd), oseast1m and osnrth1m."
                )
            for row in rows:
                postcode = normalise_postcode(row[column] or "")
                try:
                    east, north = float(row["oseast1m"]), float(row["osnrth1m"])
                except ValueError:  # no grid reference (a postcode with no location)
                    skipped += 1
                    continue
                if postcode is None:
                    skipped += 1
                    continue
                batch.append(PostcodeLocation(postcode=postcode, easting=east, northing=north))
                if len(batch) >= BATCH:
                    loaded += _save(batch)
                    batch = []
        loaded += _save(batch)
        self.stdout.write(f"Loaded {loaded} postcodes ({skipped} without a location skipped).")


def _save(batch: list[PostcodeLocation]) -> int:
    PostcodeLocation.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["easting", "northing"],
    )
    return len(batch)
