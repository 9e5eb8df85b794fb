"""The one writer of the audit log, and where each event says it came from."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kith.audit import reads
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.lib import proxies


def client_address(request: HttpRequest | None) -> str | None:
    """The address a request came from: REMOTE_ADDR, unless that is one of KITH_TRUSTED_PROXIES,
    when it is the right-most address in X-Forwarded-For that is not one of our proxies (see
    kith/lib/proxies.py). Sign-in throttling counts by it, so it must not be the client's to
    choose."""
    if request is None:
        return None
    return proxies.client_address(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        settings.KITH_TRUSTED_PROXIES,
    )


# The address of the request being answered (set by audit/middleware.py for every request), so
# an action deep in a page records where the page was asked from without being handed the
# request.
_address: ContextVar[str | None] = ContextVar("address", default=None)


@contextmanager
def answering_from(address: str | None) -> Iterator[None]:
    """While a request from `address` is answered, every event recorded says it came from it."""
    token = _address.set(address)
    try:
        yield
    finally:
        _address.reset(token)


def storable(value: Any) -> Any:
    """What was typed, as the database can keep it: PostgreSQL's text and JSON cannot hold a
    NUL character, so each is kept as U+FFFD (a character that could not be shown), and the
    event is still written, whatever was typed."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [storable(v) for v in value]
    return value


def record(
    *,
    by: Any,
    verb: Verb,
    person: Any = None,
    why: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one event to the audit log. `by` may be None or an anonymous user (a failed
    sign-in); the address is the request's being answered (outside a request: none)."""
    actor = by if getattr(by, "is_authenticated", False) else None
    reads.named(getattr(person, "pk", None))
    return AuditEvent.objects.create(
        by=actor,
        verb=str(verb),
        person=person,
        why=storable(why),
        detail=storable(detail or {}),
        ip_address=_address.get(),
    )
