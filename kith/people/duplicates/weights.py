"""How much each agreeing or disagreeing field says, learnt from the authority's own records
(the Fellegi-Sunter model, estimated the way Splink does it).

For each field and level, m is how often two records of the same person compare at that level
and u how often two different people do. A pair's match weight is the sum over its fields of
log2(m / u), plus the prior odds that two records are one person; its probability follows.

- u is counted on random pairs of records (almost all of them two different people), and for
  an exact name from how common that name is: two records agreeing on "Bradshaw" say more than
  two agreeing on "Smith".
- m for the names, sex and postcode is estimated by expectation maximisation on pairs that
  share a date of birth, so no field is judged on pairs chosen because they agree on it; and
  with it, the prior.
- m for the date of birth is set, not estimated (START_M): on pairs sharing names the date is
  the only strong evidence left, and expectation maximisation cannot then tell namesakes from
  one person's records that disagree on it; on pairs sharing names and a home it learnt
  parents and children of one name instead (docs/decisions/0014 has the figures).
- Two people of one family share a home: agreeing on the postcode says less for a pair that
  also agrees on the family name (`household`, counted from the records).
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from django.db import models
from django.utils import timezone

from kith.people.duplicates.comparing import (
    FAMILY,
    FIELDS,
    FIRST,
    POSTCODE,
    SEX,
    Candidate,
    Comparison,
    compare,
)

RANDOM_PAIRS = 200_000
# Fewer pairs sharing a birthday than this, and m is not learnt: a small authority's few
# pairs say more about chance than about its records.
FEWEST_TO_LEARN_FROM = 500
# Before anything is learnt: the share of records that are someone's second.
RECORDED_TWICE = 0.02
TRAINING_PAIRS = 200_000
# A name rarer than this is counted as this rare: one record's spelling is no evidence.
RAREST_NAME = 1 / 20_000
# A name at least this common, and borne by at least this many people, has its own share kept
# with the weights: a name only one or two people have is never written down apart from them.
KEPT_NAME = 1 / 50_000
KEPT_NAME_PEOPLE = 5

# Where the estimate starts, and what is used before there is enough data to estimate.
START_M = {
    "first name": [0.85, 0.05, 0.07, 0.03],
    "family name": [0.85, 0.1, 0.05],
    "date of birth": [0.85, 0.12, 0.03],
    "sex": [0.98, 0.02],
    "postcode": [0.7, 0.3],
}
START_U = {
    "first name": [0.003, 0.001, 0.01, 0.986],
    "family name": [0.002, 0.01, 0.988],
    "date of birth": [0.0001, 0.002, 0.9979],
    "sex": [0.5, 0.5],
    "postcode": [0.001, 0.999],
}


@dataclass
class Weights:
    m: dict[str, list[float]] = field(default_factory=lambda: dict(START_M))
    u: dict[str, list[float]] = field(default_factory=lambda: dict(START_U))
    prior: float = 1e-5  # of two records picked at random, the chance they are one person
    # Of two different people with one family name, the chance they live at one postcode: a
    # family shares a home, so agreeing on both is far less rare than on each alone.
    household: float = 0.05
    first_names: dict[str, float] = field(default_factory=dict)  # share of records with it
    family_names: dict[str, float] = field(default_factory=dict)

    def match_weight(self, pair: Comparison, a: Candidate, b: Candidate) -> float:
        weight = math.log2(self.prior / (1 - self.prior))
        for i, name in enumerate(FIELDS):
            level = pair.levels[i]
            if level is None:
                continue
            u = self.u[name][level]
            if level == 0 and i in (FIRST, FAMILY):
                u = self._name_share(i, a, b, pair.swapped) or u
            if level == 0 and i == POSTCODE and pair.levels[FAMILY] in (0, 1):
                u = max(u, self.household)  # one family's home says less than a stranger's
            weight += math.log2(self.m[name][level] / u)
        return weight

    def probability(self, pair: Comparison, a: Candidate, b: Candidate) -> float:
        weight = self.match_weight(pair, a, b)
        return 1 / (1 + 2 ** (-weight)) if weight > -60 else 0.0

    def _name_share(self, i: int, a: Candidate, b: Candidate, swapped: bool) -> float | None:
        """How common the agreeing name is: as a first name, or a family name; either, when
        the names are swapped round, so the pair scores the same whichever record comes first.
        None before any records have been counted."""
        if not (self.first_names or self.family_names):
            return None
        name = a.first if i == FIRST else a.family
        if swapped:
            share = max(self.first_names.get(name, 0), self.family_names.get(name, 0))
        else:
            share = (self.first_names if i == FIRST else self.family_names).get(name, 0)
        return max(share, RAREST_NAME)

    def as_json(self) -> dict[str, object]:
        return {
            "m": self.m,
            "u": self.u,
            "prior": self.prior,
            "household": self.household,
            "first_names": self.first_names,
            "family_names": self.family_names,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Weights:
        return cls(**data)  # type: ignore[arg-type]


def _shares(values: Sequence[str]) -> dict[str, float]:
    counts = Counter(v for v in values if v)
    total = sum(counts.values()) or 1
    return {
        name: n / total
        for name, n in counts.items()
        if n >= KEPT_NAME_PEOPLE and n / total >= KEPT_NAME
    }


def _random_u(people: Sequence[Candidate], rng: random.Random) -> dict[str, list[float]]:
    """How often two records picked at random compare at each level (with one of each added,
    so no level is ever impossible)."""
    counts = {name: [1] * len(levels) for name, levels in FIELDS.items()}
    for _ in range(min(RANDOM_PAIRS, len(people) * 20)):
        a, b = rng.sample(range(len(people)), 2)
        for i, level in enumerate(compare(people[a], people[b]).levels):
            if level is not None:
                counts[list(FIELDS)[i]][level] += 1
    return {name: [n / sum(c) for n in c] for name, c in counts.items()}


def _pairs_sharing(
    people: Sequence[Candidate], key: Callable[[Candidate], object], rng: random.Random
) -> tuple[Counter[tuple[int | None, ...]], int]:
    """The comparisons of a sample of pairs that share a key, counted by their levels; and how
    many pairs share it in all."""
    blocks: dict[object, list[int]] = defaultdict(list)
    for i, person in enumerate(people):
        value = key(person)
        if value is not None:
            blocks[value].append(i)
    groups = [g for g in blocks.values() if 1 < len(g) <= 200]
    total = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    share = min(1.0, TRAINING_PAIRS / max(total, 1))
    patterns: Counter[tuple[int | None, ...]] = Counter()
    for group in groups:
        for a, b in combinations(group, 2):
            if share < 1 and rng.random() > share:
                continue
            patterns[compare(people[a], people[b]).levels] += 1
    return patterns, total


def _expectation_maximisation(
    patterns: Counter[tuple[int | None, ...]],
    weights: Weights,
    learning: Sequence[int],
    u: dict[str, list[float]] | None = None,
    rounds: int = 25,
) -> tuple[dict[str, list[float]], float]:
    """m for the fields being learnt, and the share of the pairs that are one person, with u
    held at what random pairs showed (or at `u`, for pairs chosen as alike in some way)."""
    u = u or weights.u
    names_of = list(FIELDS)
    m = {names_of[i]: list(weights.m[names_of[i]]) for i in learning}
    share = 0.1
    for _ in range(rounds):
        totals = {name: [1e-6] * len(FIELDS[name]) for name in m}
        matched = 0.0
        for levels, count in patterns.items():
            odds = share / (1 - share)
            for i in learning:
                level = levels[i]
                if level is not None:
                    name = names_of[i]
                    odds *= m[name][level] / u[name][level]
            p = odds / (1 + odds)
            matched += p * count
            for i in learning:
                level = levels[i]
                if level is not None:
                    totals[names_of[i]][level] += p * count
        share = min(max(matched / sum(patterns.values()), 1e-9), 0.999)
        m = {name: [n / sum(t) for n in t] for name, t in totals.items()}
    return m, share


def estimate(people: Sequence[Candidate], seed: int = 0) -> Weights:
    """The weights of the authority's own records. Too few records to learn m from: the
    starting m, and a prior as if one record in fifty were someone's second."""
    if len(people) < 100:
        return Weights(prior=RECORDED_TWICE * 2 / max(len(people) - 1, 1))
    rng = random.Random(seed)
    weights = Weights(u=_random_u(people, rng))
    # How common each name is, kept with the weights: counted without restricted records.
    weights.first_names = _shares([p.first for p in people if not p.restricted])
    weights.family_names = _shares([p.family for p in people if not p.restricted])
    weights.household = _household(people, rng)
    weights.prior = RECORDED_TWICE * 2 / (len(people) - 1)

    by_birthday, sharing_birthdays = _pairs_sharing(people, lambda p: p.born, rng)
    if sum(by_birthday.values()) >= FEWEST_TO_LEARN_FROM:  # the names, sex and postcode
        m, share = _expectation_maximisation(by_birthday, weights, [FIRST, FAMILY, SEX, POSTCODE])
        weights.m.update(m)
        # The pairs sharing a birthday hold this share of all the people recorded twice.
        duplicates = share * sharing_birthdays / weights.m["date of birth"][0]
        pairs = len(people) * (len(people) - 1) / 2
        weights.prior = min(max(duplicates / pairs, 1e-9), 0.5)
    return weights


