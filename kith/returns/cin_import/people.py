"""The children a census file names, as people in Kith: matched to those already here, never
duplicated, and refused where Kith's record of them cannot take the file's history."""

from __future__ import annotations

from kith.accounts.models import User
from kith.cases.models import Case
from kith.people.codes import IdentifierKind
from kith.people.models import Identifier, Person
from kith.returns.census import CensusChild
from kith.returns.cin_import.reading import ParsedFile


def _match(parsed: ParsedFile) -> dict[str, Person]:
    """People already in Kith: by the census ID kept from an earlier import, Kith's own person
    number (a file Kith made), or the UPN."""
    ids = [c.child.la_child_id for c in parsed.children if c.child.la_child_id]
    found: dict[str, Person] = {}
    for ident in Identifier.objects.filter(
        kind=IdentifierKind.CENSUS_CHILD_ID, value__in=ids
    ).select_related("person"):
        found[ident.value] = ident.person
    # A file Kith made names its children by person number: the same child only if the date
    # of birth or UPN agrees too (another system's "P12" is not Kith's person 12).
    by_id = {c.child.la_child_id: c.child for c in parsed.children}
    own = {int(i[1:]): i for i in ids if i not in found and i[:1] == "P" and i[1:].isdigit()}
    for person in Person.objects.filter(pk__in=own):
        child = by_id[own[person.pk]]
        if (child.birth and child.birth == person.date_of_birth) or (
            child.upn and child.upn == person.upn
        ):
            found[own[person.pk]] = person
    upns = {c.child.upn: c.child.la_child_id for c in parsed.children if c.child.upn}
    for person in Person.objects.filter(upn__in=upns):
        found.setdefault(upns[person.upn], person)
    return found


def _clashes(child: CensusChild, person: Person) -> list[str]:
    if person.merged_into_id:
        return [f"{person.person_number} was merged into another record: import into that one"]
    open_now = Case.objects.filter(child=person, closed_on__isnull=True).first()
    if open_now is not None and any(
        e.closed is None and e.referral != open_now.referral_date for e in child.episodes
    ):
        return [f"{person.person_number} already has another open case in Kith"]
    return []


def _keep_census_id(person: Person, la_child_id: str) -> None:
    """A child matched by UPN keeps the ID earlier returns used, so the DfE links their years."""
    if (
        la_child_id != person.person_number
        and not Identifier.objects.filter(
            person=person, kind=IdentifierKind.CENSUS_CHILD_ID
        ).exists()
    ):
        Identifier.objects.create(
            person=person, kind=IdentifierKind.CENSUS_CHILD_ID, value=la_child_id
        )


def _new_person(child: CensusChild, by: User) -> Person:
    person = Person.objects.create(
        first_name="",
        family_name=f"Census child {child.la_child_id}",
        date_of_birth=child.birth,
        expected_date_of_birth=child.expected_birth,
        date_of_death=child.death,
        sex=child.sex,
        ethnicity=child.ethnicity,
        disabilities=child.disabilities,
        upn=child.upn,
        upn_unknown=child.upn_unknown,
        created_by=by,
    )
    Identifier.objects.create(
        person=person, kind=IdentifierKind.CENSUS_CHILD_ID, value=child.la_child_id
    )
    if child.former_upn:
        Identifier.objects.create(
            person=person, kind=IdentifierKind.FORMER_UPN, value=child.former_upn
        )
    return person
