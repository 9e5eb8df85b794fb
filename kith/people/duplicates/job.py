"""The duplicate scan as a job: an administrator starts it from the Jobs page and carries on;
the worker scans every current record (docs/decisions/0014) and keeps the list under
MEDIA_ROOT/duplicates/, by person number only. The list is read outside anyone's access to the
records, so it names no one: each pair is opened by its numbers through "Find a person", where
the usual access rules apply. `manage.py find_duplicates` prints the same scan with names, for
the server's console."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

from kith.jobs.kinds import Kind
from kith.jobs.models import Job
from kith.people.duplicates.scan import PossibleDuplicate, scan
from kith.people.models import Person

DUPLICATE_SCAN = "duplicate scan"


def path_of(job: Job) -> Path:
    return Path(settings.MEDIA_ROOT) / "duplicates" / f"{job.pk}.txt"


def run(job: Job) -> str:
    job.tell(0, 1)
    found = list(scan())
    likely = sorted((f for f in found if f.likely), key=lambda f: -f.probability)
    twins = [f for f in found if f.possibly_twins]
    lines = [f"Likely recorded twice ({len(likely):,})"]
    lines += [_line(f, f"{f.probability:.0%} likely") for f in likely]
    lines += ["", f"Possibly twins, not to be merged without checking ({len(twins):,})"]
    lines += [_line(f, "twins?") for f in twins]
    path = path_of(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(partial, path)
    job.tell(1, 1)
    where = path.relative_to(settings.MEDIA_ROOT)
    return (
        f"{len(likely):,} pairs likely recorded twice and {len(twins):,} pairs possibly twins. "
        f"The list, by person number, is {where} in the server's documents folder."
    )


def _line(pair: PossibleDuplicate, sure: str) -> str:
    first, second = (Person(pk=pk).person_number for pk in (pair.first, pair.second))
    return f"{first} ~ {second}  {sure}  [{'; '.join(pair.reasons)}]"


KIND = Kind(DUPLICATE_SCAN, "Looking for people recorded twice", run=run, on_request=True)
