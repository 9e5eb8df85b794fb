"""Throttling repeated failed sign-ins, counted before each password is checked.

An attempt is counted as a failure *before* its password is hashed, in one transaction that
locks the counts (SignInThrottle rows): thirty wrong passwords sent at once are counted one
after another, and those past the allowance are refused without being tried. A right password
then gives its attempt back. Counts are kept per sign-in name and per name from one address,
never per address alone, so one person's mistakes cannot lock out an office behind one address.
The audit log still records every attempt (docs/decisions/0003-sign-in-throttling.md).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from kith.accounts.models import SignInThrottle

# A name's failures (from any address) are forgotten after a day without one, or at once when
# someone signs in with it. Long enough that a slow guesser never gets a fresh allowance.
NAME_MEMORY = timedelta(days=1)


def name_key(username: str) -> str:
    return f"name:{username}"


def name_and_address_key(username: str, address: str | None) -> str:
    return f"name+address:{username} {address or 'unknown'}"


def lockout() -> timedelta:
    return timedelta(minutes=settings.KITH_SIGN_IN_LOCKOUT_MINUTES)


def name_and_address_wait_until(failures: int, last_failure_at: datetime | None) -> datetime | None:
    """When one name may be tried again from one address, given its failures from there.

    Rule: KITH_SIGN_IN_MAX_FAILURES failures are allowed. The failure that fills the allowance
    locks the name from that address for KITH_SIGN_IN_LOCKOUT_MINUTES; attempts refused
    meanwhile are not counted, so they do not make the lock longer. The failures are forgotten
    when KITH_SIGN_IN_LOCKOUT_MINUTES pass without one, so after the lock the allowance is whole
    again. None: no wait.
    """
    if last_failure_at is None or failures < settings.KITH_SIGN_IN_MAX_FAILURES:
        return None
    return last_failure_at + lockout()


def name_wait_until(failures: int, last_failure_at: datetime | None) -> datetime | None:
    """When a name may be tried again from any address, given its failures from everywhere.

    Rule: a growing delay, never a lock-out. After n failures, n at least
    KITH_SIGN_IN_MAX_FAILURES, the next attempt must wait 2^(n - KITH_SIGN_IN_MAX_FAILURES)
    seconds after the last failure (1, 2, 4, 8 …), at most KITH_SIGN_IN_LOCKOUT_MINUTES. A
    guesser spread over many addresses is slowed to one guess per KITH_SIGN_IN_LOCKOUT_MINUTES,
    while someone whose name is being guessed waits at most that long. The failures are
    forgotten after NAME_MEMORY without one. None: no wait.
    """
    limit = settings.KITH_SIGN_IN_MAX_FAILURES
    if last_failure_at is None or failures < limit:
        return None
    cap = settings.KITH_SIGN_IN_LOCKOUT_MINUTES * 60
    return last_failure_at + timedelta(seconds=min(2 ** min(failures - limit, 62), cap))


def _counts(key: str, now: datetime, memory: timedelta) -> SignInThrottle:
    """The counts for `key`, locked until the transaction ends; forgotten if the last failure
    was longer than `memory` ago."""
    counts, _ = SignInThrottle.objects.select_for_update().get_or_create(key=key)
    if counts.last_failure_at is not None and now >= counts.last_failure_at + memory:
        counts.failures, counts.first_failure_at, counts.last_failure_at = 0, None, None
    return counts


def reserve_attempt(username: str, address: str | None, now: datetime) -> datetime | None:
    """Count this sign-in attempt as a failure before its password is checked, or refuse it.

    Returns None when the attempt may go ahead: it is already counted, and `give_back` undoes
    that if the password turns out right. Returns when to try again when it must wait (by
    the rules above; the later of the two); a refused attempt is not counted. The two counts
    are locked (select_for_update on PostgreSQL; SQLite's IMMEDIATE transactions take the write
    lock at the start), so attempts sent at the same moment are decided one after another.
    """
    with transaction.atomic():
        by_name = _counts(name_key(username), now, NAME_MEMORY)
        by_address = _counts(name_and_address_key(username, address), now, lockout())
        waits = [
            name_wait_until(by_name.failures, by_name.last_failure_at),
            name_and_address_wait_until(by_address.failures, by_address.last_failure_at),
        ]
        until = max((w for w in waits if w is not None and w > now), default=None)
        if until is not None:
            return until
        for counts in (by_name, by_address):
            counts.failures += 1
            counts.first_failure_at = counts.first_failure_at or now
            counts.last_failure_at = now
            counts.save(update_fields=["failures", "first_failure_at", "last_failure_at"])
    return None


def give_back(username: str, address: str | None) -> None:
    """The password was right: forget the failures for the name and for the name from this
    address (including the attempt just reserved). Other addresses' counts for the name stay."""
    SignInThrottle.objects.filter(
        key__in=[name_key(username), name_and_address_key(username, address)]
    ).update(failures=0, first_failure_at=None, last_failure_at=None)
