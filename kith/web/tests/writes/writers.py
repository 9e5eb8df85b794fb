"""What a write in the matrix is, and who is expected to make it: written out from the practice
rules (docs/decisions/0008), not read from the code. The allocated worker's team and managers
record on the boy's case; the front door and the conference chair also work with his family; a
reason given to open a record (break-glass) lets you read it, never change it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone

from kith.web.tests.world import PERSONAS, World

# Whose work the boy's case is (cases/access.py may_record_on).
CASE = frozenset({"social worker", "same-team colleague", "team manager", "head of service"})
# Who works with his mother, who has no case of her own: the case's people, the front door
# (his case is open) and the chair (he is on a plan).
FAMILY = CASE | {"front door", "chair"}
MANAGERS = frozenset({"team manager", "head of service"})
DECIDERS = CASE | {"front door"}
RECORDERS = frozenset(PERSONAS) - {"data officer", "virtual school", "partner"}
STAFF = frozenset(PERSONAS) - {"partner"}
# Those who record casework beyond the people named as theirs (a personal adviser sees only the
# young people they advise: no new people, no new contacts).
CASEWORK_RECORDERS = RECORDERS - {"personal adviser"}
# Outside the family's work: they must give a reason to open its records.
OUTSIDERS = frozenset({"other-team worker", "business support", "administrator"})
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Write:
    url: Callable[[World], str]
    form: Callable[[World], dict[str, Any]]
    writers: frozenset[str]
    # Where a reason given is enough (reading is all the page needs): who may, with one.
    with_reason: frozenset[str] | None = None


TODAY = timezone.localdate


def url(name: str, *keys: str, query: str = "") -> Callable[[World], str]:
    """The page's address for the world: each key names one of the ordinary family's objects,
    or (after a colon) is the argument itself."""

    def made(w: World) -> str:
        args = [k[1:] if k.startswith(":") else w.ordinary[k].pk for k in keys]
        return reverse(name, args=args) + query

    return made
