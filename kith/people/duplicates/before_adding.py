"""Before a person is added: the people Kith may already know them as, judged by the same
weights as the whole-authority scan. "Find a person" turns up the candidates (it tolerates
slips in the names and the date), so only people the worker may see are ever judged; each is
judged by whichever of their names (known-as, former, other) the new details are nearest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import prefetch_related_objects

from kith.accounts.models import User
from kith.people import names
from kith.people.duplicates import weights as learnt
from kith.people.duplicates.comparing import Candidate
from kith.people.duplicates.scan import PossibleDuplicate, judge
from kith.people.models import Person
from kith.people.search import Terms, search

SHOWN = 5


@dataclass(frozen=True)
class MayBe:
    person: Person
    reasons: list[str]
    possibly_twins: bool


def people_it_may_be(
    *,
    first_name: str,
    family_name: str,
    date_of_birth: date | None,
    sex: str,
    nhs_number: str,
    viewer: User,
) -> list[MayBe]:
    terms = Terms(
        names=names.words(f"{first_name} {family_name}")[:5],
        date_of_birth=date_of_birth,
        nhs_number=nhs_number,
    )
    found = [m.person for m in search(terms, viewer=viewer)]
    prefetch_related_objects(found, "other_names")
    new = Candidate.of(0, first_name, family_name, date_of_birth, nhs_number, sex)
    weights = learnt.latest()
    judged = [
        (person, best) for person in found if (best := _nearest(new, person, weights)) is not None
    ]
    judged.sort(key=lambda j: (j[1][0].possibly_twins, -j[1][0].probability))
    return [
        MayBe(
            person=person,
            reasons=[r[0].upper() + r[1:] for r in (*pair.reasons, *by_other_name)],
            possibly_twins=pair.possibly_twins,
        )
        for person, (pair, by_other_name) in judged[:SHOWN]
    ]


def _nearest(
    new: Candidate, person: Person, weights: learnt.Weights
) -> tuple[PossibleDuplicate, tuple[str, ...]] | None:
    """The judgement of the person by the name of theirs the new details are nearest: a likely
    duplicate before possibly twins, the surest first. With it, the name if not their own."""
    best: tuple[PossibleDuplicate, tuple[str, ...]] | None = None
    for first, family in _names(person):
        other = Candidate.of(
            person.pk, first, family, person.date_of_birth, person.nhs_number, person.sex
        )
        pair = judge(new, other, weights)
        if pair is None:
            continue
        said = (
            ()
            if (first, family) == (person.first_name, person.family_name)
            else (f"by their other name {first} {family}".rstrip(),)
        )
        if best is None or (pair.likely, pair.probability) > (best[0].likely, best[0].probability):
            best = (pair, said)
    return best


def _names(person: Person) -> list[tuple[str, str]]:
    """Every first name (their own, known-as, other) with every family name (their own,
    former, at birth, other) the person has."""
    firsts = [person.first_name, person.preferred_name]
    families = [person.family_name]
    for other in person.other_names.all():
        firsts.append(other.first_name)
        families.append(other.family_name)
    return [
        (first, family)
        for first in dict.fromkeys(f for f in firsts if f)
        for family in dict.fromkeys(f for f in families if f)
    ] or [(person.first_name, person.family_name)]
