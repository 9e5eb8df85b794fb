"""Every name the authority has recorded, under the keys that find it with a slip or two.

A name typed with one slip ("noag" for Noah, "bradsha" for Bradshaw) shares a key with the name
meant once a letter or two is left out of each: "noag" and "noah" both become "noa"; "bradsha"
is "bradshaw" without its last letter. So each distinct name is stored under every form it takes
with one letter left out, and names of six letters or more also with two left out (a symmetric
deletion neighbourhood, as SymSpell does). A typed word's own forms are looked up with one
indexed IN query, and what comes back is checked with a true edit distance: one slip for a word
of up to five letters, two for a longer one.

The table holds distinct names, not people (about thirty keys a name), so it grows with the
authority's vocabulary, not its size, and works the same on SQLite and PostgreSQL. Names are
only added: a name nobody has any more finds nobody.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from django.db import models

from kith.people import names

# A word this short is looked up as typed: one slip in two letters is another name altogether.
SHORTEST = 3
# Words this long may carry two slips, and their names are stored with two letters left out.
TWO_SLIPS_FROM = 6


class NameVariant(models.Model):
    """One name the authority has recorded, under one of its keys: the name itself, or the name
    with one or two letters left out."""

    key = models.CharField(max_length=100)
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "name"], name="namevariant_once")]

    def __str__(self) -> str:
        return f"{self.key} → {self.name}"


def slips_allowed(word: str) -> int:
    return 2 if len(word) >= TWO_SLIPS_FROM else 1


def variant_keys(name: str, depth: int) -> set[str]:
    """The name, and the name with up to `depth` letters left out."""
    keys = {name}
    for leave_out in range(1, depth + 1):
        if len(name) - leave_out < 2:
            break
        for gone in combinations(range(len(name)), leave_out):
            keys.add("".join(c for i, c in enumerate(name) if i not in gone))
    return keys


def learn(words: Iterable[str]) -> int:
    """Add names not yet in the vocabulary, under all their keys. Returns how many were new."""
    wanted = {w for w in words if w}
    if not wanted:
        return 0
    known: set[str] = set()
    listed = sorted(wanted)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        known.update(
            NameVariant.objects.filter(key__in=chunk, name__in=chunk)
            .filter(key=models.F("name"))
            .values_list("name", flat=True)
        )
    new = sorted(wanted - known)
    NameVariant.objects.bulk_create(
        [
            NameVariant(key=key, name=name)
            for name in new
            for key in variant_keys(name, slips_allowed(name) if len(name) >= SHORTEST else 0)
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    return len(new)


def near(words: Iterable[str]) -> dict[str, set[str]]:
    """For each typed word, the recorded names within its slips (itself included), in one
    query."""
    keys_of = {w: variant_keys(w, slips_allowed(w)) for w in set(words) if len(w) >= SHORTEST}
    every_key = set().union(*keys_of.values()) if keys_of else set()
    by_key: dict[str, set[str]] = {}
    for key, name in NameVariant.objects.filter(key__in=every_key).values_list("key", "name"):
        by_key.setdefault(key, set()).add(name)
    found: dict[str, set[str]] = {}
    for word, keys in keys_of.items():
        candidates = set().union(*(by_key.get(k, set()) for k in keys))
        found[word] = {
            name for name in candidates if names.typo_distance(word, name) <= slips_allowed(word)
        }
    return found
