"""Importing a census file whole: refused, or every accepted child written in one transaction,
with what was done reported child by child (Outcome) and each child's import audited."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people.models import Person
from kith.returns.cin_import.people import _clashes, _keep_census_id, _match, _new_person
from kith.returns.cin_import.reading import NotACensusFile, ParsedFile, parse
from kith.returns.cin_import.writing import _write
from kith.timescales.deadlines import refresh


@dataclass
class Outcome:
    """What an import did, child by child, for the report."""

    name: str
    imported: int = 0
    matched: int = 0
    episodes: int = 0
    skipped_episodes: int = 0
    rejected: list[tuple[str, list[str]]] = field(default_factory=list)
    refused: str = ""  # the whole file, and why


def import_file(
    content: bytes, *, by: User, name: str = "", skip_rejected: bool = False
) -> Outcome:
    outcome = Outcome(name)
    try:
        parsed = parse(content, name)
    except NotACensusFile as refused:
        outcome.refused = str(refused)
        return outcome
    people = _match(parsed)
    for c in parsed.children:
        existing = people.get(c.child.la_child_id)
        if existing is not None and not c.problems:
            c.problems += _clashes(c.child, existing)
    outcome.rejected = [(c.child.la_child_id or "(no ID)", c.problems) for c in parsed.rejected]
    if outcome.rejected and not skip_rejected:
        total = len(parsed.children)
        outcome.refused = (
            f"Nothing was imported from {name or 'the file'}: {len(outcome.rejected)} of "
            f"{total} {'child was' if total == 1 else 'children were'} rejected. Correct "
            "them, or import the rest with --skip-rejected."
        )
        return outcome
    try:
        _import(parsed, people, outcome, by=by, name=name)
    except IntegrityError as error:  # a rule the checks above missed: nothing is kept
        outcome.refused = (
            f"Nothing was imported from {name or 'the file'}: it breaks a rule of Kith's "
            f"records ({error}). Tell your system administrator."
        )
        outcome.imported = outcome.matched = outcome.episodes = outcome.skipped_episodes = 0
    return outcome


def _import(
    parsed: ParsedFile, people: dict[str, Person], outcome: Outcome, *, by: User, name: str
) -> None:
    with transaction.atomic():
        cases: list[int] = []
        for c in parsed.children:
            if c.problems:
                continue
            person = people.get(c.child.la_child_id)
            outcome.matched += person is not None
            if person is None:
                person = _new_person(c.child, by)
            else:
                _keep_census_id(person, c.child.la_child_id)
            written, skipped = _write(c.child, person, by)
            cases += written
            outcome.episodes += len(written)
            outcome.skipped_episodes += skipped
            outcome.imported += 1
            record(
                by=by,
                verb=Verb.CENSUS_IMPORTED,
                person=person,
                detail={"file": name[:200], "la_child_id": c.child.la_child_id},
            )
        refresh(cases)
