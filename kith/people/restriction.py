"""Restricting a record to named people, and naming or removing them. Each change is audited:
who may see a restricted record is itself something to account for.

A restriction covers the person and every record merged into them (a duplicate of a restricted
child is the same child), and a merge carries it: merging a restricted record into an ordinary
one restricts the one kept (people/merging.py), so no merge can lift a restriction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people.models import Person, RestrictedAccess


def same_person(person: Person) -> list[int]:
    """The person and every record merged into them, however many merges deep."""
    found = [person.pk]
    frontier = [person.pk]
    while frontier:
        frontier = list(
            Person.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)
        )
        found += frontier
    return found


@transaction.atomic
def restrict_record(person: Person, *, by: User, why: str) -> None:
    """From now on only named people can find or open the record; whoever restricts it is
    named first, so it is never left with nobody."""
    Person.objects.filter(pk__in=same_person(person)).update(restricted=True)
    person.restricted = True
    name_on_record(person, by, by=by)
    record(by=by, verb=Verb.RECORD_RESTRICTED, person=person, why=why)


@transaction.atomic
def lift_restriction(person: Person, *, by: User, why: str) -> None:
    Person.objects.filter(pk__in=same_person(person)).update(restricted=False)
    person.restricted = False
    record(by=by, verb=Verb.RECORD_UNRESTRICTED, person=person, why=why)


@transaction.atomic
def name_on_record(person: Person, user: User, *, by: User) -> RestrictedAccess:
    existing = RestrictedAccess.objects.filter(
        person=person, user=user, ended_at__isnull=True
    ).first()
    if existing:
        return existing
    access = RestrictedAccess.objects.create(person=person, user=user, granted_by=by)
    record(
        by=by,
        verb=Verb.RESTRICTED_ACCESS_GRANTED,
        person=person,
        detail={"user": user.pk, "username": user.username},
    )
    return access


@transaction.atomic
def remove_from_record(access: RestrictedAccess, *, by: User) -> None:
    access.ended_at = timezone.now()
    access.ended_by = by
    access.save(update_fields=["ended_at", "ended_by"])
    record(
        by=by,
        verb=Verb.RESTRICTED_ACCESS_ENDED,
        person=access.person,
        detail={"user": access.user_id},
    )
