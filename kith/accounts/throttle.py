"""Throttling repeated failed sign-ins, counted from the audit log.

Failed sign-ins are already written to the audit log (with the name that was typed and the
address it came from), so the log is the one place that knows how many there have been: no
second counter to drift, and it works across every process serving Kith.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb

# One address may be shared by a whole office, so it gets more room than one sign-in name.
ADDRESS_ALLOWANCE = 4


def sign_in_locked_until(username: str, address: str | None, now: datetime) -> datetime | None:
    """When repeated failures for this sign-in name, or from this address, stop blocking the
    next attempt; None if the attempt may go ahead.

    Rule: at most KITH_SIGN_IN_MAX_FAILURES failures for one name (four times as many from
    one address) within the last KITH_SIGN_IN_LOCKOUT_MINUTES. The lock lasts until the window
    has passed since the failure that filled the allowance.
    """
    window = timedelta(minutes=settings.KITH_SIGN_IN_LOCKOUT_MINUTES)
    limit = settings.KITH_SIGN_IN_MAX_FAILURES
    recent = AuditEvent.objects.filter(verb=Verb.SIGN_IN_FAILED, at__gt=now - window)

    by_name = recent.filter(detail__username=username).order_by("-at")
    times = list(by_name.values_list("at", flat=True)[:limit])
    if len(times) >= limit:
        return times[limit - 1] + window

    if address:
        by_address = recent.filter(ip_address=address).order_by("-at")
        address_limit = limit * ADDRESS_ALLOWANCE
        times = list(by_address.values_list("at", flat=True)[:address_limit])
        if len(times) >= address_limit:
            return times[address_limit - 1] + window
    return None
