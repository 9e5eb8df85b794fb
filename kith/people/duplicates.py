"""Finding people recorded twice, across the whole authority.

People are grouped into blocks that a duplicate would share (same NHS number; same date of birth
and a family or first name that sounds alike; same names with the day and month of birth
swapped), and each pair within a block is scored. Scoring whole blocks, never every pair, keeps
it fast for hundreds of thousands of people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from kith.people import names
from kith.people.models import Person

LIKELY = 0.8


@dataclass(frozen=True)
class Candidate:
    pk: int
    first: str
    family: str
    born: date | None
    nhs: str


@dataclass(frozen=True)
class LikelyDuplicate:
    first: int
    second: int
    score: float
    reasons: tuple[str, ...]


def _blocks(people: list[Candidate]) -> dict[tuple[object, ...], list[int]]:
    blocks: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        if p.nhs:
            blocks[("nhs", p.nhs)].append(i)
        if p.born:
            blocks[("born-family", p.born, names.sound(p.family))].append(i)
            blocks[("born-first", p.born, names.sound(p.first))].append(i)
            day_month = tuple(sorted((p.born.day, p.born.month)))
            blocks[
                ("swapped", p.born.year, day_month, names.sound(p.family), names.sound(p.first))
            ].append(i)
    return blocks


def _alike(a: str, b: str) -> bool:
    """The same name allowing one slip, or a nickname ("Bill" and "William")."""
    if not a or not b:
        return False
    if a == b or (names.canonical(a) and names.canonical(a) == names.canonical(b)):
        return True
    return names.typo_distance(a, b) <= (1 if len(a) < 7 else 2)


def score_pair(a: Candidate, b: Candidate) -> tuple[float, tuple[str, ...]]:
    """How likely two records are the same person (0 to 1), with the reasons. Both names must
    be alike (or be the same two names swapped round): children born the same day with the
    same first name but another family name are different children."""
    if a.nhs and b.nhs and a.nhs != b.nhs:
        return 0.0, ()  # two different NHS numbers: two people
    if a.nhs and a.nhs == b.nhs:
        return 1.0, ("same NHS number",)
    reasons: list[str] = []
    if _alike(a.first, b.first) and _alike(a.family, b.family):
        name = (names.similarity(a.first, b.first) + names.similarity(a.family, b.family)) / 2
        reasons.append("names alike")
    elif _alike(a.first, b.family) and _alike(a.family, b.first):
        name = 0.95
        reasons.append("first and family names swapped")
    else:
        return 0.0, ()
    if a.born and b.born:
        if a.born == b.born:
            reasons.append("same date of birth")
            born = 1.0
        elif (a.born.day, a.born.month, a.born.year) == (b.born.month, b.born.day, b.born.year):
            reasons.append("date of birth with day and month swapped")
            born = 0.85
        else:
            born = 0.0
    else:
        born = 0.3
    return round(0.6 * name + 0.4 * born, 3), tuple(reasons)


def likely_duplicates(threshold: float = LIKELY) -> Iterator[LikelyDuplicate]:
    """Every pair of current records that is likely the same person, scored."""
    people = [
        Candidate(pk, names.normalise(first), names.normalise(family), born, nhs)
        for pk, first, family, born, nhs in Person.objects.current()
        .order_by("pk")
        .values_list("pk", "first_name", "family_name", "date_of_birth", "nhs_number")
        .iterator(chunk_size=5000)
    ]
    seen: set[tuple[int, int]] = set()
    for members in _blocks(people).values():
        if len(members) < 2 or len(members) > 50:
            continue  # a block of fifty is a common name and birthday, not one person
        for i, j in combinations(members, 2):
            pair = (people[i].pk, people[j].pk)
            if pair in seen:
                continue
            seen.add(pair)
            score, reasons = score_pair(people[i], people[j])
            if score >= threshold:
                yield LikelyDuplicate(pair[0], pair[1], score, reasons)
