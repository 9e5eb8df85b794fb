"""python manage.py find_duplicates [--threshold 0.2] [--limit 200]"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kith.people.duplicates.scan import LIKELY, PossibleDuplicate, scan
from kith.people.models import Person


class Command(BaseCommand):
    help = (
        "List people who are likely recorded twice, most likely first, and after them pairs "
        "who are possibly twins, for a data officer. Learns the weights from the records first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--threshold",
            type=float,
            default=LIKELY,
            help="How sure the weights must be that two records are one person (0 to 1).",
        )
        parser.add_argument("--limit", type=int, default=200, help="How many pairs to list.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        found = list(scan(threshold=options["threshold"]))
        seconds = time.perf_counter() - started
        likely = sorted((f for f in found if f.likely), key=lambda f: -f.probability)
        twins = [f for f in found if f.possibly_twins]
        self._list("Likely recorded twice", likely[: options["limit"]])
        self._list("Possibly twins: not to be merged without checking", twins[: options["limit"]])
        self.stdout.write(
            f"{len(likely):,} likely duplicate pairs and {len(twins):,} pairs possibly twins "
            f"among {Person.objects.current().count():,} people, found in {seconds:.1f} s."
        )

    def _list(self, heading: str, pairs: list[PossibleDuplicate]) -> None:
        if not pairs:
            return
        self.stdout.write(heading)
        people = Person.objects.in_bulk({p for pair in pairs for p in (pair.first, pair.second)})
        for pair in pairs:
            sure = "twins?" if pair.possibly_twins else f"{pair.probability:.0%} likely"
            self.stdout.write(
                f"{sure:>12}  {_shown(people[pair.first])}  ~  {_shown(people[pair.second])}"
                f"  [{'; '.join(pair.reasons)}]"
            )


def _shown(person: Person) -> str:
    """A restricted record is listed by its number only: this list is read outside Kith."""
    if person.restricted:
        return f"{person.person_number} (a restricted record)"
    born = f"born {person.date_of_birth:%-d %b %Y}" if person.date_of_birth else "no date of birth"
    return f"{person.person_number} {person.full_name} ({born})"
