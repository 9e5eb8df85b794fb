"""The whole-authority duplicate scan at scale: precision, recall and time, twins kept apart.

Builds an authority (default 280,000 children, about 500,000 people), then plants second records
of 2% of its people made by the corruption generator (bench/corruption.py): half from the easy
set (one error), half from the hard set (two or three), a copy keeping the home's postcode
seven times in ten, as a record made at the front door would; and a twin for 0.2% (same family
name, birthday and home, another first name). The scan must find the planted copies (and the
demo's own planted duplicates) and list no twin as a likely duplicate.

    bin/with-postgres .venv/bin/python bench/duplicates.py
    .venv/bin/python bench/duplicates.py --children 20000            # SQLite, quicker
    .venv/bin/python bench/duplicates.py --children 20000 --export /tmp/people.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from _authority import build_authority, set_up_django
from corruption import Copy, Record, easy_set, hard_set, twins

COPIED_SHARE = 0.02
TWIN_SHARE = 0.002
POSTCODE_KEPT = 0.7


def records(rng: random.Random, share: float) -> tuple[list[Record], dict[int, int]]:
    """A sample of people with a name and a date of birth, as Records; and where each lives."""
    from kith.people.models import Person, Residence

    homes = dict(
        Residence.objects.filter(end_date__isnull=True).values_list("person_id", "address_id")
    )
    postcodes = dict(
        Residence.objects.filter(end_date__isnull=True).values_list(
            "person_id", "address__postcode"
        )
    )
    people = [
        Record(pk, first, family, born, sex, postcodes.get(pk, ""))
        for pk, first, family, born, sex in Person.objects.current()
        .filter(date_of_birth__isnull=False)
        .exclude(first_name="")
        .order_by("pk")
        .values_list("pk", "first_name", "family_name", "date_of_birth", "sex")
    ]
    return rng.sample(people, round(len(people) * share)), homes


def plant(rng: random.Random, copies: list[Copy], homes: dict[int, int]) -> dict[int, Copy]:
    """Each copy saved as a record of its own (at the same home, if it kept the postcode);
    returns the copies by their new record's number."""
    from kith.people.actions import name_keys
    from kith.people.models import NameKey, Person, Residence
    from kith.people.vocabulary import learn

    made = Person.objects.bulk_create(
        [
            Person(
                first_name=c.record.first,
                family_name=c.record.family,
                date_of_birth=c.record.born,
                sex=c.record.sex,
            )
            for c in copies
        ],
        batch_size=2000,
    )
    Residence.objects.bulk_create(
        [
            Residence(person=person, address_id=homes[c.of])
            for person, c in zip(made, copies, strict=True)
            if c.of in homes and (c.errors == ("twin",) or rng.random() < POSTCODE_KEPT)
        ],
        batch_size=2000,
    )
    keys = [k for person in made for k in name_keys(person, [])]
    NameKey.objects.bulk_create(keys, batch_size=5000)
    learn(k.name for k in keys)
    return {person.pk: c for person, c in zip(made, copies, strict=True)}


@dataclass
class Truth:
    """The pairs that are one person, by the set they came from; twins, who are two."""

    by_set: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    twins: set[tuple[int, int]] = field(default_factory=set)
    kinds: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)

    @property
    def pairs(self) -> set[tuple[int, int]]:
        return set().union(*self.by_set.values())

    def one_person(self) -> set[tuple[int, int]]:
        """Every pair within a person's records: a copy of a record the demo had already
        recorded twice is one person with both."""
        parent: dict[int, int] = {}

        def root(x: int) -> int:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for a, b in self.pairs:
            parent[root(a)] = root(b)
        groups: dict[int, list[int]] = {}
        for x in {x for pair in self.pairs for x in pair}:
            groups.setdefault(root(x), []).append(x)
        return {tuple(sorted(p)) for g in groups.values() for p in combinations(g, 2)}  # type: ignore[misc]


