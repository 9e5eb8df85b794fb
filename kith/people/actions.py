"""Every change to a person's record. Each runs in one transaction, checks that nobody else
changed the record since the form was opened (the person's version), keeps the search keys up
to date, and writes one audit event."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people import names, vocabulary
from kith.people.access import standing_access
from kith.people.models import (
    Address,
    Identifier,
    Involvement,
    NameKey,
    OtherName,
    Person,
    Relationship,
    Residence,
)
from kith.people.relationships import makes_family


class EditConflict(Exception):
    """Someone else changed the record after this form was opened."""

    def __init__(self, current: Person) -> None:
        super().__init__("The record was changed by someone else.")
        self.current = current


def index_names(person: Person) -> None:
    """Rebuild the person's search keys from their names (people/names.py)."""
    NameKey.objects.filter(person=person).delete()
    keys = NameKey.objects.bulk_create(name_keys(person, list(person.other_names.all())))
    vocabulary.learn(key.name for key in keys)


def name_keys(person: Person, other_names: list[OtherName]) -> list[NameKey]:
    """The search keys for a person's names, as rows ready to save."""
    return [
        NameKey(person=person, field=field, **keys)
        for field, keys in name_key_values(person, other_names)
    ]


def name_key_values(
    person: Person, other_names: list[OtherName]
) -> list[tuple[str, dict[str, str]]]:
    """(field, keys) for each distinct word of each of a person's names (the demo's bulk build
    inserts these directly)."""
    named: list[tuple[str, str]] = [
        ("first", person.first_name),
        ("middle", person.middle_names),
        ("family", person.family_name),
        ("preferred", person.preferred_name),
    ]
    named += [(o.kind, f"{o.first_name} {o.family_name}") for o in other_names]
    seen: set[tuple[str, str]] = set()
    values = []
    for field, text in named:
        split = names.words(text)
        # A double-barrelled name is also found written as one word ("Smith-Jones", "Smithjones").
        joined = ["".join(split)] if len(split) > 1 and field in ("first", "family") else []
        for word in split + joined:
            if (field, word) not in seen:
                seen.add((field, word))
                values.append((field, names.keys(word)))
    return values


def _claim(person: Person, version: int | None) -> None:
    """Move the person to a new version, or raise EditConflict if it is not the one the form
    was opened on (None: the caller has no form, e.g. a script)."""
    query = Person.objects.filter(pk=person.pk)
    if version is not None:
        query = query.filter(version=version)
    if query.update(version=F("version") + 1) != 1:
        raise EditConflict(Person.objects.get(pk=person.pk))
    person.refresh_from_db(fields=["version"])


@transaction.atomic
def create_person(*, by: User, **fields: Any) -> Person:
    """Add a person, after whoever adds them has seen the likely matches
    (people/views/finding.py)."""
    person = Person.objects.create(created_by=by, **fields)
    index_names(person)
    record(by=by, verb=Verb.PERSON_CREATED, person=person)
    return person


@transaction.atomic
def change_person(person: Person, *, by: User, version: int | None, **fields: Any) -> Person:
    """Change identity fields (names, dates, sex, ethnicity, language, identifiers…)."""
    _claim(person, version)
    changed = {name: value for name, value in fields.items() if getattr(person, name) != value}
    for name, value in fields.items():
        setattr(person, name, value)
    person.save(update_fields=[*fields, "version"] if fields else ["version"])
    if {"first_name", "middle_names", "family_name", "preferred_name"} & set(changed):
        index_names(person)
    record(
        by=by,
        verb=Verb.PERSON_CHANGED,
        person=person,
        detail={"changed": sorted(changed)},
    )
    return person


def _changed(person: Person, *, by: User, version: int | None, what: str) -> None:
    _claim(person, version)
    record(by=by, verb=Verb.PERSON_CHANGED, person=person, detail={"changed": [what]})


@transaction.atomic
def add_other_name(person: Person, *, by: User, version: int | None, **fields: Any) -> OtherName:
    other = OtherName.objects.create(person=person, **fields)
    _changed(person, by=by, version=version, what="other names")
    index_names(person)
    return other


@transaction.atomic
def add_identifier(person: Person, *, by: User, version: int | None, **fields: Any) -> Identifier:
    identifier = Identifier.objects.create(person=person, **fields)
    _changed(person, by=by, version=version, what="identifiers")
    return identifier


