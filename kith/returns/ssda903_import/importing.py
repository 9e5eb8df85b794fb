"""Importing a 903 return whole: refused, or every accepted child written in one transaction,
with what was done reported child by child (Outcome) and each child's import audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people.codes import IdentifierKind
from kith.people.models import Identifier, Person
from kith.returns.ssda903_import.child import Child, NotAReturn, Parsed
from kith.returns.ssda903_import.reading import parse_folder
from kith.returns.ssda903_import.writing import write_child
from kith.timescales.deadlines import refresh


@dataclass
class Outcome:
    folder: str
    imported: int = 0
    matched: int = 0
    periods: int = 0
    decisions: int = 0  # decisions to place for adoption
    adoptions: int = 0
    leavers: int = 0  # care leavers (OC3)
    checks: int = 0  # their birthday checks
    year: int | None = None  # the collection year, named by the year it ends
    rejected: list[tuple[str, list[str]]] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    refused: str = ""


def import_folder(
    folder: Path, *, by: User, skip_rejected: bool = False, year: int | None = None
) -> Outcome:
    """Import the return in `folder`: refused, or every accepted child written in one
    transaction. `year`, its collection year, if the return's dates may not say it (the care
    leavers' rows are about the birthday in it)."""
    outcome = Outcome(str(folder))
    try:
        parsed = parse_folder(folder, year)
    except NotAReturn as refused:
        outcome.refused = str(refused)
        return outcome
    outcome.not_imported, outcome.year = parsed.not_imported, parsed.year
    people = match(parsed)
    for child in parsed.children.values():
        person = people.get(child.child_id)
        if person is not None and person.merged_into_id and not child.problems:
            child.problems.append(
                f"{person.person_number} was merged into another record: import into that one"
            )
    outcome.rejected = [(c.child_id, c.problems) for c in parsed.rejected]
    if outcome.rejected and not skip_rejected:
        total = len(parsed.children)
        outcome.refused = (
            f"Nothing was imported: {len(outcome.rejected)} of {total} "
            f"{'child was' if total == 1 else 'children were'} rejected. Correct them, or "
            "import the rest with --skip-rejected."
        )
        return outcome
    try:
        with transaction.atomic():
            cases: list[int] = []
            for child in parsed.children.values():
                if child.problems:
                    continue
                person = people.get(child.child_id)
                outcome.matched += person is not None
                person = person or _new_person(child, by)
                _keep_id(person, child.child_id)
                written = write_child(child, person, by)
                cases += written.cases
                outcome.periods += written.periods
                outcome.decisions += written.decisions
                outcome.adoptions += written.adoptions
                outcome.leavers += written.leavers
                outcome.checks += written.checks
                outcome.imported += 1
                record(
                    by=by,
                    verb=Verb.SSDA903_IMPORTED,
                    person=person,
                    detail={"folder": folder.name[:200], "child": child.child_id},
                )
            refresh(sorted(set(cases)))
    except IntegrityError as error:  # a rule the checks missed: nothing is kept
        outcome.refused = (
            f"Nothing was imported: the return breaks a rule of Kith's records ({error}). "
            "Tell your system administrator."
        )
        outcome.imported = outcome.matched = outcome.periods = 0
        outcome.decisions = outcome.adoptions = outcome.leavers = outcome.checks = 0
    return outcome


def match(parsed: Parsed) -> dict[str, Person]:
    """People already in Kith: by the child ID kept from an earlier return, Kith's own person
    number (a return Kith made) with the same date of birth or UPN, or the UPN."""
    children = parsed.children
    found: dict[str, Person] = {}
    for ident in Identifier.objects.filter(
        kind=IdentifierKind.CENSUS_CHILD_ID, value__in=list(children)
    ).select_related("person"):
        found[ident.value] = ident.person
    own = {int(i[1:]): i for i in children if i not in found and i[:1] == "P" and i[1:].isdigit()}
    for person in Person.objects.filter(pk__in=own):
        child = children[own[person.pk]]
        if (child.born and child.born == person.date_of_birth) or (
            child.upn and child.upn == person.upn
        ):
            found[own[person.pk]] = person
    upns = {c.upn: c.child_id for c in children.values() if c.upn and c.child_id not in found}
    for person in Person.objects.filter(upn__in=upns):
        found.setdefault(upns[person.upn], person)
    return found


def _keep_id(person: Person, child_id: str) -> None:
    if (
        child_id != person.person_number
        and not Identifier.objects.filter(
            person=person, kind=IdentifierKind.CENSUS_CHILD_ID
        ).exists()
    ):
        Identifier.objects.create(
            person=person, kind=IdentifierKind.CENSUS_CHILD_ID, value=child_id
        )


def _new_person(child: Child, by: User) -> Person:
    return Person.objects.create(
        first_name="",
        family_name=f"Looked-after child {child.child_id}",
        date_of_birth=child.born,
        sex=child.sex,
        ethnicity=child.ethnicity,
        upn=child.upn,
        created_by=by,
    )
