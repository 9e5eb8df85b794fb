"""python manage.py find_duplicates [--threshold 0.8] [--limit 200]"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kith.people.duplicates import LIKELY, likely_duplicates
from kith.people.models import Person


class Command(BaseCommand):
    help = "List people who are likely recorded twice, best matches first, for a data officer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--threshold", type=float, default=LIKELY)
        parser.add_argument("--limit", type=int, default=200, help="How many pairs to list.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        pairs = sorted(likely_duplicates(options["threshold"]), key=lambda p: -p.score)
        seconds = time.perf_counter() - started
        shown = pairs[: options["limit"]]
        people = Person.objects.in_bulk({p for pair in shown for p in (pair.first, pair.second)})
        for pair in shown:
            a, b = people[pair.first], people[pair.second]
            self.stdout.write(
                f"{pair.score:.2f}  {a.person_number} {a.full_name} ({a.date_of_birth})"
                f"  ~  {b.person_number} {b.full_name} ({b.date_of_birth})"
                f"  [{'; '.join(pair.reasons)}]"
            )
        self.stdout.write(
            f"{len(pairs):,} likely duplicate pairs among {Person.objects.current().count():,} "
            f"people, found in {seconds:.1f} s."
        )
