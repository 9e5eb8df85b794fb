"""The race of test_throttle_race.py against a SQLite file, in a Python of its own:

    python -m kith.accounts.tests.sqlite_race USERNAME TIMES

The test suite's SQLite database is in memory, shared between threads through SQLite's shared
cache, where a second writer is turned away at once ("database table is locked") instead of
waiting its turn as it does with a file. So this runs as Kith is deployed: the SQLite file the
environment names (KITH_SQLITE_PATH or DATABASE_URL), migrated from empty, then the attempts.
Prints what happened as JSON.
"""

import json
import os
import sys

import django

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kith.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from kith.accounts.tests.attempts import counting_password_checks, sign_in_at_once
    from kith.audit.models import AuditEvent
    from kith.audit.verbs import Verb
    from kith.test import make_user

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    username, times = sys.argv[1], int(sys.argv[2])
    call_command("migrate", verbosity=0)
    make_user(username=username)
    with counting_password_checks() as checks:
        statuses = sign_in_at_once(username, times)
    print(
        json.dumps(
            {
                "options": settings.DATABASES["default"]["OPTIONS"],
                "checks": len(checks),
                "statuses": statuses,
                "failed": AuditEvent.objects.filter(verb=Verb.SIGN_IN_FAILED).count(),
                "refused": AuditEvent.objects.filter(verb=Verb.SIGN_IN_REFUSED).count(),
            }
        )
    )