def _household(people: Sequence[Candidate], rng: random.Random) -> float:
    """Of pairs with the same family name, the share at the same postcode (almost all of them
    two people of one family, not one person twice)."""
    by_family: dict[str, list[Candidate]] = defaultdict(list)
    for p in people:
        if p.family and p.postcode:
            by_family[p.family].append(p)
    same = pairs = 0
    for _ in range(min(RANDOM_PAIRS, len(people) * 5)):
        family = by_family[rng.choice(people).family] if people else []
        if len(family) < 2:
            continue
        a, b = rng.sample(family, 2)
        pairs += 1
        same += a.postcode == b.postcode
    return max((same + 1) / (pairs + 1), RAREST_NAME)


class LearntWeights(models.Model):
    """The weights last learnt from the authority's records, by the duplicate scan; the
    warning before adding a person scores with them too."""

    learnt_at = models.DateTimeField(default=timezone.now)
    people = models.PositiveIntegerField()
    weights = models.JSONField()

    class Meta:
        get_latest_by = "learnt_at"

    def __str__(self) -> str:
        return f"weights learnt from {self.people} records at {self.learnt_at:%d %b %Y %H:%M}"


def latest() -> Weights:
    """The weights last learnt, or the starting weights if the scan has never run."""
    found = LearntWeights.objects.order_by("-learnt_at", "-pk").first()
    return Weights.from_json(found.weights) if found else Weights()


def keep(weights: Weights, people: int) -> None:
    LearntWeights.objects.create(people=people, weights=weights.as_json())
