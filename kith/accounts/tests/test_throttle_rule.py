"""The throttling rule at its edges, with time moved rather than waited for."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kith.accounts.throttle import sign_in_locked_until
from kith.audit.log import record
from kith.audit.verbs import Verb


def failures(n, username="sam"):
    return [
        record(by=None, verb=Verb.SIGN_IN_FAILED, detail={"username": username}) for _ in range(n)
    ]


@pytest.fixture
def limits(settings):
    settings.KITH_SIGN_IN_MAX_FAILURES = 5
    settings.KITH_SIGN_IN_LOCKOUT_MINUTES = 15


def test_no_failures_no_lock(db, limits):
    assert sign_in_locked_until("sam", None, timezone.now()) is None


def test_one_below_the_limit_no_lock(db, limits):
    failures(4)
    assert sign_in_locked_until("sam", None, timezone.now()) is None


def test_at_the_limit_locked_until_the_window_has_passed(db, limits):
    events = failures(5)
    until = sign_in_locked_until("sam", None, timezone.now())
    assert until == events[0].at + timedelta(minutes=15)


def test_the_lock_ends_when_the_oldest_counted_failure_leaves_the_window(db, limits):
    events = failures(5)
    just_before = events[0].at + timedelta(minutes=15) - timedelta(seconds=1)
    just_after = events[0].at + timedelta(minutes=15)
    assert sign_in_locked_until("sam", None, just_before) is not None
    assert sign_in_locked_until("sam", None, just_after) is None


def test_other_names_failures_do_not_count(db, limits):
    failures(5, username="someone-else")
    assert sign_in_locked_until("sam", None, timezone.now()) is None
