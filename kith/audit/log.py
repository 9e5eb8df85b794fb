"""The one writer of the audit log."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb


def client_address(request: HttpRequest | None) -> str | None:
    """The address a request came from. Behind a proxy, set the proxy to pass REMOTE_ADDR."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    *,
    by: Any,
    verb: Verb,
    person: Any = None,
    why: str = "",
    detail: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Add one event to the audit log. `by` may be None or an anonymous user (a failed
    sign-in); the address comes from `request` when given."""
    actor = by if getattr(by, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        by=actor,
        verb=str(verb),
        person=person,
        why=why,
        detail=detail or {},
        ip_address=client_address(request),
    )
