"""Every person a page reads is accounted for, without each page having to remember.

While a signed-in user's request is being answered, the request has a `Look`: every person
loaded from the database (`Person.from_db` calls `note`) is noted in it, and every audit event
the request writes marks the people it names (`audit.log.record` calls `named`). When the page
is done, the middleware (audit/middleware.py) writes one "was shown" event for each person the
page read that no other event of the request already names, in one insert.

So a page cannot forget to audit a look: a new list, fragment, PDF or export that shows a
person had to read them, and reading them is what is audited. A person read only to work
something out (a deadline, a family's cases) counts too: one row too many is better than one
too few. Reads outside a request (the demo builder, a background census run) are not looks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb


@dataclass
class Look:
    """What one request has read, and which of those its own audit events already name."""

    user: Any
    page: str
    ip_address: str | None = None
    people: dict[int, Any] = field(default_factory=dict)
    named: set[int] = field(default_factory=set)
    # People read to make a statutory return, which must hold every child (people/access.py
    # `for_the_returns`): audited like any read, never shown by name.
    for_returns: set[int] = field(default_factory=set)


_current: ContextVar[Look | None] = ContextVar("kith_look", default=None)


def current() -> Look | None:
    return _current.get()


_reading_for_returns: ContextVar[bool] = ContextVar("kith_reading_for_returns", default=False)


def note(person: Any) -> None:
    """A person was read from the database for the page being made."""
    look = _current.get()
    if look is not None and person.pk is not None:
        look.people.setdefault(person.pk, person)
        if _reading_for_returns.get():
            look.for_returns.add(person.pk)


@contextmanager
def reading_for_returns() -> Iterator[None]:
    """People read inside the block are read for a statutory return (see Look.for_returns)."""
    token = _reading_for_returns.set(True)
    try:
        yield
    finally:
        _reading_for_returns.reset(token)


def named(person_id: int | None) -> None:
    """An audit event of this request names the person: no second row is needed."""
    look = _current.get()
    if look is not None and person_id is not None:
        look.named.add(person_id)


@contextmanager
def looking(user: Any, page: str, ip_address: str | None = None) -> Iterator[Look]:
    """Account for what is read inside the block as `user`'s look at `page` (a request, or a
    test standing in for one); the events are written when the block ends."""
    look = Look(user=user, page=page[:300], ip_address=ip_address)
    token = _current.set(look)
    try:
        yield look
    finally:
        _current.reset(token)
        write(look)


def write(look: Look) -> None:
    """One "was shown" event for each person read and not already named by an event."""
    unnamed = [pk for pk in look.people if pk not in look.named]
    if not unnamed:
        return
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                by_id=look.user.pk,
                verb=str(Verb.PERSON_SHOWN),
                person_id=pk,
                detail={"page": look.page},
                ip_address=look.ip_address,
            )
            for pk in unnamed
        ],
        batch_size=500,
    )
    look.named.update(unnamed)