@transaction.atomic
def move_to_address(
    person: Person,
    *,
    by: User,
    version: int | None,
    address: dict[str, str],
    kind: str,
    start_date: date | None,
    end_previous: bool,
    household: list[Person] | None = None,
) -> Residence:
    """Record a new address from `start_date`. When it replaces the current home, the current
    home ends the day it starts; anyone in `household` moves with them."""
    movers = [person, *(household or [])]
    if end_previous and start_date:
        for current in Residence.objects.filter(person__in=movers, end_date__isnull=True):
            if current.start_date and start_date < current.start_date:
                raise ValidationError(
                    f"Living here since must be after {current.person} moved into "
                    f"{current.address.line_1} on {current.start_date:%-d %B %Y}"
                )
    place = Address.objects.create(**address)
    residence = None
    for mover in movers:
        if mover is not person:
            record(
                by=by,
                verb=Verb.PERSON_CHANGED,
                person=mover,
                detail={"changed": ["address"], "moved with": person.pk},
            )
        if end_previous:
            Residence.objects.filter(person=mover, end_date__isnull=True).update(
                end_date=start_date or date.today()
            )
        made = Residence.objects.create(
            person=mover, address=place, kind=kind, start_date=start_date
        )
        residence = residence or made
    _changed(person, by=by, version=version, what="address")
    assert residence is not None
    return residence


@transaction.atomic
def end_residence(residence: Residence, *, by: User, version: int | None, end_date: date) -> None:
    if residence.start_date and end_date < residence.start_date:
        raise ValidationError(
            f"Date they left must be on or after they moved in, {residence.start_date:%-d %B %Y}"
        )
    residence.end_date = end_date
    residence.save(update_fields=["end_date"])
    _changed(residence.person, by=by, version=version, what="address")


def counts_for_access(by: User, first: Person, second: Person, kind: str, pr: bool) -> bool:
    """Whether a relationship recorded by `by` opens each person's record to those who work
    with the other: only real family, and only when whoever records it already had standing
    access to both (people/access.py), so a reason given never extends anyone's access."""
    if not makes_family(kind, pr):
        return False
    if by is None:  # a script or an import, not a person at a page
        return True
    return standing_access(by, first) and standing_access(by, second)


@transaction.atomic
def add_relationship(
    person: Person, *, by: User, version: int | None, **fields: Any
) -> Relationship:
    counts = counts_for_access(
        by,
        fields["first"],
        fields["second"],
        fields["kind"],
        fields.get("has_parental_responsibility", False),
    )
    relationship = Relationship.objects.create(recorded_by=by, counts_for_access=counts, **fields)
    _changed(person, by=by, version=version, what="relationships")
    return relationship


@transaction.atomic
def change_relationship(
    relationship: Relationship,
    person: Person,
    *,
    by: User,
    version: int | None,
    **fields: Any,
) -> Relationship:
    # The relationship's own version is required: it shows on two records, and a form that
    # does not say which version it was opened on cannot be told apart from a stale one.
    record_version = fields.pop("record_version", None)
    claimed = Relationship.objects.filter(pk=relationship.pk, version=record_version or 0)
    if claimed.update(version=F("version") + 1) != 1:
        raise EditConflict(Person.objects.get(pk=person.pk))
    relationship.version = Relationship.objects.get(pk=relationship.pk).version
    counted = relationship.counts_for_access
    for name, value in fields.items():
        setattr(relationship, name, value)
    # Still family, it keeps counting; newly family, it counts only as a new one would.
    relationship.counts_for_access = makes_family(
        relationship.kind, relationship.has_parental_responsibility
    ) and (
        counted
        or counts_for_access(
            by,
            relationship.first,
            relationship.second,
            relationship.kind,
            relationship.has_parental_responsibility,
        )
    )
    relationship.save(update_fields=[*fields, "counts_for_access"])
    _changed(person, by=by, version=version, what="relationships")
    return relationship


@transaction.atomic
def add_involvement(person: Person, *, by: User, version: int | None, **fields: Any) -> Involvement:
    involvement = Involvement.objects.create(person=person, **fields)
    _changed(person, by=by, version=version, what="professionals")
    return involvement


@transaction.atomic
def change_involvement(
    involvement: Involvement, *, by: User, version: int | None, **fields: Any
) -> Involvement:
    for name, value in fields.items():
        setattr(involvement, name, value)
    involvement.save(update_fields=list(fields))
    _changed(involvement.person, by=by, version=version, what="professionals")
    return involvement