def plant_copies(rng: random.Random, demo_pairs: list[tuple[int, int]]) -> Truth:
    sample, homes = records(rng, COPIED_SHARE + TWIN_SHARE)
    rng.shuffle(sample)
    n_twins = round(len(sample) * TWIN_SHARE / (COPIED_SHARE + TWIN_SHARE))
    half = (len(sample) - n_twins) // 2
    family_names = sorted({r.family for r in sample})
    first_names = sorted({r.first for r in sample})
    sets = {
        "easy": easy_set(rng, sample[n_twins : n_twins + half], family_names),
        "hard": hard_set(rng, sample[n_twins + half :], family_names),
        "twins": twins(rng, sample[:n_twins], first_names),
    }
    truth = Truth(by_set={"demo": {_pair(*p) for p in demo_pairs}})
    for name, copies in sets.items():
        planted = plant(rng, copies, homes)
        pairs = {_pair(pk, c.of): c.errors for pk, c in planted.items()}
        if name == "twins":
            truth.twins = set(pairs)
        else:
            truth.by_set[name] = set(pairs)
            truth.kinds.update(pairs)
    return truth


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def scan_in_a_process_of_its_own(out: Path) -> tuple[float, float]:
    """Run the scan in a fresh process, so its own peak memory is measured; returns seconds
    and megabytes."""
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--scan-to", str(out)], check=True)
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def scan_to(path: Path) -> None:
    set_up_django()
    from kith.people.duplicates.scan import scan

    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        for found in scan():
            writer.writerow([found.first, found.second, int(found.possibly_twins)])


def export(path: Path, truth: Truth) -> None:
    """The records as the scan sees them, and the true pairs, for trying another linker on the
    same data (docs/decisions/0014)."""
    from kith.people.duplicates.scan import current_people

    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["unique_id", "first_name", "surname", "dob", "sex", "postcode", "nhs"])
        for p in current_people():
            writer.writerow([p.pk, p.first, p.family, p.born or "", p.sex, p.postcode, p.nhs])
    with path.with_suffix(".truth.csv").open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id_l", "id_r", "kind", "set"])
        for name, pairs in truth.by_set.items():
            writer.writerows([(*pair, "duplicate", name) for pair in sorted(pairs)])
        writer.writerows([(*pair, "twins", "twins") for pair in sorted(truth.twins)])


def main() -> None:
    parser = argparse.ArgumentParser(description="The duplicate scan at scale.")
    parser.add_argument("--children", type=int, default=280_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--export", type=Path, help="Also write the records and true pairs.")
    parser.add_argument("--scan-to", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.scan_to:
        scan_to(args.scan_to)
        return

    set_up_django()
    from django.db import connection

    from kith.people.models import Person

    demo, build_seconds = build_authority(args.children, args.seed)
    truth = plant_copies(random.Random(args.seed), demo.built["planted_duplicates"])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"database: {connection.vendor}; {Person.objects.count():,} people "
        f"({demo.counts['children']:,} children) built in {build_seconds:.0f} s; true duplicate "
        + ", ".join(f"{len(p):,} {name}" for name, p in truth.by_set.items())
        + f"; {len(truth.twins):,} twins"
    )
    if args.export:
        export(args.export, truth)
    connection.close()  # the scan runs in a process of its own

    with tempfile.TemporaryDirectory() as workdir:
        out = Path(workdir) / "found.csv"
        seconds, megabytes = scan_in_a_process_of_its_own(out)
        with out.open() as found:
            rows = [(int(a), int(b), twin == "1") for a, b, twin in csv.reader(found)]
    report(truth, rows, seconds, megabytes)


def report(
    truth: Truth, rows: list[tuple[int, int, bool]], seconds: float, megabytes: float
) -> None:
    likely = {(a, b) for a, b, twin in rows if not twin}
    listed_twins = {(a, b) for a, b, twin in rows if twin}
    wanted, one_person = truth.pairs, truth.one_person()
    print(
        f"scan: {seconds:.1f} s, peak memory {megabytes:.0f} MB; {len(likely):,} likely pairs, "
        f"precision {len(likely & one_person) / max(len(likely), 1):.3f}, "
        f"recall {len(likely & wanted) / max(len(wanted), 1):.3f} ("
        + ", ".join(
            f"{name} {len(likely & p) / max(len(p), 1):.3f}" for name, p in truth.by_set.items()
        )
        + ")"
    )
    print(
        f"twins: {len(truth.twins & listed_twins):,} of {len(truth.twins):,} listed as possibly "
        f"twins, {len(truth.twins & likely):,} as likely duplicates"
    )
    tried: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for pair, errors in truth.kinds.items():
        for kind in errors:
            tried[kind] += 1
            found[kind] += pair in likely
    print("recall by kind of error in the copy (a copy with several errors counts under each):")
    for kind, n in tried.most_common():
        print(f"  {kind:<30} {found[kind] / n:.3f} of {n:,}")


if __name__ == "__main__":
    main()
