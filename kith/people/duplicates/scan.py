"""The whole-authority duplicate scan, and the same judgement of the people a new record may
already be.

A pair is a likely duplicate when the weights of its agreeing and disagreeing fields make it
at least LIKELY to be one person, and its first names are not different names altogether
(brothers and sisters share a family name, a home and sometimes nearly a birthday). Two
records with the same family name and birthday but another first name are possibly twins:
listed as such, never as a likely duplicate, whatever their score. An NHS number settles it
either way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kith.people.duplicates import weights as learnt
from kith.people.duplicates.blocking import candidate_pairs
from kith.people.duplicates.comparing import Candidate, compare
from kith.people.duplicates.weights import Weights
from kith.people.models import Person, Residence

# How sure the weights must be that two records are one person to list them. The weights take
# each field as separate evidence, which understates how sure agreeing fields make them: on the
# benchmark of 500,000 people (bench/duplicates.py), 98.8% of the pairs listed at this
# threshold were one person (docs/decisions/0014).
LIKELY = 0.2


@dataclass(frozen=True)
class PossibleDuplicate:
    first: int
    second: int
    probability: float
    reasons: tuple[str, ...]
    possibly_twins: bool = False

    @property
    def likely(self) -> bool:
        return not self.possibly_twins


def judge(
    a: Candidate, b: Candidate, weights: Weights, threshold: float = LIKELY
) -> PossibleDuplicate | None:
    """The pair as a likely duplicate, as possibly twins, or None: two different people."""
    first, second = sorted((a.pk, b.pk))
    if a.nhs and b.nhs:
        if a.nhs != b.nhs:
            return None  # two NHS numbers: two people
        return PossibleDuplicate(first, second, 1.0, ("same NHS number",))
    pair = compare(a, b)
    probability = weights.probability(pair, a, b)
    if pair.possibly_twins:
        return PossibleDuplicate(first, second, probability, pair.reasons(), possibly_twins=True)
    if probability >= threshold and not pair.first_names_differ:
        return PossibleDuplicate(first, second, round(probability, 4), pair.reasons())
    return None


def scan(
    people: Sequence[Candidate] | None = None,
    weights: Weights | None = None,
    threshold: float = LIKELY,
) -> Iterator[PossibleDuplicate]:
    """Every likely duplicate and every possible pair of twins among the records. The weights
    are learnt from the records first (and kept for the warning before adding a person)
    unless given."""
    if people is None:
        people = current_people()
    if weights is None:
        weights = learnt.estimate(people)
        learnt.keep(weights, len(people))
    for a, b in candidate_pairs(people):
        found = judge(a, b, weights, threshold)
        if found:
            yield found


def current_people() -> list[Candidate]:
    """Every current record, with the postcode of where they live now."""
    postcodes = dict(
        Residence.objects.filter(end_date__isnull=True)
        .order_by("start_date")
        .values_list("person_id", "address__postcode")
    )
    return [
        Candidate.of(pk, first, family, born, nhs, sex, postcodes.get(pk, ""), restricted)
        for pk, first, family, born, nhs, sex, restricted in Person.objects.current()
        .order_by("pk")
        .values_list(
            "pk", "first_name", "family_name", "date_of_birth", "nhs_number", "sex", "restricted"
        )
        .iterator(chunk_size=5000)
    ]
