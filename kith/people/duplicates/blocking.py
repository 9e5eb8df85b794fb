"""Which pairs are worth comparing: blocking rules.

Comparing every record with every other is half a million squared. Each rule gives a record
a few keys, and only records sharing a key are compared. The rules are chosen so that the
mistakes records carry still meet:

- the same NHS number;
- the same postcode (a household, and a record made again at the same door);
- the same date of birth and either name sounding alike or with the same letters in any
  order, or the same initials (so a slip in one name or both, the names swapped round, a name
  missing or a new family name still meet);
- either name sounding alike with the other's first letter, and the same year of birth, or
  the same day and month (so one wrong or transposed digit, or day and month swapped, meet);
- for a record with no date of birth, both names sounding alike, or one sounding alike and the
  other's first three letters the same.

A pair is compared once: in the block of the first key it shares under the first rule that
has one, so no list of the pairs seen is kept: memory grows with the number of records, not
with its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from itertools import combinations

from kith.people import names
from kith.people.duplicates.comparing import Candidate

# A block this big is a common name and birthday shared by many people, not one person: its
# pairs are left to the other keys and rules (an undated record's names: five times as many).
LARGEST_BLOCK = 60


Keys = list[tuple[object, ...]]
Rule = Callable[[Candidate], Keys]


def _sounds(p: Candidate) -> Keys:
    """Each name's sound with the other name's first letter, both ways round."""
    if not (p.first and p.family):
        return []
    return [
        (names.sound(p.first) or p.first, p.family[0]),
        (names.sound(p.family) or p.family, p.first[0]),
    ]


def same_nhs_number(p: Candidate) -> Keys:
    return [(p.nhs,)] if p.nhs else []


def living_at_the_same_postcode(p: Candidate) -> Keys:
    """A household: a second record made at the front door often keeps the address when
    everything else about it has slipped."""
    return [(p.postcode,)] if p.postcode else []


def born_the_same_day(p: Candidate) -> Keys:
    """Either name by its sound or its letters in any order, or the two initials."""
    if not p.born:
        return []
    keys: Keys = []
    for name in (p.first, p.family):
        if name:
            keys += [(p.born, "sound", names.sound(name) or name), (p.born, names.letters(name))]
    if p.first and p.family:
        keys.append((p.born, "initials", *sorted((p.first[0], p.family[0]))))
    return keys


def born_the_same_year(p: Candidate) -> Keys:
    if not p.born:
        return []
    return [(*sound, p.born.year) for sound in _sounds(p)]


def born_the_same_day_of_the_year(p: Candidate) -> Keys:
    if not p.born:
        return []
    day = tuple(sorted((p.born.day, p.born.month)))  # day and month swapped still meet
    return [(*sound, *day) for sound in _sounds(p)]


def same_names(p: Candidate) -> Keys:
    """Both names' sounds, or one's sound and the other's first three letters. Only pairs
    where one record has no date of birth are taken from these blocks."""
    if not (p.first and p.family):
        return []
    first, family = names.sound(p.first) or p.first, names.sound(p.family) or p.family
    return [
        (*sorted((first, family)),),
        (first, "family", p.family[:3]),
        (family, "first", p.first[:3]),
    ]


RULES: tuple[Rule, ...] = (
    same_nhs_number,
    living_at_the_same_postcode,
    born_the_same_day,
    born_the_same_year,
    born_the_same_day_of_the_year,
    same_names,
)


def candidate_pairs(people: Sequence[Candidate]) -> Iterator[tuple[Candidate, Candidate]]:
    """Every pair of records sharing a key of some rule, each pair once: in the block of the
    first key they share (of the blocks compared) under the first rule that has one."""
    compared: list[set[tuple[object, ...]]] = []  # each rule's keys whose blocks were compared
    for number, rule in enumerate(RULES):
        blocks: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for i, person in enumerate(people):
            for key in dict.fromkeys(rule(person)):
                blocks[key].append(i)
        undated = rule is same_names
        kept = {
            key for key, members in blocks.items() if _worth_comparing(people, members, undated)
        }
        compared.append(kept)
        earlier = list(zip(RULES[:number], compared[:number], strict=True))
        for key in kept:
            members = blocks[key]
            pairs = _undated_pairs(people, members) if undated else combinations(members, 2)
            for i, j in pairs:
                a, b = people[i], people[j]
                if _first_shared(rule, kept, a, b) == key and not any(
                    set(r(a)) & set(r(b)) & keys for r, keys in earlier
                ):
                    yield a, b


def _worth_comparing(people: Sequence[Candidate], members: list[int], undated: bool) -> bool:
    if undated:  # each record without a date against the others with its names
        return len(members) <= LARGEST_BLOCK * 5 and any(people[i].born is None for i in members)
    return 1 < len(members) <= LARGEST_BLOCK


def _first_shared(
    rule: Rule, kept: set[tuple[object, ...]], a: Candidate, b: Candidate
) -> tuple[object, ...] | None:
    theirs = set(rule(b)) & kept
    return next((key for key in rule(a) if key in theirs), None)


def _undated_pairs(people: Sequence[Candidate], members: list[int]) -> Iterator[tuple[int, int]]:
    """Each record without a date of birth against the others with its names."""
    for i in members:
        if people[i].born is not None:
            continue
        for j in members:
            if j != i and not (people[j].born is None and j < i):
                yield i, j
