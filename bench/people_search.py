"""Finding a person at the scale of a large authority: latency and recall of "Find a person",
and precision and recall of whole-database duplicate detection.

Builds an authority (default 280,000 children, about 500,000 people) into a fresh database,
then searches for real people in it the way a busy front door types them: with one typo, first
and family names swapped, a nickname, a former family name, or day and month of birth swapped.
A query counts as found when the person it was made from is in the top 5.

    bin/with-postgres .venv/bin/python bench/people_search.py
    .venv/bin/python bench/people_search.py --children 20000        # SQLite, quicker
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict

from _authority import build_authority, percentile, set_up_django

KINDS = ("typo", "swapped names", "nickname", "former family name", "day and month swapped")


def typo(rng: random.Random, word: str) -> str:
    """One keying slip: two letters swapped, one left out, one doubled or one wrong."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    slip = rng.choice(["swap", "drop", "double", "wrong"])
    if slip == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if slip == "drop":
        return word[:i] + word[i + 1 :]
    if slip == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstln") + word[i + 1 :]


def queries(rng: random.Random, n: int) -> list[tuple[str, str, int]]:
    """(kind, what is typed, the person it was made from)."""
    from kith.people.models import OtherName, Person
    from kith.people.names import NICKNAMES

    pool = list(
        Person.objects.current()
        .filter(date_of_birth__isnull=False)
        .exclude(first_name="")
        .values_list("pk", "first_name", "family_name", "date_of_birth")
        .order_by("?")[: n * 3]
    )
    former = dict(
        OtherName.objects.filter(kind="previous_family_name").values_list(
            "person_id", "family_name"
        )
    )
    made: list[tuple[str, str, int]] = []
    for i, (pk, first, family, born) in enumerate(pool):
        if len(made) >= n:
            break
        kind = KINDS[i % len(KINDS)]
        dob = born.strftime("%d/%m/%Y")
        if kind == "typo":
            text = f"{first} {typo(rng, family)} {dob}"
        elif kind == "swapped names":
            text = f"{family} {first} {dob}"
        elif kind == "nickname":
            short = NICKNAMES.get(first.lower())
            if not short:
                continue
            text = f"{rng.choice(short)} {family} {dob}"
        elif kind == "former family name":
            if pk not in former:
                continue
            text = f"{first} {former[pk]} {dob}"
        else:
            if born.day > 12 or born.day == born.month:
                continue
            text = f"{first} {family} {born.month:02d}/{born.day:02d}/{born.year}"
        made.append((kind, text, pk))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description="Find a person at scale.")
    parser.add_argument("--children", type=int, default=280_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    set_up_django()
    from django.db import connection

    from kith.people.duplicates import likely_duplicates
    from kith.people.models import Person
    from kith.people.search import parse, search

    demo, build_seconds = build_authority(args.children, args.seed)
    people = Person.objects.count()
    print(
        f"database: {connection.vendor}; {people:,} people ({demo.counts['children']:,} children) "
        f"built in {build_seconds:.0f} s"
    )

    rng = random.Random(args.seed)
    mix = queries(rng, args.queries)
    for _, text, _ in mix[:20]:  # warm the caches, as a server in use would be
        search(parse(text))
    times: list[float] = []
    found_by_kind: dict[str, list[bool]] = defaultdict(list)
    for kind, text, pk in mix:
        started = time.perf_counter()
        top = search(parse(text), limit=5)
        times.append((time.perf_counter() - started) * 1000)
        found_by_kind[kind].append(any(m.person.pk == pk for m in top))
    hits = [hit for found in found_by_kind.values() for hit in found]
    print(
        f"search: {len(mix)} queries; p50 {percentile(times, 0.5):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms"
    )
    print(f"recall (intended person in the top 5): {sum(hits) / len(hits):.3f}")
    for kind in KINDS:
        found = found_by_kind[kind]
        if found:
            print(f"  {kind:<22} {sum(found) / len(found):.3f} of {len(found)}")

    started = time.perf_counter()
    pairs = {(p.first, p.second) for p in likely_duplicates()}
    seconds = time.perf_counter() - started
    planted = {tuple(sorted(pair)) for pair in demo.built["planted_duplicates"]}
    true = len(pairs & planted)
    print(
        f"duplicates: {len(pairs):,} likely pairs in {seconds:.1f} s; planted {len(planted):,}; "
        f"precision {true / max(len(pairs), 1):.3f}, recall {true / max(len(planted), 1):.3f}"
    )


if __name__ == "__main__":
    main()
