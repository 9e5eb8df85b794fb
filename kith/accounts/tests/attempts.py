"""Sign-in attempts for the throttling tests: counting the passwords Django actually checks, and
sending many attempts at the same moment."""

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.urls import reverse

from kith.test import post_at_once

real_check_password = AbstractBaseUser.check_password


@contextmanager
def counting_password_checks() -> Iterator[list[str]]:
    """Yields a list that gets the sign-in name each time a password is hashed and compared.
    Safe across threads: appending to a list is atomic in CPython."""
    checks: list[str] = []

    def check_password(user: AbstractBaseUser, raw_password: str | None) -> bool:
        checks.append(user.get_username())
        return real_check_password(user, raw_password)

    with mock.patch.object(AbstractBaseUser, "check_password", check_password):
        yield checks


def at_once(clients: list[Client], url: str, data: dict[str, str]) -> list[int]:
    """POST `data` to `url` from every client, all let go together (kith.test.post_at_once).
    Returns the status codes, sorted."""
    return sorted(r.status_code for r in post_at_once([(c, url, data) for c in clients]))


def sign_in_at_once(username: str, times: int) -> list[int]:
    """`times` wrong passwords for `username` from one address (the test client's), at once."""
    clients = [Client() for _ in range(times)]
    data = {"username": username, "password": "wrong-password"}
    return at_once(clients, reverse("accounts:sign_in"), data)
