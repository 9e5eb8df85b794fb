"""Before a person is added: the people Kith may already know them as, judged by the same
weights as the whole-authority scan. "Find a person" turns up the candidates (it tolerates
slips in the names and the date), so only people the worker may see are ever shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kith.accounts.models import User
from kith.people import names
from kith.people.duplicates.comparing import Candidate
from kith.people.duplicates.scan import already_known
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
    found = {m.person.pk: m.person for m in search(terms, viewer=viewer)}
    new = Candidate.of(0, first_name, family_name, date_of_birth, nhs_number, sex)
    judged = already_known(
        new,
        [
            Candidate.of(p.pk, p.first_name, p.family_name, p.date_of_birth, p.nhs_number, p.sex)
            for p in found.values()
        ],
    )
    return [
        MayBe(
            person=found[pair.second],  # the new record is numbered 0, so always first
            reasons=[r[0].upper() + r[1:] for r in pair.reasons],
            possibly_twins=pair.possibly_twins,
        )
        for pair in judged[:SHOWN]
    ]
