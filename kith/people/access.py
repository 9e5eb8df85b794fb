"""The only way to fetch a person for a user. Restricted records (a child of a member of staff,
an adoption, a high-profile family) exist only for the users named on them: everyone else can
neither find nor open them, and a missing record and a forbidden one look the same (404).

The rules by the user's relationship to the child (allocated worker, team, chair, break-glass)
join these once cases exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from kith.people.models import Person, RestrictedAccess


def visible(user: Any) -> Q:
    """A condition on Person: not restricted, or restricted with this user named."""
    named = RestrictedAccess.objects.filter(user=user, ended_at__isnull=True).values("person_id")
    return Q(restricted=False) | Q(pk__in=named)


def get_person_for(user: Any, pk: int, *, changeable: bool = False) -> Person:
    """The person, if the user may see them; a merged record only when just reading it."""
    people = Person.objects.current() if changeable else Person.objects.all()
    found = people.filter(visible(user), pk=pk).first()
    if found is None:
        raise Http404("No such person")
    return found


def visible_relationships(user: Any) -> Q:
    """A condition on Relationship: both people visible to the user (a restricted child must
    not appear on a parent's record either)."""
    named = RestrictedAccess.objects.filter(user=user, ended_at__isnull=True).values("person_id")
    return (Q(first__restricted=False) | Q(first_id__in=named)) & (
        Q(second__restricted=False) | Q(second_id__in=named)
    )
