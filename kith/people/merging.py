"""Merging two records of the same person, and undoing it.

Everything attached to the merged record moves to the survivor; the merged record stays, marked
`merged_into`, so links to it still work and the audit of who looked at it is kept. The Merge
row lists what moved, so undoing puts back exactly that.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people.actions import index_names
from kith.people.models import (
    Identifier,
    Involvement,
    Merge,
    OtherName,
    Person,
    Relationship,
    Residence,
    RestrictedAccess,
)
from kith.people.restriction import same_person

# What hangs off a person, as (model, field pointing at the person). Each later part of Kith
# that attaches records to a person adds its own here.
ATTACHED: list[tuple[type[models.Model], str]] = [
    (OtherName, "person"),
    (Identifier, "person"),
    (Residence, "person"),
    (Involvement, "person"),
    (Relationship, "first"),
    (Relationship, "second"),
]


# Checks other parts of Kith make before a merge (cases: two open cases cannot become one
# child's), each returning the reason to refuse in plain words, or None.
MERGE_CHECKS: list[Any] = []


class MergeRefused(ValueError):
    """A merge that cannot be done, with the reason in plain words."""


def _key(model: type[models.Model], field: str) -> str:
    return f"{model._meta.label}.{field}"


@transaction.atomic
def merge_people(survivor: Person, merged: Person, *, by: User, why: str) -> Merge:
    """Move everything attached to `merged` onto `survivor`. A relationship between the two
    records themselves stays where it is (it would otherwise be a relationship to oneself)."""
    if survivor.pk == merged.pk:
        raise MergeRefused("A record cannot be merged into itself. Choose two different people.")
    # Read both afresh, locked, so two data officers merging at once cannot cross over.
    locked = Person.objects.select_for_update().in_bulk([survivor.pk, merged.pk])
    survivor, merged = locked[survivor.pk], locked[merged.pk]
    if merged.merged_into_id or survivor.merged_into_id:
        raise MergeRefused("One of these records has already been merged. Undo that merge first.")
    if not why.strip():
        raise MergeRefused("Say why these two records are the same person.")
    for check in MERGE_CHECKS:
        refused = check(survivor, merged)
        if refused:
            raise MergeRefused(refused)
    moved: dict[str, list[int]] = {}
    for model, field in ATTACHED:
        rows = model._default_manager.filter(**{field: merged})
        if model is Relationship:
            other = "second" if field == "first" else "first"
            rows = rows.exclude(**{other: survivor})
        ids = list(rows.values_list("pk", flat=True))
        if ids:
            model._default_manager.filter(pk__in=ids).update(**{field: survivor})
            moved[_key(model, field)] = ids
    moved["restriction"] = _carry_restriction(survivor, merged, by=by)
    Person.objects.filter(pk=merged.pk).update(merged_into=survivor)
    Person.objects.filter(pk__in=[survivor.pk, merged.pk]).update(version=models.F("version") + 1)
    merge = Merge.objects.create(survivor=survivor, merged=merged, why=why, moved=moved, by=by)
    index_names(survivor)
    record(
        by=by,
        verb=Verb.PERSONS_MERGED,
        person=survivor,
        why=why,
        detail={"merged": merged.pk, "survivor": survivor.pk, "merge": merge.pk},
    )
    return merge


def _carry_restriction(survivor: Person, merged: Person, *, by: User) -> list[int]:
    """A merge never lifts a restriction: if either record is restricted, both are, and whoever
    was named on the merged record is named on the one kept. Undoing the merge leaves both
    restricted (lifting is a decision with its reason, on the restriction page). Returns how the
    two records stood before, for the history."""
    before = [int(survivor.restricted), int(merged.restricted)]
    if not (survivor.restricted or merged.restricted):
        return before
    Person.objects.filter(pk__in=[*same_person(survivor), *same_person(merged)]).update(
        restricted=True
    )
    survivor.restricted = merged.restricted = True
    already = set(
        RestrictedAccess.objects.filter(person=survivor, ended_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    for access in RestrictedAccess.objects.filter(person=merged, ended_at__isnull=True):
        if access.user_id not in already:
            RestrictedAccess.objects.create(person=survivor, user_id=access.user_id, granted_by=by)
    return before


def _name_on_both(merge: Merge, *, by: User) -> None:
    """A restricted record split back in two: whoever is named on the one kept is named on the
    other too, so the record undone is never left restricted with nobody who may open it."""
    merged = Person.objects.get(pk=merge.merged_id)
    if not merged.restricted:
        return
    already = set(
        RestrictedAccess.objects.filter(person=merged, ended_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    for user_id in RestrictedAccess.objects.filter(
        person_id=merge.survivor_id, ended_at__isnull=True
    ).values_list("user_id", flat=True):
        if user_id not in already:
            RestrictedAccess.objects.create(person=merged, user_id=user_id, granted_by=by)


@transaction.atomic
def undo_merge(merge: Merge, *, by: User, why: str = "") -> None:
    """Put back exactly what the merge moved, and make the merged record a person again."""
    if merge.undone_at:
        raise MergeRefused("This merge has already been undone.")
    survivor = Person.objects.select_for_update().get(pk=merge.survivor_id)
    if survivor.merged_into_id:
        raise MergeRefused(
            f"{survivor.person_number} has since been merged into another record. "
            "Undo that merge first."
        )
    for model, field in ATTACHED:
        ids = merge.moved.get(_key(model, field), [])
        if ids:
            # Only what is still on the survivor: anything moved on since stays where it is.
            model._default_manager.filter(pk__in=ids, **{field: survivor}).update(
                **{field: merge.merged}
            )
    Person.objects.filter(pk=merge.merged_id).update(merged_into=None)
    _name_on_both(merge, by=by)
    Person.objects.filter(pk__in=[merge.survivor_id, merge.merged_id]).update(
        version=models.F("version") + 1
    )
    merge.undone_at = timezone.now()
    merge.undone_by = by
    merge.save(update_fields=["undone_at", "undone_by"])
    index_names(merge.survivor)
    index_names(merge.merged)
    record(
        by=by,
        verb=Verb.MERGE_UNDONE,
        person=merge.survivor,
        why=why,
        detail={"merged": merge.merged_id, "survivor": merge.survivor_id, "merge": merge.pk},
    )
