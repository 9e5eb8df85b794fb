"""python manage.py export_csc_feed --output FILE.json [--all]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kith.returns import sender
from kith.returns.feeding import make_feed


class Command(BaseCommand):
    help = (
        "Make the DfE children's social care data feed: every child whose record changed since "
        "the last feed (or every child, with --all), checked against the DfE's schema, written "
        "to a file and, when KITH_CSC_FEED_URL is set, sent to the DfE."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="Where to write the JSON.")
        parser.add_argument(
            "--all", action="store_true", help="Every child, not only those changed."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        def held_back(child_id: str, wrong: list[str]) -> None:
            self.stderr.write(
                f"Held back {child_id}, whose record does not meet the DfE's schema: "
                f"{'; '.join(wrong[:3])}"
            )

        try:
            made = make_feed(Path(options["output"]), everyone=options["all"], held_back=held_back)
        except sender.SendFailed as failure:
            raise CommandError(str(failure)) from failure
        where = "sent to the DfE and written" if made.sent else "written (not sent)"
        self.stdout.write(
            f"The data feed: {made.children:,} child{'' if made.children == 1 else 'ren'} "
            f"({made.purged:,} withdrawn) {where} to {options['output']}."
        )
