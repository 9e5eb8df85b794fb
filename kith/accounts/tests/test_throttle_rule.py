"""The throttling rule at its edges, with time moved rather than waited for."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kith.accounts.models import SignInThrottle
from kith.accounts.throttle import (
    give_back,
    name_and_address_wait_until,
    name_wait_until,
    reserve_attempt,
)

OFFICE = "192.0.2.10"
ELSEWHERE = "198.51.100.20"


@pytest.fixture
def limits(settings):
    settings.KITH_SIGN_IN_MAX_FAILURES = 5
    settings.KITH_SIGN_IN_LOCKOUT_MINUTES = 15


@pytest.fixture
def now():
    return timezone.now()


def fail(times, *, at, username="sam", address=OFFICE, apart=timedelta(0)):
    """Attempts that go ahead (and so count as failures until given back)."""
    for n in range(times):
        assert reserve_attempt(username, address, at + n * apart) is None


class NameAndAddressRuleTests:
    def test_no_failures_no_wait(self, limits, now):
        assert name_and_address_wait_until(0, None) is None

    def test_one_below_the_allowance_no_wait(self, limits, now):
        assert name_and_address_wait_until(4, now) is None

    def test_the_failure_that_fills_the_allowance_locks_for_the_lockout(self, limits, now):
        assert name_and_address_wait_until(5, now) == now + timedelta(minutes=15)


class NameRuleTests:
    def test_no_wait_until_the_allowance_is_used(self, limits, now):
        assert name_wait_until(0, None) is None
        assert name_wait_until(4, now) is None

    @pytest.mark.parametrize(
        ("failures", "seconds"), [(5, 1), (6, 2), (7, 4), (8, 8), (14, 512), (15, 900)]
    )
    def test_each_further_failure_doubles_the_wait_up_to_the_lockout(
        self, limits, now, failures, seconds
    ):
        assert name_wait_until(failures, now) == now + timedelta(seconds=seconds)

    def test_a_very_long_run_of_failures_still_waits_only_the_lockout(self, limits, now):
        assert name_wait_until(10_000, now) == now + timedelta(minutes=15)


class ReserveAttemptTests:
    def test_the_failure_that_fills_the_allowance_goes_ahead_the_next_is_refused(
        self, db, limits, now
    ):
        fail(4, at=now)
        assert reserve_attempt("sam", OFFICE, now) is None  # the fifth: tried, and counted
        assert reserve_attempt("sam", OFFICE, now) == now + timedelta(minutes=15)

    def test_the_first_attempt_after_the_lock_goes_ahead_with_a_whole_allowance(
        self, db, limits, now
    ):
        fail(5, at=now)
        ends = now + timedelta(minutes=15)
        assert reserve_attempt("sam", OFFICE, ends - timedelta(microseconds=1)) == ends
        assert reserve_attempt("sam", OFFICE, ends) is None
        counts = SignInThrottle.objects.get(key=f"name+address:sam {OFFICE}")
        assert (counts.failures, counts.first_failure_at) == (1, ends)

    def test_refused_attempts_are_not_counted_so_they_do_not_lengthen_the_lock(
        self, db, limits, now
    ):
        fail(5, at=now)
        for minutes in range(1, 15):
            assert reserve_attempt("sam", OFFICE, now + timedelta(minutes=minutes)) is not None
        assert SignInThrottle.objects.get(key="name:sam").failures == 5
        assert reserve_attempt("sam", OFFICE, now + timedelta(minutes=15)) is None

    def test_failures_spread_out_further_than_the_lockout_never_lock(self, db, limits, now):
        fail(20, at=now, apart=timedelta(minutes=15))
        assert reserve_attempt("sam", OFFICE, now + timedelta(minutes=20 * 15)) is None

    def test_a_lock_at_one_address_only_delays_the_name_elsewhere(self, db, limits, now):
        fail(5, at=now)
        assert reserve_attempt("sam", ELSEWHERE, now) == now + timedelta(seconds=1)
        assert reserve_attempt("sam", ELSEWHERE, now + timedelta(seconds=1)) is None

    def test_a_guesser_spread_over_many_addresses_is_slowed_ever_more(self, db, limits, now):
        at = now
        for n in range(5):
            assert reserve_attempt("sam", f"203.0.113.{n}", at) is None
        waits = []
        for n in range(5, 16):
            until = reserve_attempt("sam", f"203.0.113.{n}", at)
            waits.append((until - at).total_seconds())
            at = until
            assert reserve_attempt("sam", f"203.0.113.{n}", at) is None
        assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900]

    def test_a_name_s_failures_are_forgotten_after_a_day_without_one(self, db, limits, now):
        for n in range(5):
            assert reserve_attempt("sam", f"203.0.113.{n}", now) is None
        a_day_on = now + timedelta(hours=23, minutes=59)
        assert reserve_attempt("sam", ELSEWHERE, a_day_on) is None
        assert SignInThrottle.objects.get(key="name:sam").failures == 6
        assert reserve_attempt("sam", ELSEWHERE, a_day_on + timedelta(days=1)) is None
        assert SignInThrottle.objects.get(key="name:sam").failures == 1

    def test_other_names_failures_do_not_count(self, db, limits, now):
        fail(5, at=now, username="someone-else")
        assert reserve_attempt("sam", OFFICE, now) is None

    def test_many_names_failing_from_one_address_do_not_lock_that_address(self, db, limits, now):
        for n in range(100):
            fail(2, at=now, username=f"guess{n}")
        assert reserve_attempt("sam", OFFICE, now) is None


class GiveBackTests:
    def test_a_right_password_forgets_the_name_s_failures_and_the_address_s(self, db, limits, now):
        fail(4, at=now)
        assert reserve_attempt("sam", OFFICE, now) is None
        give_back("sam", OFFICE)  # the fifth attempt had the right password
        fail(4, at=now)
        assert reserve_attempt("sam", OFFICE, now) is None
        assert SignInThrottle.objects.get(key="name:sam").failures == 5

    def test_it_leaves_the_name_s_failures_at_other_addresses(self, db, limits, now):
        fail(5, at=now, address=ELSEWHERE)
        fail(1, at=now + timedelta(seconds=1))
        give_back("sam", OFFICE)
        assert reserve_attempt("sam", ELSEWHERE, now) == now + timedelta(minutes=15)
        assert reserve_attempt("sam", OFFICE, now) is None
