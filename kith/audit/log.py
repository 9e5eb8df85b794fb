"""The one writer of the audit log."""

from __future__ import annotations

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
    reads.named(getattr(person, "pk", None))
    return AuditEvent.objects.create(
        by=actor,
        verb=str(verb),
        person=person,
        why=why,
        detail=detail or {},
        ip_address=client_address(request),
    )
