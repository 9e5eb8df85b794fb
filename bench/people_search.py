"""Finding a person at the scale of a large authority: recall and latency of "Find a person"
for what a busy front door types.

Builds an authority (default 280,000 children, about 500,000 people) into a fresh database,
then searches for real people in it as the corruption generator (bench/corruption.py) makes
them: names with one slip and no date of birth (easy) or two errors (hard); names and date of
birth with one error (easy) and with two or three (hard). recall@1 counts the person it was
made from first; recall@5 in the top five. The duplicate scan is measured by
bench/duplicates.py.

    bin/with-postgres .venv/bin/python bench/people_search.py
    .venv/bin/python bench/people_search.py --children 20000        # SQLite, quicker
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from _authority import build_authority, percentile, set_up_django
from corruption import (
    Copy,
    Record,
    easy_set,
    hard_set,
    one_slip_in_the_names,
    slips_in_both_names,
)

# The sets of queries: what is typed, made from real people by the corruption generator.
SETS = (
    "names with one slip, no date of birth (easy)",
    "names with two errors, no date of birth (hard)",
    "names and date of birth, one error (easy)",
    "names and date of birth, two or three errors (hard)",
)


def typed(copy: Copy, with_date: bool) -> str:
    r = copy.record
    words = " ".join(w for w in (r.first, r.family) if w)
    if with_date and r.born:
        return f"{words} {r.born:%d/%m/%Y}"
    return words


def sample(rng: random.Random, n: int) -> tuple[list[Record], list[str]]:
    """People with a first name and a date of birth, as Records, and the family names in use."""
    from kith.people.models import Person

    pool = [
        Record(pk, first, family, born, sex)
        for pk, first, family, born, sex in Person.objects.current()
        .filter(date_of_birth__isnull=False)
        .exclude(first_name="")
        .order_by("?")
        .values_list("pk", "first_name", "family_name", "date_of_birth", "sex")[:n]
    ]
    return pool, sorted({r.family for r in pool})


def namesakes(pks: list[int]) -> set[int]:
    """Those of these people who share their first and family names with five or more
    others."""
    from django.db.models.functions import Lower

    from kith.people.models import Person

    people = Person.objects.current().annotate(f=Lower("first_name"), l=Lower("family_name"))
    counts = Counter(people.values_list("f", "l"))
    names = {
        pk: (first, family)
        for pk, first, family in people.filter(pk__in=pks).values_list("pk", "f", "l")
    }
    return {pk for pk, both in names.items() if counts[both] >= 6}


def query_sets(rng: random.Random, n: int) -> dict[str, list[tuple[str, int, tuple[str, ...]]]]:
    """(what is typed, the person it was made from, the errors in it), for each set."""
    people, family_names = sample(rng, n * 4)
    slips = one_slip_in_the_names(rng, people[:n])
    both = slips_in_both_names(rng, people[n : 2 * n])
    easy = easy_set(rng, people[2 * n : 3 * n], family_names)
    hard = hard_set(rng, people[3 * n :], family_names)
    return {
        SETS[0]: [(typed(c, False), c.of, c.errors) for c in slips],
        SETS[1]: [(typed(c, False), c.of, c.errors) for c in both],
        SETS[2]: [(typed(c, True), c.of, c.errors) for c in easy],
        SETS[3]: [(typed(c, True), c.of, c.errors) for c in hard],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Find a person at scale.")
    parser.add_argument("--children", type=int, default=280_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    set_up_django()
    from django.db import connection

    from kith.people.models import Person
    from kith.people.search import parse, search

    demo, build_seconds = build_authority(args.children, args.seed)
    people = Person.objects.count()
    print(
        f"database: {connection.vendor}; {people:,} people ({demo.counts['children']:,} children) "
        f"built in {build_seconds:.0f} s"
    )

    rng = random.Random(args.seed)
    sets = query_sets(rng, args.queries)
    for text, _, _ in sets[SETS[2]][:20]:  # warm the caches, as a server in use would be
        search(parse(text))
    for name, made in sets.items():
        times: list[float] = []
        at_1: list[bool] = []
        at_5: list[bool] = []
        missed: Counter[str] = Counter()
        for text, pk, errors in made:
            started = time.perf_counter()
            top = search(parse(text), limit=5)
            times.append((time.perf_counter() - started) * 1000)
            ids = [m.person.pk for m in top]
            at_1.append(ids[:1] == [pk])
            at_5.append(pk in ids)
            if pk not in ids:
                missed.update(errors)
        print(
            f"{name}: {len(made)} queries; recall@1 {sum(at_1) / len(made):.3f}, "
            f"recall@5 {sum(at_5) / len(made):.3f}; p50 {percentile(times, 0.5):.1f} ms, "
            f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms"
        )
        if name in SETS[:2]:
            crowded = namesakes([pk for _, pk, _ in made])
            clear = [hit for (_, pk, _), hit in zip(made, at_5, strict=True) if pk not in crowded]
            print(
                f"  {len(crowded) / len(made):.3f} of these people share both names with five "
                f"or more others (with no date typed, nothing tells them apart); recall@5 for "
                f"the rest {sum(clear) / max(len(clear), 1):.3f}"
            )
        if missed:
            print(
                "  missed, by kind of error: "
                + ", ".join(f"{k} {n}" for k, n in missed.most_common())
            )


if __name__ == "__main__":
    main()
