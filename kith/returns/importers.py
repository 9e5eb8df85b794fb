"""Who an import of earlier returns is recorded as: a data officer, named or the first one."""

from __future__ import annotations

from django.core.management.base import CommandError

from kith.accounts.models import User
from kith.accounts.roles import Role


def importing_user(username: str) -> User:
    users = User.objects.filter(is_active=True)
    found = (
        users.filter(username=username).first()
        if username
        else users.filter(role=Role.DATA_OFFICER).order_by("pk").first()
    )
    if found is None:
        raise CommandError(
            "Say who is importing with --by (a data officer's sign-in name); there is no such user."
            if username
            else "There is no data officer to import as: use --by."
        )
    return found
